// A single PEC through the send queue (src/main/send/single.ts, api/compose.ts): sendMessage only
// validates and enqueues; the queue sends it to every To and Cc in one transaction, the deliveries
// view shows where it stands, and a provider's refusal comes back in its own words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox, SmtpFault } from '../../../sandbox';
import { sandboxForFile } from '../../helpers/sandbox';
import { configureSandboxAccounts } from '../../../src/main/webbridge/sandbox-demo';
import type { Result } from '../../../src/shared/api';
import type { CampaignSummary } from '../../../src/shared/api-send-values';
import type { DeliveriesView } from '../../../src/shared/api-values';
import { startApi } from './helpers';
import { sendOutcomes } from './send-helpers';

const MARIO = 'mario.rossi@pec.alfa.test';
const REFUSED: SmtpFault = { kind: 'reply', code: 550, message: '5.7.1 Message refused by policy' };
let sandbox: Sandbox;

sandboxForFile((started) => (sandbox = started));

function value<T>(result: Result<unknown>): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value as T;
}

const message = (accountId: string, to: string[], cc: string[], subject: string) => ({
  accountId, to, cc, subject, html: '<p>Si trasmette.</p>', inReplyTo: null, references: [], receiptVariant: 'completa' as const, attachments: [],
});

test('a single PEC is enqueued, sent once to every To and Cc in one transaction, and its deliveries show it taken', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  await sandbox.addMailboxes([{ address: 'uno@pec.beta.test' }, { address: 'due@pec.beta.test' }]);
  const outcomes = sendOutcomes(api);
  const subject = 'Notifica atto, fascicolo 41/2026';
  const sent = value<{ messageId: string; sentMessageId: number }>(
    await api.dispatch('sendMessage', message(mario.id, ['uno@pec.beta.test'], ['due@pec.beta.test'], subject)),
  );
  const queued = value<DeliveriesView>(await api.dispatch('getDeliveries', { sentMessageId: sent.sentMessageId }));
  assert.ok(queued.submission, 'a message sent from the composer has a submission state');
  assert.deepEqual(queued.recipients.map((r) => r.address).sort(), ['due@pec.beta.test', 'uno@pec.beta.test'], 'recorded with its recipients before it left');

  assert.equal((await outcomes.until(sent.sentMessageId)).state, 'submitted');
  const taken = sandbox.log.accepted().filter((r) => r.sender === MARIO);
  assert.equal(taken.length, 1, 'one SMTP transaction');
  assert.deepEqual([...taken[0].recipients].sort(), ['due@pec.beta.test', 'uno@pec.beta.test'], 'the envelope names every To and Cc');
  const after = value<DeliveriesView>(await api.dispatch('getDeliveries', { sentMessageId: sent.sentMessageId }));
  assert.equal(after.submission?.state, 'submitted');
  assert.equal(services.store.getSent(sent.sentMessageId)?.status === 'queued', false, 'the sent message left the queued status');
  assert.deepEqual(value<CampaignSummary[]>(await api.dispatch('campaignList', {})), [], 'a single PEC is not listed among the bulk sends');
  assert.ok(outcomes.changes.length >= 2, 'its queue steps (enqueued, claimed, taken) reached the renderer side as store-changed campaigns');
});

test('a provider refusing the message (550): the send fails with the provider’s words, in its state and in the deliveries view', async (t) => {
  const { api, services } = await startApi(t);
  const [mario] = await configureSandboxAccounts(services, sandbox, [MARIO]);
  await sandbox.addMailboxes([{ address: 'rifiutato@pec.beta.test' }]);
  sandbox.setSmtpFaults(({ recipients }) => (recipients.includes('rifiutato@pec.beta.test') ? REFUSED : null));
  t.after(() => sandbox.setSmtpFaults(null));
  const outcomes = sendOutcomes(api);
  const sent = value<{ messageId: string; sentMessageId: number }>(
    await api.dispatch('sendMessage', message(mario.id, ['rifiutato@pec.beta.test'], [], 'Diffida')),
  );
  const failed = await outcomes.until(sent.sentMessageId);
  assert.equal(failed.state, 'failed');
  assert.match(failed.reason ?? '', /refused by policy/, 'its state carries the provider’s reason');
  const view = value<DeliveriesView>(await api.dispatch('getDeliveries', { sentMessageId: sent.sentMessageId }));
  assert.equal(view.submission?.state, 'failed');
  assert.match(view.submission?.reason ?? '', /refused by policy/);
  assert.equal(services.store.getSent(sent.sentMessageId)?.status, 'submit-failed');
  assert.equal(sandbox.log.accepted().filter((r) => r.recipients.includes('rifiutato@pec.beta.test')).length, 0, 'the provider took nothing');
});
