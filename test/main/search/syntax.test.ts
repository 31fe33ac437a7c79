// The search syntax as parsed from typed text: what each construct becomes, what is an error (and
// which), and that no pasted text makes the parser throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CLAUSES, parseQuery, type ParsedQuery, type SyntaxProblem } from '../../../src/main/search';

function parsed(typed: string): ParsedQuery {
  const result = parseQuery(typed);
  if (!result.ok) assert.fail(`${JSON.stringify(typed)} did not parse: ${result.error.problem} ${result.error.token}`);
  return result.query;
}

function problem(typed: string): { problem: SyntaxProblem; token: string } {
  const result = parseQuery(typed);
  if (result.ok) assert.fail(`${JSON.stringify(typed)} parsed: ${JSON.stringify(result.query)}`);
  return result.error;
}

const word = (text: string, negated = false) => ({ negated, term: { type: 'text', field: null, text, exact: false } });
const phrase = (text: string, negated = false) => ({ negated, term: { type: 'text', field: null, text, exact: true } });

test('several words are all required, each as the start of a word', () => {
  assert.deepEqual(parsed('  atto   di\tcitazione\n'), { clauses: [[word('atto')], [word('di')], [word('citazione')]] });
  assert.deepEqual(parsed('citaz*'), { clauses: [[word('citaz')]] }, 'a trailing * is what a plain word does anyway');
});

test('a quoted phrase is its words exactly and in order; a * after it makes the last word a start', () => {
  assert.deepEqual(parsed('"atto di citazione" rossi'), { clauses: [[phrase('atto di citazione')], [word('rossi')]] });
  assert.deepEqual(parsed('"atto di cit"*'), { clauses: [[word('atto di cit')]] });
  assert.deepEqual(parsed('tribunale"di milano"'), { clauses: [[word('tribunale')], [phrase('di milano')]] }, 'a quote starts a phrase even inside a word');
});

test('OR in capitals joins the terms beside it; lowercase or is a word', () => {
  assert.deepEqual(parsed('fattura OR parcella'), { clauses: [[word('fattura'), word('parcella')]] });
  assert.deepEqual(parsed('rossi fattura OR parcella OR "nota spese"'), { clauses: [[word('rossi')], [word('fattura'), word('parcella'), phrase('nota spese')]] });
  assert.deepEqual(parsed('fattura or parcella'), { clauses: [[word('fattura')], [word('or')], [word('parcella')]] });
});

test('a dash before a term excludes it; a dash on its own is punctuation', () => {
  assert.deepEqual(parsed('atto -bozza'), { clauses: [[word('atto')], [word('bozza', true)]] });
  assert.deepEqual(parsed('atto -"bozza finale"'), { clauses: [[word('atto')], [phrase('bozza finale', true)]] });
  assert.deepEqual(parsed('atto - citazione'), { clauses: [[word('atto')], [word('citazione')]] });
  assert.deepEqual(parsed('atto -da:rossi'), { clauses: [[word('atto')], [{ negated: true, term: { type: 'text', field: 'from', text: 'rossi', exact: false } }]] });
});

test('every text filter, in Italian and English, takes a word or a quoted value', () => {
  const field = (f: string, text: string, exact = false) => ({ clauses: [[{ negated: false, term: { type: 'text', field: f, text, exact } }]] });
  for (const [typed, f] of [['da', 'from'], ['from', 'from'], ['a', 'to'], ['to', 'to'], ['oggetto', 'subject'], ['Subject', 'subject'], ['allegato', 'attachment'], ['attachment', 'attachment']]) {
    assert.deepEqual(parsed(`${typed}:rossi`), field(f, 'rossi'), typed);
    assert.deepEqual(parsed(`${typed}:"Mario Rossi"`), field(f, 'Mario Rossi', true), typed);
  }
  assert.deepEqual(parsed('allegato:fattura.pdf'), field('attachment', 'fattura.pdf'));
  assert.deepEqual(parsed('da:mario.rossi@pec.it'), field('from', 'mario.rossi@pec.it'));
});

test('ha:allegato and has:attachment ask for a message with attachments', () => {
  for (const typed of ['ha:allegato', 'ha:allegati', 'has:attachment', 'HAS:Attachments']) {
    assert.deepEqual(parsed(typed), { clauses: [[{ negated: false, term: { type: 'has-attachment' } }]] }, typed);
  }
  assert.deepEqual(problem('ha:firma'), { problem: 'unknown-has', token: 'ha:firma' });
});

