// The catalog of API failures: every reason can be worded in both languages with the same values,
// and fail() fills the Italian message from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_ERROR_TEXTS, apiErrorTexts, type ApiErrorReason } from '../../src/shared/api-errors';
import { fail, italianWords } from '../../src/main/api/result';

/** The names a text interpolates ({{name}} or {{name, format}}), each once, sorted. */
function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();
}

const reasons = Object.keys(API_ERROR_TEXTS) as ApiErrorReason[];

test('every reason has words in Italian and in English, the English not left in Italian', () => {
  for (const reason of reasons) {
    const { it, en } = API_ERROR_TEXTS[reason];
    assert.ok(it.trim().length > 0, `${reason}: no Italian`);
    assert.ok(en.trim().length > 0, `${reason}: no English`);
    assert.notEqual(en, it, `${reason}: the English is the Italian`);
  }
});

test('both languages of a reason name the same values', () => {
  for (const reason of reasons) {
    const { it, en } = API_ERROR_TEXTS[reason];
    assert.deepEqual(variables(en), variables(it), reason);
  }
});

test('reasons are kebab-case keys i18next can look up (a dot would split the key)', () => {
  for (const reason of reasons) assert.match(reason, /^[a-z]+(-[a-z]+)*$/, reason);
});

test('each language\u2019s section holds every reason', () => {
  for (const language of ['it', 'en'] as const) assert.deepEqual(Object.keys(apiErrorTexts(language)).sort(), [...reasons].sort(), language);
});

test('fail() words the reason in Italian with its values, and carries the reason and values for the window', () => {
  const failed = fail('not-found', 'account-missing', { accountId: '7' });
  assert.equal(failed.ok, false);
  assert.equal(failed.error.code, 'not-found');
  assert.equal(failed.error.reason, 'account-missing');
  assert.deepEqual(failed.error.params, { accountId: '7' });
  assert.equal(failed.error.message, 'L’account 7 non esiste.');
  assert.equal(failed.error.items, undefined);
});

test('fail() without values carries none, and keeps the items it is given', () => {
  const failed = fail('denied', 'save-overwrite-declined', undefined, ['fattura.pdf']);
  assert.deepEqual(failed.error, {
    code: 'denied',
    message: API_ERROR_TEXTS['save-overwrite-declined'].it,
    reason: 'save-overwrite-declined',
    items: ['fattura.pdf'],
  });
});

test('every reason words fully in Italian when given its values: nothing is left as {{name}}', () => {
  for (const reason of reasons) {
    const params = Object.fromEntries(variables(API_ERROR_TEXTS[reason].it).map((name) => [name, 3]));
    const words = italianWords(reason, params);
    assert.doesNotMatch(words, /\{\{|\}\}/, reason);
  }
});

test('sizes are worded with the Italian decimal comma', () => {
  const words = italianWords('message-too-large', { size: 1.5, recipients: 4, total: 6, limit: 5 });
  assert.match(words, /1,5 MB × 4 destinatari = 6 MB, oltre il limite del gestore di 5 MB/);
});
