// The search syntax people know from webmail, parsed from what they type in the search field:
//
//   fattura rossi          every word (each as the start of a word, as the user types)
//   "atto di citazione"    the exact phrase (add * after the quote for its last word's start)
//   fattura OR parcella    either (OR in capitals binds the terms beside it: a b OR c = a AND (b OR c))
//   -bozza                 not this (also -da:…, -"…")
//   citaz*                 the start of a word (the same as a plain word; accepted because people type it)
//   da: a: oggetto: allegato: ha:allegato tipo: cartella: account: tag: prima: dopo: con:
//   (and from: to: subject: attachment: has:attachment type: folder: before: after: with:),
//   each with a word or a "quoted value": da:"Mario Rossi".
//
// Nothing typed ever reaches SQLite as syntax: terms come out as plain strings the search domain
// quotes for FTS5. Parentheses, NEAR, AND, NOT, ^ and lone * or - are not operators here, they are
// separators or ignored, so a lawyer pasting `"atto" - citazione (NEAR)` gets those words. What
// cannot mean anything (an unclosed quote, an unknown filter, a date that is no day) is an error
// with the offending text, which the renderer words in the user's language: never an empty list
// without a reason.
import { FILTER_NAMES, HAS_ATTACHMENT, parseDay, PEC_TYPE_NAMES, pecTypeKey, type Day, type FilterField, type PecTypeFilter } from './filters';

/** Words to find: as word starts (prefix) or exactly (a quoted phrase), anywhere or in one field. */
export interface TextTerm {
  type: 'text';
  /** null: subject, senders, body text, attachment names or the user's note; else only there. */
  field: null | 'from' | 'to' | 'subject' | 'attachment' | 'note';
  text: string;
  /** A quoted phrase without a trailing *: its words exactly, in order. */
  exact: boolean;
}

/** A restriction that is not words. */
export type FilterTerm =
  | { type: 'has-attachment' }
  | { type: 'pec-type'; value: PecTypeFilter }
  | { type: 'folder' | 'account' | 'tag' | 'with'; value: string }
  | { type: 'before' | 'after'; day: Day };

/** One term, possibly negated. */
export interface Alternative {
  negated: boolean;
  term: TextTerm | FilterTerm;
}

/** What every result must satisfy: each clause, where a clause holds when any of its alternatives does. */
export interface ParsedQuery {
  clauses: Alternative[][];
}

/** Why typed text cannot be searched for. */
export type SyntaxProblem =
  | 'unclosed-quote'
  | 'unknown-filter'
  | 'empty-value'
  | 'unknown-type'
  | 'unknown-has'
  | 'bad-date'
  | 'dangling-or'
  | 'only-negated';

/** The problem and the text it is about (the filter, the value, the quote's start). */
export interface SyntaxError {
  problem: SyntaxProblem;
  token: string;
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; error: SyntaxError };

// A page of pasted text would make one search read the indexes hundreds of times for results no
// narrower than its first words give.
export const MAX_CLAUSES = 16;

// unicode61's word characters: letters, digits and private-use code points. A term without any is
// only separators for the tokenizer, which would match nothing: it is dropped.
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;
// Whitespace and control characters (NUL included) separate terms, and so do parentheses, which
// are not grouping here: "(NEAR)" is the word NEAR.
const SEPARATOR = /[\s\p{Cc}()]/u;
const FILTER = /^(\p{L}+):(.*)$/su;

type Token = { kind: 'or' } | { kind: 'term'; alternative: Alternative | null };

class Reader {
  position = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.position >= this.text.length;
  }

  peek(): string {
    return this.text[this.position];
  }

  skipSeparators(): void {
    while (!this.done && SEPARATOR.test(this.peek())) this.position++;
  }

  /** The text up to the next separator or quote. */
  word(): string {
    const start = this.position;
    while (!this.done && !SEPARATOR.test(this.peek()) && this.peek() !== '"') this.position++;
    return this.text.slice(start, this.position);
  }

  /** The text between the quote at the reader and the next one; null when it is never closed. */
  quoted(): string | null {
    const close = this.text.indexOf('"', this.position + 1);
    if (close < 0) return null;
    const inner = this.text.slice(this.position + 1, close);
    this.position = close + 1;
    return inner;
  }
}

class ParseFailure extends Error {
  constructor(readonly syntax: SyntaxError) {
    super(`${syntax.problem}: ${syntax.token}`);
  }
}

const fail = (problem: SyntaxProblem, token: string): never => {
  throw new ParseFailure({ problem, token });
};

