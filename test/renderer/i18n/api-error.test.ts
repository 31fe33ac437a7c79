// A failed call reads in the window's language: the engine's reason is worded from the window's
// own catalog (never the Italian message an English window would otherwise show), and a failure
// without a reason (a server's own words) is shown as it came.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiError } from '../../../src/shared/api';
import { API_ERROR_TEXTS } from '../../../src/shared/api-errors';
import { apiErrorText } from '../../../src/renderer/i18n/api-error';
import { contactsFailure } from '../../../src/main/api/contacts';
import { withContacts } from '../../main/contacts/helpers';
import { translator } from '../translator';

/** An unknown method, as the engine reports it: its reason and values beside the Italian message. */
function unknownMethod(): ApiError {
  const message = API_ERROR_TEXTS['unknown-method'].it.replace('{{method}}', 'frobnicate');
  return { code: 'unknown-method', message, reason: 'unknown-method', params: { method: 'frobnicate' } };
}

test('an English window words a reason in English, with its values filled in', async () => {
  const t = await translator('en');
  const error = unknownMethod();
  const text = apiErrorText(t, error);
  assert.equal(text, API_ERROR_TEXTS['unknown-method'].en.replace('{{method}}', 'frobnicate'));
  assert.notEqual(text, error.message, 'still the Italian message');
});

test('an Italian window words a reason as the engine\u2019s own message', async () => {
  const t = await translator('it');
  const error = unknownMethod();
  assert.equal(apiErrorText(t, error), error.message);
});

test('a failure without a reason shows its message as it came, in either language', async () => {
  const error: ApiError = { code: 'server', message: 'NO [CANNOT] Mailbox already exists' };
  for (const lng of ['it', 'en'] as const) assert.equal(apiErrorText(await translator(lng), error), error.message);
});

test("a contact the engine refused is told with its problems in the window's language", async () => {
  // The real check of the real contacts service, mapped to an API failure as the handler does.
  const failure = await withContacts(async (contacts) => contacts.save({ name: 'Luca Verdi', pec: 'luca.verdi@pec' }));
  assert.ok(!failure.ok && failure.code === 'invalid-contact');
  const { error } = contactsFailure(failure);
  const english = apiErrorText(await translator('en'), error);
  assert.match(english, /^The contact cannot be saved: .*luca\.verdi@pec/);
  assert.doesNotMatch(english, /non |dominio|indirizzo/, `no Italian words: ${english}`);
  assert.equal(apiErrorText(await translator('it'), error), error.message, 'the Italian window reads the engine\u2019s words');
  assert.match(error.message, /il dominio dopo la @ non è valido/);
});
