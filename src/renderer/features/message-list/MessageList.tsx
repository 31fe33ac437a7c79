// The message list: virtualized (only the rows in view exist in the DOM), sortable, keyboard
// driven, with a search field above it. Columns follow the PECMailer tradition: sender, subject,
// date, clip, PEC badges; search results show the same columns and open the same way. Delete
// removes the selected message, and the selection goes on to the next one, as in every mail client.
// Ctrl/⌘-click marks several messages; dragging a row (or the marked ones) onto a folder of the
// tree moves them there. Each row shows the user's tags.
import { useEffect, useImperativeHandle, useState, type DragEvent, type KeyboardEvent, type ReactElement, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderView, MessageRow } from '../../../shared/api-values';
import { Icon } from '../../components/Icon';
import { DacBadge, KindBadge, rowTrust } from '../../components/PecBadges';
import { TrustMark } from '../../components/TrustBadge';
import { formatListDate } from '../../i18n/format';
import { endDrag, startDrag } from '../organize/dnd';
import { TagChips } from '../organize/TagChips';
import { useVirtualPages } from '../../hooks/usePagedRows';
import { folderName } from '../folders/FolderTree';
import { useWorkspace } from '../workspace/workspace';
import { SearchField } from './SearchField';
import { useListSource } from './useListSource';
import { usePagedMessages, type SortField } from './usePagedMessages';

const ROW_HEIGHT = 30;

/** A window event asking the visible list to select the next (detail 1) or previous (-1) message: the J and K shortcuts. */
export const LIST_STEP_EVENT = 'pecdesk:list-step';

/** What the mailbox asks of its list. */
export interface MessageListHandle {
  /**
   * Runs `action` (a move or deletion of the selected message, resolving to whether it was done);
   * when done, selects the message that followed it (the one before it at the end of the list).
   */
  removeSelected(action: () => Promise<boolean>): Promise<void>;
}

