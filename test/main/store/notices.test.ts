// The notifier's reads: the newest message id, and the sent PEC still waiting for consegne (each told once, across restarts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../../src/main/store';
import { own, tempDir, withStore } from './helpers';

test('a sent PEC waits for the consegna of each recipient once recorded; before that moment it is not listed', async () => {
  await withStore(async (store) => {
    assert.equal(store.latestMessageRowId(), 0);
    const before = new Date(Date.now() - 60_000).toISOString();
    const recorded = await store.importSentMessage(own('richiesta-sent.eml'));
    assert.ok(recorded.ok);
    const after = new Date(Date.now() + 60_000).toISOString();
    assert.deepEqual(store.awaitingDelivery(before), []);
    const [row] = store.awaitingDelivery(after);
    assert.deepEqual([row.sentMessageId, row.subject, row.missing], [recorded.sentMessageId, 'Richiesta documenti', 3]);
    const stored = await store.importMessage(own('richiesta-accettazione.eml'));
    assert.ok(stored.ok);
    assert.equal(store.latestMessageRowId(), stored.messageRowId);
  });
});

test('a bulk send\'s messages are not listed: the send engine tells of its own late recipients', async () => {
  await withStore(async (store) => {
    const campaignId = store.createCampaign({ subject: 'Avviso' });
    const recorded = store.recordSent({ messageId: 'a1@client.example', campaignId, subject: 'Avviso', from: 'm@pec.alfa.example', to: ['x@pec.beta.example'], cc: [], status: 'submitted' });
    assert.ok(recorded.ok);
    assert.deepEqual(store.awaitingDelivery(new Date(Date.now() + 60_000).toISOString()), []);
  });
});

test('a sent PEC the user was told about is not listed again, also after the store is opened again', async () => {
  const { dir, cleanup } = tempDir();
  const later = new Date(Date.now() + 60_000).toISOString();
  try {
    const store = openStore(dir);
    try {
      const recorded = await store.importSentMessage(own('richiesta-sent.eml'));
      assert.ok(recorded.ok);
      assert.equal(store.awaitingDelivery(later).length, 1);
      store.markMissingNotified([recorded.sentMessageId], new Date().toISOString());
      assert.deepEqual(store.awaitingDelivery(later), []);
    } finally {
      store.close();
    }
    const again = openStore(dir);
    try {
      assert.deepEqual(again.awaitingDelivery(later), [], 'told before the restart: not again');
    } finally {
      again.close();
    }
  } finally {
    cleanup();
  }
});
