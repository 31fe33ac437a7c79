import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestSchemas } from '../../src/shared/api-requests';

const message = (to: string[]) => ({ accountId: 'a1', to, cc: [], subject: 'Prova', html: '<p>x</p>', receiptVariant: 'completa', attachments: [], inReplyTo: null, references: [] });

test('sending to an address whose domain mixes writing systems is refused by the request schema, a real IDN is not', () => {
  const lookalike = requestSchemas.sendMessage.safeParse(message(['studio@pеc.it']));
  assert.equal(lookalike.success, false);
  assert.match(lookalike.error!.issues[0].message, /mixes writing systems/);
  assert.equal(requestSchemas.sendMessage.safeParse(message(['studio@pec.it'])).success, true);
  assert.equal(requestSchemas.sendMessage.safeParse(message(['info@münchen.de'])).success, true);
});