test('tipo: knows the PEC kinds and receipt types by their Italian and English names', () => {
  const type = (value: object) => ({ clauses: [[{ negated: false, term: { type: 'pec-type', value } }]] });
  const cases: [string, object][] = [
    ['tipo:consegna', { receiptType: 'avvenuta-consegna' }],
    ['type:delivery', { receiptType: 'avvenuta-consegna' }],
    ['tipo:accettazione', { receiptType: 'accettazione' }],
    ['type:acceptance', { receiptType: 'accettazione' }],
    ['tipo:mancata-consegna', { receiptType: 'errore-consegna' }],
    ['tipo:"Mancata consegna"', { receiptType: 'errore-consegna' }],
    ['type:non-delivery', { receiptType: 'errore-consegna' }],
    ['tipo:preavviso', { receiptType: 'preavviso-errore-consegna' }],
    ['tipo:non-accettazione', { receiptType: 'non-accettazione' }],
    ['tipo:presa-in-carico', { receiptType: 'presa-in-carico' }],
    ['tipo:virus', { receiptType: 'rilevazione-virus' }],
    ['tipo:anomalia', { kind: 'anomaly' }],
    ['type:anomaly', { kind: 'anomaly' }],
    ['tipo:posta-certificata', { kind: 'envelope' }],
    ['tipo:ricevuta', { kind: 'receipt' }],
    ['type:ordinary', { kind: 'ordinary' }],
  ];
  for (const [typed, value] of cases) assert.deepEqual(parsed(typed), type(value), typed);
  assert.deepEqual(problem('tipo:raccomandata'), { problem: 'unknown-type', token: 'raccomandata' });
});

test('dates as 2026-12-01 or 1/12/2026, day first as in Italy; a date that is no day is an error', () => {
  const day = { year: 2026, month: 12, day: 1 };
  for (const typed of ['prima:2026-12-01', 'before:1/12/2026', 'prima:01.12.2026', 'prima:1-12-2026']) {
    assert.deepEqual(parsed(typed), { clauses: [[{ negated: false, term: { type: 'before', day } }]] }, typed);
  }
  assert.deepEqual(parsed('dopo:31/1/2025'), { clauses: [[{ negated: false, term: { type: 'after', day: { year: 2025, month: 1, day: 31 } } }]] });
  assert.deepEqual(parsed('after:2025-2-28'), { clauses: [[{ negated: false, term: { type: 'after', day: { year: 2025, month: 2, day: 28 } } }]] });
  for (const bad of ['31/2/2026', '2026-13-01', '12/2026', 'ieri', '1/12/26', '2026-00-10', '0/1/2026']) {
    assert.deepEqual(problem(`prima:${bad}`), { problem: 'bad-date', token: bad }, bad);
  }
});

test('cartella:, account:, tag: and con: keep their value as typed', () => {
  const filter = (type: string, value: string) => ({ clauses: [[{ negated: false, term: { type, value } }]] });
  assert.deepEqual(parsed('cartella:Archivio'), filter('folder', 'Archivio'));
  assert.deepEqual(parsed('folder:"Posta inviata"'), filter('folder', 'Posta inviata'));
  assert.deepEqual(parsed('account:studio@pec.it'), filter('account', 'studio@pec.it'));
  assert.deepEqual(parsed('tag:urgente'), filter('tag', 'urgente'));
  assert.deepEqual(parsed('con:mario.rossi@pec.it'), filter('with', 'mario.rossi@pec.it'));
  assert.deepEqual(parsed('with:"mario.rossi@pec.it"'), filter('with', 'mario.rossi@pec.it'));
});

test('filters and words combine: every clause is required', () => {
  const query = parsed('fattura da:rossi -tipo:accettazione cartella:INBOX dopo:2026-01-01');
  assert.equal(query.clauses.length, 5);
  assert.deepEqual(query.clauses.map((c) => c[0].term.type), ['text', 'text', 'pec-type', 'folder', 'after']);
  assert.equal(query.clauses[2][0].negated, true);
});

