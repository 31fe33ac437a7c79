// What the user types in the search field, as FTS5 MATCH expressions (https://sqlite.org/fts5.html §3).
//
// Typed text is never FTS5 syntax: a lawyer pasting `"atto" - citazione (NEAR)` or `OR` must get a
// search for those words, not an operator or an "fts5: syntax error". So every whitespace-separated
// term becomes an FTS5 string ("…" with inner quotes doubled, §3.1), where `*`, `-`, `:`, `(`,
// `^`, NEAR, AND, OR and NOT are plain text, and the tokenizer turns its punctuation into word
// breaks: `mario.rossi@pec.it` stays one phrase, its words in that order. Every term ends in `*`
// (§3.3, on the phrase's last word), so "citaz" finds "citazione" as the user types. Accents are
// folded by the tables' tokenizer (unicode61 remove_diacritics 2), on the query as on the text, so
// "attivita" finds "attività".
//
// One expression per term rather than one AND of them: a message is found when each term matches
// its subject, a sender OR one of its attachment names, and those live in two FTS5 tables, so
// "fattura rossi" must find the PEC from rossi@ whose attachment is fattura.pdf (the store
// requires every term, each in either table).

// unicode61's word characters: letters, digits and private-use code points (its default
// "L* N* Co" categories). A term without any is only separators, an empty phrase that matches
// nothing, so it is dropped.
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

// Control characters (NUL included) are separators for the tokenizer too; they split terms here so
// none reaches SQLite inside a string.
const TERM_SEPARATOR = /[\s\p{Cc}]+/u;

// Each term is a prefix scan of both indexes; a page of pasted text would make one search read
// them hundreds of times for results no narrower than its first words give.
const MAX_TERMS = 16;

/** Typed text as FTS5 MATCH expressions, one quoted prefix string per term, all to be matched; null when it has no word to look for. */
export function ftsTerms(typed: string): string[] | null {
  const terms: string[] = [];
  for (const term of typed.split(TERM_SEPARATOR)) {
    if (!WORD_CHARACTER.test(term) || terms.includes(term)) continue;
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms.length ? terms.map((term) => `"${term.replaceAll('"', '""')}"*`) : null;
}
