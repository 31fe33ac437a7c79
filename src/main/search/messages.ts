// Finding messages by what the user typed: the FTS5 terms of query.ts run by the store, so the
// results come back as a folder page (same rows, badges and D/A/C/E) the message list shows as is.
import type { MessagePage, SearchMessagesOptions, Store } from '../store';
import { ftsTerms } from './query';

/** What to search for: typed text, in one folder or (folderId null) in every folder of every account. */
export type MessageSearch = Omit<SearchMessagesOptions, 'terms'> & { query: string };

/** A page of the messages matching typed text; typed text with no word to look for matches nothing. */
export function searchMessages(store: Store, search: MessageSearch): MessagePage {
  const { query, ...options } = search;
  const terms = ftsTerms(query);
  if (terms === null) return { total: 0, offset: options.offset, rows: [] };
  return store.searchMessages({ ...options, terms });
}
