// The contacts of the chosen group (or all), virtualized: name, organization, PEC with its badge,
// e-mail, tags. A checkbox selects rows for the actions above; a double click (or Enter) edits.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../shared/api-contacts';
import { api } from '../../api';
import { PecStatusBadge } from '../../components/PecStatusBadge';
import { usePagedRows, useVirtualPages } from '../../hooks/usePagedRows';

const ROW_HEIGHT = 30;

/** The contacts list of a scope. */
export function ContactTable(props: {
  groupId: number | null;
  query: string;
  selected: ReadonlySet<number>;
  onSelect(id: number, selected: boolean): void;
  onEdit(contact: ContactDetail): void;
}): ReactElement {
  const { t } = useTranslation();
  const { groupId, query } = props;
  const { total, error, rowAt, ensurePage } = usePagedRows(
    `${groupId}:${query}`,
    (offset, limit) => api.contactsList({ groupId: groupId ?? undefined, query: query.trim() || undefined, offset, limit }),
    ['contacts'],
  );
  const { scrollRef, virtualizer, items } = useVirtualPages(total ?? 0, ensurePage, ROW_HEIGHT);

  return (
    <div className="contact-table" data-testid="contact-table" role="grid" aria-rowcount={(total ?? 0) + 1} aria-label={t('contacts.title')}>
      <div role="rowgroup">
        <div className="contact-grid contact-header" role="row" aria-rowindex={1}>
          <span role="columnheader" aria-label={t('contacts.selectColumn')} />
          <span role="columnheader">{t('contacts.field.name')}</span>
          <span role="columnheader">{t('contacts.field.organization')}</span>
          <span role="columnheader">{t('contacts.field.pec')}</span>
          <span role="columnheader">{t('contacts.field.email')}</span>
          <span role="columnheader">{t('contacts.field.tags')}</span>
        </div>
      </div>
      <div className="contact-scroll" ref={scrollRef} role="rowgroup">
        {total === 0 && <div className="pane-empty" role="row">
            <span role="gridcell">{error ?? (query.trim() ? t('contacts.noMatch') : t('contacts.empty'))}</span>
          </div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const c = rowAt(item.index);
            const checked = c !== null && props.selected.has(c.id);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={-1}
                aria-selected={checked}
                data-testid={c ? 'contact-row' : undefined}
                className={checked ? 'contact-grid contact-row row-selected' : 'contact-grid contact-row'}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onDoubleClick={() => c && props.onEdit(c)}
                onKeyDown={(e) => e.key === 'Enter' && c && props.onEdit(c)}
              >
                {c ? (
                  <>
                    <span role="gridcell">
                      <input type="checkbox" checked={checked} aria-label={t('contacts.select', { name: c.name || c.pec || c.email })} onChange={(e) => props.onSelect(c.id, e.target.checked)} />
                    </span>
                    <span role="gridcell" className="contact-cell">
                      <button type="button" className="link-button contact-open" onClick={() => props.onEdit(c)} title={t('contacts.edit')}>
                        {c.name || c.organization || c.pec || c.email}
                      </button>
                    </span>
                    <span role="gridcell" title={c.organization}>{c.organization}</span>
                    <span role="gridcell" className="contact-pec" title={c.pec}>
                      {c.pec}
                      {c.pec && <PecStatusBadge status={c.pecStatus} />}
                    </span>
                    <span role="gridcell" title={c.email}>{c.email}</span>
                    <span role="gridcell" className="contact-tags">{c.tags.join(', ')}</span>
                  </>
                ) : (
                  <span className="row-loading" role="gridcell">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="list-footer">{total === null ? t('common.loading') : t('contacts.count', { count: total })}</div>
    </div>
  );
}