/** Parses typed text; `{clauses: []}` when it holds nothing to look for. */
export function parseQuery(typed: string): ParseResult {
  try {
    return { ok: true, query: { clauses: clausesOf(tokens(new Reader(typed))) } };
  } catch (err) {
    if (err instanceof ParseFailure) return { ok: false, error: err.syntax };
    throw err;
  }
}

function tokens(reader: Reader): Token[] {
  const out: Token[] = [];
  for (reader.skipSeparators(); !reader.done; reader.skipSeparators()) out.push(token(reader));
  return out;
}

function token(reader: Reader): Token {
  let negated = false;
  if (reader.peek() === '-') {
    reader.position++;
    // A dash on its own ("atto - citazione") is punctuation, not "not".
    if (reader.done || SEPARATOR.test(reader.peek())) return { kind: 'term', alternative: null };
    negated = true;
  }
  if (reader.peek() === '"') {
    const start = reader.position;
    const inner = reader.quoted();
    if (inner === null) fail('unclosed-quote', reader.text.slice(start, start + 30));
    const prefix = reader.peek() === '*';
    if (prefix) reader.position++;
    return textToken(negated, null, inner!, !prefix);
  }
  const word = reader.word();
  if (!negated && word === 'OR') return { kind: 'or' };
  const filter = FILTER.exec(word);
  if (filter) {
    const field = FILTER_NAMES[filter[1].toLowerCase()];
    if (field) return { kind: 'term', alternative: filterTerm(reader, negated, field, filter[1], filter[2]) };
    // "Re:", "R:", "Fwd:" pasted from a subject are words; "xyz:valore" is a filter PecDesk does not know.
    if (filter[2] && !filter[2].startsWith('//')) fail('unknown-filter', `${filter[1]}:`);
  }
  return textToken(negated, null, word.endsWith('*') ? word.slice(0, -1) : word, false);
}

function textToken(negated: boolean, field: TextTerm['field'], text: string, exact: boolean): Token {
  if (!WORD_CHARACTER.test(text)) return { kind: 'term', alternative: null };
  return { kind: 'term', alternative: { negated, term: { type: 'text', field, text, exact } } };
}

function filterTerm(reader: Reader, negated: boolean, field: FilterField, name: string, written: string): Alternative | null {
  let value = written;
  let quoted = false;
  if (!value && reader.peek() === '"') {
    const start = reader.position;
    const inner = reader.quoted();
    if (inner === null) fail('unclosed-quote', reader.text.slice(start, start + 30));
    value = inner!;
    quoted = true;
  }
  value = value.trim();
  if (!value) fail('empty-value', `${name}:`);
  const term = (t: TextTerm | FilterTerm): Alternative => ({ negated, term: t });
  switch (field) {
    case 'from':
    case 'to':
    case 'subject':
    case 'attachment':
    case 'note': {
      if (!WORD_CHARACTER.test(value)) fail('empty-value', `${name}:`);
      const prefix = value.endsWith('*');
      return term({ type: 'text', field, text: prefix ? value.slice(0, -1) : value, exact: quoted && !prefix });
    }
    case 'has':
      if (!HAS_ATTACHMENT.has(value.toLowerCase())) fail('unknown-has', `${name}:${value}`);
      return term({ type: 'has-attachment' });
    case 'type': {
      const type = PEC_TYPE_NAMES[pecTypeKey(value)];
      if (!type) fail('unknown-type', value);
      return term({ type: 'pec-type', value: type });
    }
    case 'before':
    case 'after': {
      const day = parseDay(value);
      if (!day) fail('bad-date', value);
      return term({ type: field, day: day! });
    }
    default:
      return term({ type: field, value });
  }
}

function clausesOf(tokens: Token[]): Alternative[][] {
  const clauses: Alternative[][] = [];
  let joinNext = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'or') {
      // OR needs a term on each side: "fattura OR" alone is a search still being typed, or a mistake.
      const next = tokens.slice(i + 1).find((n) => n.kind === 'or' || n.alternative !== null);
      if (joinNext || !clauses.length || !next || next.kind === 'or') fail('dangling-or', 'OR');
      joinNext = true;
      continue;
    }
    if (!t.alternative) continue;
    if (joinNext) clauses[clauses.length - 1].push(t.alternative);
    else clauses.push([t.alternative]);
    joinNext = false;
  }
  // "-bozza" alone would list the whole mailbox but that word: a search must say what it looks for.
  if (clauses.length && !clauses.some((clause) => clause.every((a) => !a.negated))) fail('only-negated', '-');
  return clauses.slice(0, MAX_CLAUSES);
}
