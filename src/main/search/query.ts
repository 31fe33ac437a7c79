// A parsed search (syntax.ts) as the condition the store runs (https://sqlite.org/fts5.html §3).
//
// Words never reach FTS5 as syntax: each becomes an FTS5 string ("…" with inner quotes doubled,
// §3.1), where `*`, `-`, `:`, `^`, NEAR, AND, OR and NOT are plain text, and the tokenizer turns
// its punctuation into word breaks: `mario.rossi@pec.it` stays one phrase, its words in that order.
// A word (not a quoted phrase) ends in `*` (§3.3, on the phrase's last word), so "citaz" finds
// "citazione" as the user types. Accents are folded by the tables' tokenizer (unicode61
// remove_diacritics 2), on the query as on the text, so "attivita" finds "attività".
//
// One store clause per typed clause rather than one FTS5 expression: a message is found when each
// word matches its subject, a sender, its text OR one of its attachment names, and those live in
// two FTS5 tables, so "fattura rossi" must find the PEC from rossi@ whose attachment is fattura.pdf.
import type { SearchCondition, SearchLeaf } from '../store';
import type { Day } from './filters';
import type { Alternative, ParsedQuery, TextTerm } from './syntax';

/** Text as one FTS5 string: its words exactly, in order, the last one as a word start unless `exact`. */
export function ftsString(text: string, exact: boolean): string {
  return `"${text.replaceAll('"', '""')}"${exact ? '' : '*'}`;
}

/** Midnight starting `day` on this computer's clock, the day the user means. */
function startOfDay(day: Day): number {
  return new Date(day.year, day.month - 1, day.day).getTime();
}

const TEXT_FIELDS: Record<NonNullable<TextTerm['field']> | 'any', (match: string) => SearchLeaf> = {
  any: (match) => ({ field: 'text', match }),
  from: (match) => ({ field: 'sender', match }),
  to: (match) => ({ field: 'recipients', match }),
  subject: (match) => ({ field: 'subject', match }),
  attachment: (match) => ({ field: 'attachment', match }),
  note: (match) => ({ field: 'note', match }),
};

function leafOf({ term }: Alternative): SearchLeaf {
  switch (term.type) {
    case 'text':
      return TEXT_FIELDS[term.field ?? 'any'](ftsString(term.text, term.exact));
    case 'has-attachment':
      return { field: 'has-attachment' };
    case 'pec-type':
      return 'kind' in term.value ? { field: 'kind', kind: term.value.kind } : { field: 'receipt-type', receiptType: term.value.receiptType };
    case 'folder':
      return { field: 'folder', text: term.value };
    case 'account':
      return { field: 'account', text: term.value };
    case 'tag':
      return { field: 'tag', tag: term.value };
    case 'with':
      return { field: 'correspondent', address: term.value.toLowerCase() };
    case 'after':
      return { field: 'since', ms: startOfDay(term.day) };
    case 'before':
      return { field: 'before', ms: startOfDay(term.day) };
  }
}

/** The store's condition for a parsed search; null when it asks for nothing. */
export function conditionOf(query: ParsedQuery): SearchCondition | null {
  if (!query.clauses.length) return null;
  return { clauses: query.clauses.map((clause) => clause.map((a) => ({ negated: a.negated, leaf: leafOf(a) }))) };
}