test('an unknown filter is an error naming it; a subject prefix pasted with it ("Re:", "R:") and a URL are words', () => {
  assert.deepEqual(problem('colore:rosso'), { problem: 'unknown-filter', token: 'colore:' });
  assert.deepEqual(problem('subjetc:atto'), { problem: 'unknown-filter', token: 'subjetc:' });
  assert.deepEqual(parsed('Re: archetipo'), { clauses: [[word('Re:')], [word('archetipo')]] });
  assert.deepEqual(parsed('R: Fwd: atto'), { clauses: [[word('R:')], [word('Fwd:')], [word('atto')]] });
  assert.deepEqual(parsed('https://www.example.it/atto'), { clauses: [[word('https://www.example.it/atto')]] });
  assert.deepEqual(parsed('ore 10:30'), { clauses: [[word('ore')], [word('10:30')]] });
});

test('a filter with nothing after its colon, an unclosed quote and a lone OR are errors', () => {
  assert.deepEqual(problem('oggetto: fattura'), { problem: 'empty-value', token: 'oggetto:' });
  assert.deepEqual(problem('da:'), { problem: 'empty-value', token: 'da:' });
  assert.deepEqual(problem('da:""'), { problem: 'empty-value', token: 'da:' });
  assert.deepEqual(problem('da:@'), { problem: 'empty-value', token: 'da:' });
  assert.deepEqual(problem('"atto di citazione'), { problem: 'unclosed-quote', token: '"atto di citazione' });
  assert.deepEqual(problem('da:"Mario Rossi'), { problem: 'unclosed-quote', token: '"Mario Rossi' });
  for (const typed of ['OR', 'atto OR', 'OR atto', 'atto OR OR citazione', 'atto OR *']) {
    assert.deepEqual(problem(typed), { problem: 'dangling-or', token: 'OR' }, typed);
  }
});

test('only exclusions say what to leave out but not what to find: an error, not the whole mailbox', () => {
  assert.deepEqual(problem('-bozza'), { problem: 'only-negated', token: '-' });
  assert.deepEqual(problem('-bozza -tipo:accettazione'), { problem: 'only-negated', token: '-' });
});

test('what a lawyer pastes is searched for as words: parentheses, NEAR, AND, NOT, ^ and stray signs are not operators', () => {
  assert.deepEqual(parsed('"atto" - citazione (NEAR)'), { clauses: [[phrase('atto')], [word('citazione')], [word('NEAR')]] });
  assert.deepEqual(parsed('NEAR(atto citazione, 2)'), { clauses: [[word('NEAR')], [word('atto')], [word('citazione,')], [word('2')]] });
  assert.deepEqual(parsed('atto AND NOT citazione'), { clauses: [[word('atto')], [word('AND')], [word('NOT')], [word('citazione')]] });
  assert.deepEqual(parsed('^inizio + fine'), { clauses: [[word('^inizio')], [word('fine')]] });
});

test('nothing to look for is an empty query, not an error', () => {
  for (const typed of ['', '   ', '""', '*', '- ( ) ^ +', '\0', '\u0301', '-', '" "']) {
    assert.deepEqual(parsed(typed), { clauses: [] }, JSON.stringify(typed));
  }
});

test('a pasted page is cut to its first clauses', () => {
  const page = Array.from({ length: 40 }, (_, i) => `parola${i}`).join(' ');
  assert.deepEqual(parsed(page).clauses, Array.from({ length: MAX_CLAUSES }, (_, i) => [word(`parola${i}`)]));
});

test('hostile text never throws: every input parses or names its problem', () => {
  const hostile = [
    '"', '""', '"unbalanced', 'a OR', 'AND b', 'NOT x', 'NEAR(', '*', 'a*', '-x', 'x:y', '{subject sender}: rossi', '(a', 'a)',
    'a\0b', '\uD800', 'atto\uDC00', "'; DROP TABLE messages; --", '"'.repeat(500), 'a'.repeat(500), ':'.repeat(500), '-'.repeat(500),
    'da:"' + 'x'.repeat(499), 'OR '.repeat(160), 'tipo:' + '\uD800', 'prima:9999999999-1-1', '--atto', '-"', '"-"', 'da:da:da:', '\u202Eatto',
  ];
  for (const typed of hostile) {
    const result = parseQuery(typed);
    assert.equal(typeof result.ok, 'boolean', JSON.stringify(typed));
  }
});
