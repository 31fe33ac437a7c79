// Finding messages by what the user typed: the syntax parsed (syntax.ts), turned into the store's
// condition (query.ts) and run by the store, so the results come back as a folder page (same rows,
// badges and D/A/C/E) the message list shows as is.
import type { MessagePage, SearchMessagesOptions, SearchStore } from '../store';
import { conditionOf } from './query';
import { parseQuery, type SyntaxError } from './syntax';

/** What to search for: typed text, in one folder or (folderId null) in every folder of every account. */
export type MessageSearch = Omit<SearchMessagesOptions, 'condition'> & { query: string };

/** Why typed text finds nothing without being searched: its syntax. */
export type SearchProblem = SyntaxError;

/** A page of results, or the reason the typed text cannot be searched for. */
export type SearchOutcome = { ok: true; page: MessagePage } | { ok: false; error: SearchProblem };

/** A page of the messages matching typed text; typed text with nothing to look for matches nothing. */
export function searchMessages(store: Pick<SearchStore, 'searchMessages'>, search: MessageSearch): SearchOutcome {
  const { query, ...options } = search;
  const parsed = parseQuery(query);
  if (!parsed.ok) return parsed;
  const condition = conditionOf(parsed.query);
  if (condition === null) return { ok: true, page: { total: 0, offset: options.offset, rows: [] } };
  return { ok: true, page: store.searchMessages({ ...options, condition }) };
}
