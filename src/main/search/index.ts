// The search domain: what the user types in the search field, parsed as the syntax people know from
// webmail and run as safe queries over the store. Other domains reach it only through this file.

/** The typed syntax: words, "phrases", OR, -not, prefix*, and filters (da:, a:, oggetto:, tipo:, …). */
export { parseQuery, MAX_CLAUSES, type ParsedQuery, type ParseResult, type SyntaxError, type SyntaxProblem } from './syntax';
/** The filter names (Italian and English) and the PEC kinds `tipo:` knows. */
export { FILTER_NAMES, PEC_TYPE_NAMES } from './filters';
/** A parsed search as the store's condition; text as one safe FTS5 string. */
export { conditionOf, ftsString } from './query';
/** A page of the messages matching typed text, in one folder or in all, or why it cannot be searched. */
export { searchMessages, type MessageSearch, type SearchOutcome, type SearchProblem } from './messages';
