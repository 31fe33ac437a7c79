import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ftsTerms } from '../../../src/main/search';
import { withStore } from '../store/helpers';

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

test('a word typed in part finds the whole word: each term is a prefix', () => {
  assert.deepEqual(ftsTerms('citaz'), ['"citaz"*']);
});

test('every word typed is a term of its own, and all of them must match', () => {
  assert.deepEqual(ftsTerms('  atto   di\tcitazione\n'), ['"atto"*', '"di"*', '"citazione"*']);
});

test('FTS5 operators typed by the user are searched as words, never obeyed', () => {
  assert.deepEqual(ftsTerms('atto OR citazione'), ['"atto"*', '"OR"*', '"citazione"*']);
  assert.deepEqual(ftsTerms('NEAR(atto citazione)'), ['"NEAR(atto"*', '"citazione)"*']);
  assert.deepEqual(ftsTerms('-bozza subject:atto'), ['"-bozza"*', '"subject:atto"*']);
});

test('a quote inside a word is doubled, so it cannot end the FTS5 string', () => {
  assert.deepEqual(ftsTerms('l"atto "citazione'), ['"l""atto"*', '"""citazione"*']);
});

test('an address stays one term, so its words are looked for together and in order', () => {
  assert.deepEqual(ftsTerms('mario.rossi@pec.it'), ['"mario.rossi@pec.it"*']);
});

test('nothing to look for gives no search: empty, blank, only punctuation or operator signs', () => {
  for (const typed of ['', '   ', '"', '""', '*', '- ( ) : ^ +', '\0', '\u0301']) assert.equal(ftsTerms(typed), null, JSON.stringify(typed));
});

test('punctuation alone between words is dropped instead of making the search match nothing', () => {
  assert.deepEqual(ftsTerms('atto - citazione'), ['"atto"*', '"citazione"*']);
});

test('a word typed twice is looked for once, and a pasted page is cut to its first sixteen words', () => {
  assert.deepEqual(ftsTerms('atto atto citazione'), ['"atto"*', '"citazione"*']);
  const page = Array.from({ length: 40 }, (_, i) => `parola${i}`).join(' ');
  assert.deepEqual(ftsTerms(page), Array.from({ length: 16 }, (_, i) => `"parola${i}"*`));
});

test('no typed text makes SQLite fail: every term is a valid FTS5 query on the store\'s own tables', async () => {
  await withStore((store) => {
    for (const typed of HOSTILE) {
      const terms = ftsTerms(typed);
      if (terms === null) continue;
      // SQLite parses each MATCH expression even over empty tables: a bad one throws here.
      assert.doesNotThrow(() => store.searchMessages({ terms, folderId: null, offset: 0, limit: 10, sort: 'date', direction: 'desc' }), JSON.stringify(typed));
    }
  });
});
