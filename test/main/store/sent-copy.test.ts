import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../../src/main/store';
import { own, withStore } from './helpers';

function account(store: Store): number {
  const saved = store.saveAccount({ name: 'Mario', address: 'mario@pec.example', kind: 'pec' });
  assert.ok(saved.ok);
  return saved.accountId;
}

async function recordSent(store: Store, accountId: number, raw: Buffer): Promise<number> {
  const sent = await store.importSentMessage(raw, accountId);
  assert.ok(sent.ok);
  return sent.sentMessageId;
}

const listed = (store: Store, folderId: number) => store.listMessages({ folderId, offset: 0, limit: 10, sort: 'date', direction: 'desc' }).total;

test('a sent copy is listed in the known Sent folder under a pending UID the sync never compares with the server', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const sent = store.upsertFolder(acc, { path: 'Sent', specialUse: '\\Sent', role: 'sent' });
    const raw = own('aruba-2018-sent.eml');
    const filed = await store.fileSentCopy({ accountId: acc, sentMessageId: await recordSent(store, acc, raw), raw });
    assert.ok(filed?.ok);
    assert.equal(listed(store, sent), 1);
    assert.deepEqual(store.folderUids(sent), [], 'no server UID yet');
  });
});

test('the server copy with the same bytes takes the pending location: one row', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const sent = store.upsertFolder(acc, { path: 'Sent', specialUse: '\\Sent', role: 'sent' });
    const raw = own('aruba-2018-sent.eml');
    await store.fileSentCopy({ accountId: acc, sentMessageId: await recordSent(store, acc, raw), raw });
    const synced = await store.importMessage(raw, { location: { folderId: sent, uid: 7, flags: ['\\Seen'] } });
    assert.ok(synced.ok);
    assert.equal(listed(store, sent), 1);
    assert.deepEqual(store.folderUids(sent), [7]);
  });
});

test('a server copy the provider rewrote (other bytes, same Message-ID) also replaces the pending one', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const sent = store.upsertFolder(acc, { path: 'Sent', specialUse: '\\Sent', role: 'sent' });
    const raw = own('aruba-2018-sent.eml');
    await store.fileSentCopy({ accountId: acc, sentMessageId: await recordSent(store, acc, raw), raw });
    const rewritten = Buffer.concat([Buffer.from('X-Copia-Gestore: si\r\n'), raw]);
    const synced = await store.importMessage(rewritten, { location: { folderId: sent, uid: 3, flags: ['\\Seen'] } });
    assert.ok(synced.ok);
    assert.equal(synced.status, 'stored', 'other bytes, another row');
    assert.equal(listed(store, sent), 1);
    assert.deepEqual(store.folderUids(sent), [3]);
  });
});

test('without a Sent folder known or named, nothing is filed and nothing is lost', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const raw = own('aruba-2018-sent.eml');
    const sentId = await recordSent(store, acc, raw);
    assert.equal(await store.fileSentCopy({ accountId: acc, sentMessageId: sentId, raw }), null);
    assert.ok(store.readSentRaw(sentId)?.ok);
    const named = await store.fileSentCopy({ accountId: acc, sentMessageId: sentId, raw, folderPath: 'Posta inviata' });
    assert.ok(named?.ok);
    const folder = store.listFolders(acc).find((f) => f.path === 'Posta inviata');
    assert.equal(folder?.role, 'sent');
    assert.equal(folder?.total, 1);
  });
});