/** The list of the selected folder, or of the messages a search found. */
export function MessageList(props: {
  folder: FolderView | null;
  /** The list shows "Importati", the messages brought in from files (folder is null then). */
  imported?: boolean;
  selectedId: number | null;
  onSelect(row: MessageRow | null): void;
  onOpen(row: MessageRow): void;
  /** The Delete key on the selected message. */
  onDelete(): void;
  ref?: Ref<MessageListHandle>;
}): ReactElement {
  const { t } = useTranslation();
  const [sort, setSort] = useState<SortField>('date');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const folderId = props.folder?.id ?? null;
  const { correspondence } = useWorkspace();
  const { query, setQuery, scope, setScope, source } = useListSource(folderId, props.imported ?? false, correspondence);
  const sourceKey = JSON.stringify(source);
  const list = usePagedMessages(source, sort, direction);
  const { error, rowAt, ensurePage, searchProblem } = list;
  const problemText = searchProblem ? t(`searchSyntax.problem.${searchProblem.code}`, { token: searchProblem.token }) : null;
  const total = list.total ?? 0;
  const [cursor, setCursor] = useState<number | null>(null);
  // Ctrl/⌘-clicked messages, for a drag of several; cleared by a plain click or another list.
  const [marked, setMarked] = useState<ReadonlySet<number>>(new Set());
  // Recipients instead of the sender in a Sent folder, not in results from many folders.
  const showRecipients = source !== null && source.kind !== 'imported' && source.folderId !== null && props.folder?.role === 'sent';

  const { scrollRef, virtualizer, items } = useVirtualPages(total, ensurePage, ROW_HEIGHT, 30);

  useEffect(() => {
    setCursor(null);
    setMarked(new Set());
    virtualizer.scrollToOffset(0);
  }, [sourceKey, sort, direction, virtualizer]);

  const dragRow = (e: DragEvent, row: MessageRow) => {
    const folder = props.folder;
    if (!folder || row.folderId !== folder.id) return e.preventDefault();
    const ids = marked.has(row.id) ? [...marked] : [row.id];
    startDrag(e, { kind: 'messages', accountId: folder.accountId, fromFolderId: folder.id, messageIds: ids });
  };

  const sortBy = (field: SortField) => {
    if (field === sort) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(field);
      setDirection(field === 'date' || field === 'size' ? 'desc' : 'asc');
    }
  };

  // Where the selected message is now: the cursor row, unless the list changed under it since (new
  // mail above it, a sync that removed a row); null when it is not among the rows fetched.
  const selectedIndex = (): number | null => {
    if (cursor !== null && rowAt(cursor)?.id === props.selectedId) return cursor;
    for (let i = 0; props.selectedId !== null && i < total; i++) if (rowAt(i)?.id === props.selectedId) return i;
    return null;
  };
  // The row a step (J, K, the arrows) starts from: the selected message, wherever it moved.
  const stepFrom = () => selectedIndex() ?? cursor ?? -1;

  useImperativeHandle(props.ref, () => ({
    async removeSelected(action) {
      const at = selectedIndex();
      const after = at === null ? null : rowAt(at + 1);
      const before = at === null || at === 0 ? null : rowAt(at - 1);
      if (!(await action())) return;
      // Once the list drops the removed row, the next message takes its index.
      setCursor(at === null || (!after && !before) ? null : after ? at : at - 1);
      props.onSelect(after ?? before);
    },
  }));

  const move = (index: number) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setCursor(clamped);
    virtualizer.scrollToIndex(clamped);
    const row = rowAt(clamped);
    if (row) props.onSelect(row);
  };

  // Re-registered on every render so the step starts from the current selection; only the list
  // that is on screen (its tab in front) answers.
  useEffect(() => {
    const onStep = (e: Event) => {
      if (!scrollRef.current || scrollRef.current.offsetParent === null || total === 0) return;
      move(stepFrom() + ((e as CustomEvent<number>).detail < 0 ? -1 : 1));
    };
    window.addEventListener(LIST_STEP_EVENT, onStep);
    return () => window.removeEventListener(LIST_STEP_EVENT, onStep);
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const at = stepFrom();
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + pageRows),
      PageUp: () => move(at - pageRows),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const row = cursor !== null ? rowAt(cursor) : null;
        if (row) props.onOpen(row);
      },
      Delete: () => {
        if (props.selectedId !== null) props.onDelete();
      },
    };
    const action = keys[e.key];
    if (action && total > 0) {
      e.preventDefault();
      action();
    }
  };

  const header = (field: SortField, label: string) => (
    <span role="columnheader" aria-sort={sort === field ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="col-sort" onClick={() => sortBy(field)}>
        {label}
        {sort === field && <span className="sort-arrow" aria-hidden="true">{direction === 'asc' ? '▲' : '▼'}</span>}
      </button>
    </span>
  );

  const searchField = (
    <SearchField
      query={query}
      scope={scope}
      hasFolder={folderId !== null}
      onQueryChange={setQuery}
      onScopeChange={setScope}
      problem={problemText}
      onLeaveDown={() => {
        scrollRef.current?.focus();
        if (total > 0) move(0);
      }}
    />
  );

  if (!source) {
    return (
      <div className="message-list">
        {searchField}
        <div className="pane-empty">{t('list.chooseFolder')}</div>
      </div>
    );
  }

  const searching = source.kind === 'search';
  const correspondent = searching ? correspondentOf(source.query) : null;
  const listClass = showRecipients ? 'message-list list-sent' : searching ? 'message-list list-results' : 'message-list';
  return (
    <div className={listClass} data-testid="message-list">
      {searchField}
      {correspondent && (
        <p className="correspondence-banner" data-testid="correspondence-banner">
          <Icon name="user" /> {t('searchSyntax.correspondenceWith', { address: correspondent })}
        </p>
      )}
      {/* One grid for the header and the rows, so assistive technology reads each cell with its column. */}
      <div className="list-table" role="grid" aria-label={t('list.title')} aria-rowcount={total + 1}>
      <div role="rowgroup">
      <div className="list-header list-grid" role="row" aria-rowindex={1}>
        <span role="columnheader" aria-label={t('list.unread')} />
        <span role="columnheader">{t('list.type')}</span>
        {header('from', showRecipients ? t('list.to') : t('list.from'))}
        {header('subject', t('list.subject'))}
        <span className="col-clip" role="columnheader" title={t('list.attachments')} aria-label={t('list.attachments')}>
          <Icon name="clip" />
        </span>
        {header('date', t('list.date'))}
        <span role="columnheader" title={t('list.signature')} aria-label={t('list.signature')}>
          <Icon name="shield" />
        </span>
        {showRecipients && <span role="columnheader">{t('list.dac')}</span>}
        {searching && !showRecipients && <span role="columnheader">{t('searchSyntax.folder')}</span>}
        {searching && !showRecipients && <span role="columnheader">{t('searchSyntax.account')}</span>}
      </div>
      </div>
      <div className="list-scroll" ref={scrollRef} tabIndex={0} role="rowgroup" aria-label={t('list.title')} onKeyDown={onKeyDown}>
        {searchProblem ? (
          <div className="pane-empty" role="row">
            <span role="gridcell">{t('searchSyntax.notSearched')}</span>
          </div>
        ) : (
          (list.total === 0 || (list.total === null && error)) && (
            <div className="pane-empty" role="row">
              <span role="gridcell">{error ?? t(!searching ? 'list.empty' : source.folderId === null ? 'search.noneAll' : 'search.none')}</span>
            </div>
          )
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const selected = row !== null && (row.id === props.selectedId || marked.has(row.id));
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-testid={row ? 'message-row' : undefined}
                data-id={row?.id}
                className={['list-grid', 'list-row', selected ? 'row-selected' : '', row && !row.seen ? 'row-unread' : '', item.index === cursor ? 'row-cursor' : ''].join(' ')}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                draggable={row !== null && props.folder !== null && row.folderId === props.folder.id}
                onDragStart={(e) => row && dragRow(e, row)}
                onDragEnd={endDrag}
                onClick={(e) => {
                  setCursor(item.index);
                  if (!row) return;
                  if (e.ctrlKey || e.metaKey) {
                    const next = new Set(marked.size === 0 && props.selectedId !== null ? [props.selectedId] : marked);
                    if (next.has(row.id)) next.delete(row.id);
                    else next.add(row.id);
                    setMarked(next);
                  } else setMarked(new Set());
                  props.onSelect(row);
                }}
                onDoubleClick={() => row && props.onOpen(row)}
              >
                {row ? <RowCells row={row} showRecipients={showRecipients} showPlace={searching && !showRecipients} /> : <span className="row-loading" role="gridcell">…</span>}
              </div>
            );
          })}
        </div>
      </div>
      </div>
      <div className="list-footer" role="status" data-testid="list-footer">
        {searchProblem ? t('searchSyntax.invalid') : list.total === null ? '…' : searching ? t('search.results', { count: total }) : t('list.count', { count: total })}
      </div>
    </div>
  );
}

