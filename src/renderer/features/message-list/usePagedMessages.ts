// Pages of a folder's message list fetched on demand as the virtual list scrolls, so a folder of
// 100,000 messages costs a few hundred rows in memory. A store change refetches the pages in view
// while the old rows stay on screen (no flicker during a sync).
import type { StoreChangedEvent } from '../../../shared/api';
import type { MessageRow } from '../../../shared/api-values';
import { api } from '../../api';
import { usePagedRows } from '../../hooks/usePagedRows';

/** Sort column of the list. */
export type SortField = 'date' | 'from' | 'subject' | 'size';

// What a folder's rows show: the messages, their PEC badges (receipts) and the sent copies.
const REFRESH_ON: StoreChangedEvent['entities'] = ['messages', 'receipts', 'sent'];

/** The list of one folder (none: nothing fetched): total, a row getter, and a way to ask for the rows in view. */
export function usePagedMessages(folderId: number | null, sort: SortField, direction: 'asc' | 'desc') {
  const { total, error, rowAt, ensurePage } = usePagedRows<MessageRow>(
    folderId === null ? null : `${folderId}:${sort}:${direction}`,
    // Only called with a key, so with a folder.
    (offset, limit) => api.listMessages({ folderId: folderId ?? 0, offset, limit, sort, direction }),
    REFRESH_ON,
  );
  return { total: total ?? 0, error, rowAt, ensurePage };
}
