// The search domain: what the user types in the search field, turned into safe FTS5 queries and
// run over the store. Other domains reach it only through this file.

/** Typed text as FTS5 MATCH expressions, one quoted prefix per term, no operator the user did not mean; null when nothing to look for. */
export { ftsTerms } from './query';
/** A page of the messages whose subject, senders, body text or attachment names match every typed word, in one folder or in all. */
export { searchMessages, type MessageSearch } from './messages';
