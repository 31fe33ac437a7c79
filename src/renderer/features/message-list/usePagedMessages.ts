// Pages of a message list fetched on demand as the virtual list scrolls, so a folder of 100,000
// messages costs a few hundred rows in memory. A store change refetches the pages in view while
// the old rows stay on screen (no flicker during a sync).
import type { StoreChangedEvent } from '../../../shared/api';
import type { MessageRow } from '../../../shared/api-values';
import { api } from '../../api';
import { usePagedRows } from '../../hooks/usePagedRows';

/** Sort column of the list. */
export type SortField = 'date' | 'from' | 'subject' | 'size';

/** What the list shows: a folder, "Importati" (messages brought in from files), or the messages matching a search in one folder or (folderId null) in all. */
export type ListSource = { kind: 'folder'; folderId: number } | { kind: 'imported' } | { kind: 'search'; query: string; folderId: number | null };

// What a folder's rows show: the messages, their PEC badges (receipts) and the sent copies.
const REFRESH_ON: StoreChangedEvent['entities'] = ['messages', 'receipts', 'sent'];

/** The list of a source (none: nothing fetched): total (null until known), a row getter, and a way to ask for the rows in view. */
export function usePagedMessages(source: ListSource | null, sort: SortField, direction: 'asc' | 'desc') {
  return usePagedRows<MessageRow>(
    source === null ? null : JSON.stringify([source, sort, direction]),
    (offset, limit) => {
      const page = { offset, limit, sort, direction };
      // Only called with a key, so with a source.
      if (source?.kind === 'search') return api.searchMessages({ query: source.query, folderId: source.folderId ?? undefined, ...page });
      if (source?.kind === 'imported') return api.listImported(page);
      return api.listMessages({ folderId: source?.folderId ?? 0, ...page });
    },
    REFRESH_ON,
  );
}