/** The address of a search that is only "con:<address>" (Tutta la corrispondenza con…), else null. */
function correspondentOf(query: string): string | null {
  return /^(?:con|with):("?)([^\s"]+)\1$/i.exec(query.trim())?.[2] ?? null;
}

function RowCells({ row, showRecipients, showPlace }: { row: MessageRow; showRecipients: boolean; showPlace: boolean }): ReactElement {
  const { t } = useTranslation();
  const from = showRecipients ? row.to.join(', ') : row.from ? (row.from.name ?? row.from.address) : '';
  return (
    <>
      <span className="col-state" role="gridcell">{!row.seen && <span className="unread-dot" role="img" aria-label={t('list.unread')} />}</span>
      <span className="col-kind" role="gridcell">
        <KindBadge row={row} />
      </span>
      <span className="col-from" role="gridcell" title={showRecipients ? row.to.join(', ') : (row.from?.address ?? '')}>
        {from}
      </span>
      <span className="col-subject" role="gridcell" title={row.subject}>
        <TagChips tags={row.tags} />
        {row.subject || t('message.noSubject')}
      </span>
      <span className="col-clip" role="gridcell">{row.hasAttachments && <Icon name="clip" />}</span>
      <span className="col-date" role="gridcell">{formatListDate(row.date)}</span>
      <span className="col-sig" role="gridcell">
        <TrustMark level={rowTrust(row)} />
      </span>
      {showRecipients && <span className="col-dac" role="gridcell">{row.dac && <DacBadge dac={row.dac} />}</span>}
      {showPlace && (
        <span className="col-folder" role="gridcell" title={row.place?.folderPath}>
          {row.place && folderName({ name: row.place.folderName, role: row.place.folderRole }, t)}
        </span>
      )}
      {showPlace && (
        <span className="col-account" role="gridcell" title={row.place?.accountAddress}>
          {row.place?.accountName || row.place?.accountAddress}
        </span>
      )}
    </>
  );
}
