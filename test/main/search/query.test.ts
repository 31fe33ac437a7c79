import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionOf, ftsString, parseQuery, searchMessages } from '../../../src/main/search';
import { withStore } from '../store/helpers';

// What the search domain hands the store: typed text as FTS5 strings and filters, never as syntax.

// What a user may type or paste: FTS5 operators and punctuation, unbalanced quotes, control
// characters, a lone UTF-16 surrogate from a broken paste, SQL.
const HOSTILE = [
  '"',
  '""',
  '"unbalanced',
  'a OR',
  'OR',
  'AND b',
  'NOT x',
  'NEAR(',
  'NEAR(a b, 2)',
  '*',
  'a*',
  '-x',
  'x:y',
  'subject:atto',
  '{subject sender}: rossi',
  '(a',
  'a)',
  '^inizio',
  'a + b',
  'a\0b',
  '\0',
  '\uD800',
  'atto\uDC00',
  '\u0301',
  "'; DROP TABLE messages; --",
  '"'.repeat(500),
  'a'.repeat(500),
];

const HOSTILE_FILTERS = [
  'da:"x""y"', 'a:NEAR(x)', 'oggetto:*', 'allegato:"a" OR da:b', 'cartella:%', "account:'", 'con:"; DROP TABLE x"', 'prima:1/1/1970', 'dopo:2100-12-31',
  'tipo:consegna OR tipo:anomalia', 'ha:allegato -da:x', '"atto" - citazione (NEAR)',
];

test('text becomes one FTS5 string: its quotes doubled, a word start unless exact', () => {
  assert.equal(ftsString('citaz', false), '"citaz"*');
  assert.equal(ftsString('atto di citazione', true), '"atto di citazione"');
  assert.equal(ftsString('l"atto', false), '"l""atto"*');
  assert.equal(ftsString('mario.rossi@pec.it', false), '"mario.rossi@pec.it"*');
});

test('each parsed term becomes the store leaf of its field, dates at the start of the day on this computer', () => {
  const parsed = parseQuery('atto "di citazione" da:rossi a:bianchi oggetto:fattura allegato:pdf ha:allegato tipo:consegna tipo:anomalia cartella:INBOX account:studio con:A@B.it dopo:2026-12-01 prima:2/12/2026');
  assert.ok(parsed.ok);
  const leaves = conditionOf(parsed.query)!.clauses.map((c) => c[0].leaf);
  assert.deepEqual(leaves, [
    { field: 'text', match: '"atto"*' },
    { field: 'text', match: '"di citazione"' },
    { field: 'sender', match: '"rossi"*' },
    { field: 'recipients', match: '"bianchi"*' },
    { field: 'subject', match: '"fattura"*' },
    { field: 'attachment', match: '"pdf"*' },
    { field: 'has-attachment' },
    { field: 'receipt-type', receiptType: 'avvenuta-consegna' },
    { field: 'kind', kind: 'anomaly' },
    { field: 'folder', text: 'INBOX' },
    { field: 'account', text: 'studio' },
    { field: 'correspondent', address: 'a@b.it' },
    { field: 'since', ms: new Date(2026, 11, 1).getTime() },
    { field: 'before', ms: new Date(2026, 11, 2).getTime() },
  ]);
});

test('no typed text makes SQLite fail: every term and filter is valid on the store\'s own tables', async () => {
  await withStore((store) => {
    for (const typed of [...HOSTILE, ...HOSTILE_FILTERS]) {
      // SQLite parses each MATCH expression even over empty tables: a bad one throws here.
      const found = searchMessages(store, { query: typed, folderId: null, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
      if (found.ok) assert.equal(found.page.total, 0, JSON.stringify(typed));
      else assert.equal(typeof found.error.problem, 'string', JSON.stringify(typed));
    }
  });
});

test('tag: on a store with no tagged message finds nothing, and says nothing is wrong', async () => {
  await withStore((store) => {
    const found = searchMessages(store, { query: 'tag:urgente', folderId: null, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
    assert.deepEqual(found, { ok: true, page: { total: 0, offset: 0, rows: [] } });
  });
});
