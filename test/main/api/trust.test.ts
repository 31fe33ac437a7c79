// The verdicts as the UI receives them: the message row and view, the receipts and recipients of a
// sent message, and "Ricevute da verificare".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveriesView, MessageView, ReceiptView } from '../../../src/shared/api-values';
import type { ReceiptsToVerifyPage } from '../../../src/shared/api-trust';
import { forgeries, genuineConsegna, sentMessages } from '../trust/forgeries';
import { startApi } from './helpers';

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  assert.ok(result.ok, JSON.stringify(result.error));
  return result.value as T;
}

test('an unsigned receipt is shown linked but not proof; the genuine one counts; the UI gets both through the API', async (t) => {
  const { api, services } = await startApi(t);
  const { store } = services;
  const sent = await store.importSentMessage(sentMessages()[0].raw);
  assert.ok(sent.ok);
  const unsigned = await store.importMessage(forgeries()[0].raw);
  assert.ok(unsigned.ok);

  const page = value<ReceiptsToVerifyPage>(await api.dispatch('listReceiptsToVerify', { offset: 0, limit: 50 }));
  assert.equal(page.total, 1);
  assert.deepEqual([page.rows[0].messageRowId, page.rows[0].level, page.rows[0].proof, page.rows[0].sentMessageId], [unsigned.messageRowId, 'non-firmata', false, sent.sentMessageId]);
  assert.match(page.rows[0].trust?.reasons[0] ?? '', /non porta la firma/);

  let deliveries = value<DeliveriesView>(await api.dispatch('getDeliveries', { sentMessageId: sent.sentMessageId }));
  assert.deepEqual(deliveries.counters, { D: 1, A: 0, C: 0, E: 0 });
  assert.equal(deliveries.recipients[0].status, 'pending');
  assert.deepEqual(deliveries.recipients[0].unproven.map((u) => [u.type, u.level]), [['avvenuta-consegna', 'non-firmata']]);

  const view = value<MessageView>(await api.dispatch('getMessage', { ref: { messageId: unsigned.messageRowId } }));
  assert.equal(view.trust?.level, 'non-firmata');
  assert.deepEqual(view.receiptProblems, []);

  const genuine = await store.importMessage(genuineConsegna());
  assert.ok(genuine.ok);
  deliveries = value<DeliveriesView>(await api.dispatch('getDeliveries', { sentMessageId: sent.sentMessageId }));
  assert.deepEqual(deliveries.counters, { D: 1, A: 0, C: 1, E: 0 });
  const receipts = value<ReceiptView[]>(await api.dispatch('listReceipts', { sentMessageId: sent.sentMessageId }));
  assert.deepEqual(receipts.map((r) => [r.messageId, r.trust?.level, r.proof]).sort(), [
    [unsigned.messageRowId, 'non-firmata', false],
    [genuine.messageRowId, 'integra', true],
  ].sort());
  const opened = value<{ view: MessageView }>(await api.dispatch('openEml', { name: 'falsa.eml', dataBase64: forgeries()[1].raw.toString('base64') }));
  assert.equal(opened.view.trust?.level, 'alterata', 'a file opened from disk is judged too');
});
