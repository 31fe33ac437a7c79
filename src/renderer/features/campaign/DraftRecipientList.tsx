// The recipients of a bulk-send draft as a virtualised list: only the rows in view exist in the
// DOM, fetched a page at a time from the engine where the list is kept (up to 100,000), so the
// window never holds the whole list. `version` changes after every edit: the pages are fetched again.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRecipientView } from '../../../shared/api-campaign-drafts';
import { api } from '../../api';

const ROW_HEIGHT = 24;
const PAGE = 200;

/** The list of one draft; onRemove takes an address out of it. */
export function DraftRecipientList({
  campaignId,
  total,
  version,
  onRemove,
}: {
  campaignId: number | null;
  total: number;
  version: number;
  onRemove(address: string): void;
}): ReactElement {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, DraftRecipientView[]>>(new Map());
  const asked = useRef(new Set<number>());

  useEffect(() => {
    asked.current = new Set();
    setPages(new Map());
  }, [campaignId, version]);

  const ensurePage = useCallback(
    (page: number) => {
      if (campaignId === null || asked.current.has(page)) return;
      asked.current.add(page);
      const stamp = asked.current;
      void api.campaignDraftRecipientsPage({ id: campaignId, offset: page * PAGE, limit: PAGE }).then((res) => {
        // An edit since: these rows are stale, the new pages are asked for by the effect below.
        if (!res.ok || stamp !== asked.current) return;
        setPages((old) => new Map(old).set(page, res.value.rows));
      });
    },
    [campaignId],
  );

  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total === 0) return;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) ensurePage(page);
  }, [first, last, total, pages, ensurePage]);

  return (
    <div className="bulk-recipient-scroll" ref={scrollRef} data-testid="bulk-recipient-list">
      <ul style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
          return (
            <li key={item.index} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              {row ? (
                <>
                  <span>
                    {row.name ? `${row.name} ` : ''}&lt;{row.address}&gt;
                  </span>
                  <button type="button" aria-label={t('common.remove')} onClick={() => onRemove(row.address)}>
                    ×
                  </button>
                </>
              ) : (
                <span className="muted">…</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
