// The send queue on the store's one change stream: a campaign's state, a recipient's submission
// state and a single PEC's state each reach Store.onChange with their entity, after COMMIT (another
// connection already sees the new state when the listener hears of it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store, StoreChange, StoreEntity } from '../../../../src/main/store';
import { withStore } from '../helpers';

type Heard = { entities: Partial<Record<StoreEntity, number[]>>; committed: Record<string, unknown> | undefined };

/** Records every change the store tells, with what another connection reads then (`probe`). */
function listen(store: Store, probe: string, ...params: unknown[]): { heard: Heard[]; stop: () => void } {
  const heard: Heard[] = [];
  const stop = store.onChange((changes: StoreChange[]) => {
    const reader = new Database(path.join(store.dir, 'pecdesk.sqlite'), { readonly: true });
    const committed = reader.prepare(probe).get(...params) as Record<string, unknown> | undefined;
    reader.close();
    heard.push({ entities: Object.fromEntries(changes.map((c) => [c.entity, [...c.ids].sort((a, b) => a - b)])), committed });
  });
  return { heard, stop };
}

function account(store: Store): number {
  const saved = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec' });
  assert.ok(saved.ok);
  return saved.accountId;
}

function campaign(store: Store, accountId: number): { id: number; recipients: number[] } {
  const id = store.campaigns.create({
    accountId, subject: 'Convocazione', text: 'Testo', html: null, attachments: [], receiptVariant: 'completa', zipAttachments: false, cc: [],
    recipients: [
      { address: 'uno@pec.beta.test', name: null, contactId: null, fields: {} },
      { address: 'due@pec.beta.test', name: null, contactId: null, fields: {} },
    ],
    duplicates: [],
  });
  return { id, recipients: store.campaigns.recipients(id).map((r) => r.id) };
}

test("a campaign's state change reaches onChange as 'campaigns' after commit", async () => {
  await withStore((store) => {
    const { id } = campaign(store, account(store));
    const { heard, stop } = listen(store, 'SELECT state, state_detail AS detail FROM campaigns WHERE id = ?', id);
    store.campaigns.setState(id, 'sending', new Date().toISOString());
    store.campaigns.setState(id, 'paused', new Date().toISOString(), 'Password rifiutata');
    stop();
    assert.deepEqual(heard, [
      { entities: { campaigns: [id] }, committed: { state: 'sending', detail: null } },
      { entities: { campaigns: [id] }, committed: { state: 'paused', detail: 'Password rifiutata' } },
    ]);
  });
});

test("a recipient's submission state reaches onChange as 'campaign_recipients' with its campaign, each step after commit", async () => {
  await withStore(async (store) => {
    const accountId = account(store);
    const { id, recipients: [uno, due] } = campaign(store, accountId);
    store.campaigns.setState(id, 'sending', new Date().toISOString());
    const { heard, stop } = listen(store, 'SELECT group_concat(state) AS states FROM (SELECT state FROM campaign_recipients WHERE campaign_id = ? ORDER BY id)', id);
    const now = Date.now();
    const at = new Date(now).toISOString();
    const messageId = '<uno.1@pec.alfa.test>';
    const sent = { messageId, accountId, campaignId: id, subject: 'Convocazione', from: 'studio@pec.alfa.test', to: ['uno@pec.beta.test'], raw: Buffer.from('Subject: x\r\n\r\ny\r\n') };
    const built = store.sendQueue.commit(
      { built: [{ id: uno, ok: true, messageId, raw: sent.raw, sent }, { id: due, ok: false, code: 'invalid', reason: 'indirizzo non valido' }] },
      accountId, now, at,
    );
    assert.deepEqual([...built.prepared], [uno]);
    const claimed = store.sendQueue.commit({ claim: [uno] }, accountId, now, at);
    assert.deepEqual([...claimed.claimed], [uno]);
    const answered = store.sendQueue.commit({ outcomes: [{ id: uno, kind: 'submitted' }] }, accountId, now, at);
    stop();
    await Promise.all([built.durable, claimed.durable, answered.durable]);
    const sentMessageId = store.findSentByMessageId(messageId)!.id;
    assert.deepEqual(
      heard.map((h) => h.committed?.states),
      ['preparing,failed', 'submitting,failed', 'submitted,failed'],
    );
    for (const h of heard) {
      assert.deepEqual(h.entities.campaigns, [id]);
      assert.ok(h.entities.campaign_recipients?.includes(uno), JSON.stringify(h.entities));
    }
    assert.deepEqual(heard[0].entities.campaign_recipients, [uno, due]);
    // The sent message moved with it: queued when built, submitted with the answer.
    assert.deepEqual(heard[0].entities.sent_messages, [sentMessageId]);
    assert.deepEqual(heard[2].entities.sent_messages, [sentMessageId]);
  });
});

test("a single PEC's state reaches onChange as its task, its queue row and its sent message", async () => {
  await withStore(async (store) => {
    const accountId = account(store);
    const raw = Buffer.from('Subject: Notifica\r\n\r\nSi notifica.\r\n');
    const [file] = await store.storeSentRaw([raw]);
    assert.ok(file.ok);
    const messageId = '<single.1@pec.alfa.test>';
    const { heard, stop } = listen(
      store,
      `SELECT r.state, s.status FROM campaign_recipients r JOIN sent_messages s ON s.id = r.sent_message_id WHERE r.message_id = ?`,
      messageId,
    );
    const queued = store.sendTasks.enqueue({
      accountId, from: 'studio@pec.alfa.test', to: ['uno@pec.beta.test'], cc: [], envelope: ['uno@pec.beta.test'], subject: 'Notifica', messageId, rawSha256: file.sha256,
    });
    assert.ok(queued.ok);
    const now = Date.now();
    const claimed = store.sendQueue.commit({ claim: [queued.recipientId] }, accountId, now, new Date(now).toISOString());
    const answered = store.sendQueue.commit({ outcomes: [{ id: queued.recipientId, kind: 'failed', code: 'rejected', reason: '550 casella inesistente' }] }, accountId, now, new Date(now).toISOString());
    stop();
    await Promise.all([claimed.durable, answered.durable]);
    assert.deepEqual(
      heard.map((h) => h.committed),
      [{ state: 'preparing', status: 'queued' }, { state: 'submitting', status: 'queued' }, { state: 'failed', status: 'submit-failed' }],
    );
    for (const h of heard) {
      assert.deepEqual(h.entities.campaigns, [queued.taskId]);
      assert.deepEqual(h.entities.campaign_recipients, [queued.recipientId]);
    }
    assert.deepEqual(heard[0].entities.sent_messages, [queued.sentMessageId]);
    assert.deepEqual(heard[2].entities.sent_messages, [queued.sentMessageId]);
  });
});

test('cancelling what was not sent reaches onChange with every cancelled row', async () => {
  await withStore((store) => {
    const accountId = account(store);
    const { id, recipients } = campaign(store, accountId);
    store.campaigns.setState(id, 'sending', new Date().toISOString());
    const { heard, stop } = listen(store, "SELECT count(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND state = 'cancelled'", id);
    assert.equal(store.sendQueue.cancel(id), 2);
    stop();
    assert.deepEqual(heard, [{ entities: { campaigns: [id], campaign_recipients: recipients }, committed: { n: 2 } }]);
  });
});
