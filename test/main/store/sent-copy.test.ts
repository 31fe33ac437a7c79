import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
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

test('a sent copy filed after the sync already brought the server copy (same bytes, or rewritten) is not listed a second time', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const sent = store.upsertFolder(acc, { path: 'Sent', specialUse: '\\Sent', role: 'sent' });
    const raw = own('aruba-2018-sent.eml');
    const sentMessageId = await recordSent(store, acc, raw);
    const rewritten = Buffer.concat([Buffer.from('X-Copia-Gestore: si\r\n'), raw]);
    assert.ok((await store.importMessage(rewritten, { location: { folderId: sent, uid: 3, flags: ['\\Seen'] } })).ok);
    assert.ok((await store.importMessage(raw, { location: { folderId: sent, uid: 4, flags: ['\\Seen'] } })).ok);
    const filed = await store.fileSentCopy({ accountId: acc, sentMessageId, raw });
    assert.ok(filed?.ok);
    assert.deepEqual(store.folderUids(sent), [3, 4], 'the server copies only');
    assert.equal(listed(store, sent), 2, 'no pending row beside them');
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

/** A plain message as the bulk send builds one per recipient. */
function built(n: number): Buffer {
  return Buffer.from(
    `From: mario@pec.example\r\nTo: cliente${n}@pec.example\r\nSubject: Comunicazione ${n}\r\nMessage-ID: <comunicazione-${n}@pec.example>\r\n` +
      `Date: Mon, 07 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGentile cliente ${n}, si comunica.\r\n`,
  );
}

test('a bulk send files its bytes in one pack, records them by hash and place, and lists the copies in one go without writing the bytes again', async () => {
  await withStore(async (store, dir) => {
    const acc = account(store);
    const sent = store.upsertFolder(acc, { path: 'Sent', specialUse: '\\Sent', role: 'sent' });
    const raws = [1, 2, 3].map(built);
    const files = await store.storeSentRaw(raws);
    assert.ok(files.every((f) => f.ok));
    assert.equal(new Set(files.map((f) => f.ok && f.packed.relPath)).size, 1, 'one pack for the batch');
    const ids = raws.map((raw, i) => {
      const file = files[i];
      assert.ok(file.ok);
      const recorded = store.recordSent({
        messageId: `<comunicazione-${i + 1}@pec.example>`,
        accountId: acc,
        subject: `Comunicazione ${i + 1}`,
        to: [`cliente${i + 1}@pec.example`],
        rawSha256: file.sha256,
        rawPacked: file.packed,
      });
      assert.ok(recorded.ok);
      assert.deepEqual(store.readSentRaw(recorded.sentMessageId), { ok: true, raw }, 'the row names the bytes filed before it');
      return recorded.sentMessageId;
    });
    const inodes = files.map((f) => (f.ok ? fs.statSync(path.join(dir, f.packed.relPath)).ino : 0));
    // The third copy is not its sent message's bytes: it is stored, not taken for evidence already there.
    const other = Buffer.concat([Buffer.from('X-Copia: altra\r\n'), raws[2]]);
    const filed = await store.fileSentCopies([
      { accountId: acc, sentMessageId: ids[0], raw: raws[0] },
      { accountId: acc, sentMessageId: ids[1], raw: raws[1] },
      { accountId: acc, sentMessageId: ids[2], raw: other },
    ]);
    assert.deepEqual(filed.map((r) => r?.ok && r.status), ['stored', 'stored', 'stored']);
    assert.equal(listed(store, sent), 3);
    assert.deepEqual(files.map((f) => (f.ok ? fs.statSync(path.join(dir, f.packed.relPath)).ino : 0)), inodes, 'the evidence pack was not rewritten');
    // The copies of the sent messages read their bytes from the evidence pack itself.
    for (const [i, r] of filed.slice(0, 2).entries()) {
      assert.ok(r?.ok);
      assert.deepEqual(store.readMessageRaw(r.messageRowId), { ok: true, raw: raws[i] });
    }
    assert.deepEqual(fs.readdirSync(path.join(dir, 'raw')).filter((name) => name !== 'packs'), [], 'no message was written as its own file');
    const third = filed[2];
    assert.ok(third?.ok);
    assert.deepEqual(store.readMessageRaw(third.messageRowId), { ok: true, raw: other });
  });
});

test('fileSentCopies without a Sent folder files nothing for that account and says so per message', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const raw = built(1);
    const [file] = await store.storeSentRaw([raw]);
    assert.ok(file.ok);
    const recorded = store.recordSent({
      messageId: '<comunicazione-1@pec.example>',
      accountId: acc,
      subject: 'Comunicazione 1',
      to: ['cliente1@pec.example'],
      rawSha256: file.sha256,
      rawPacked: file.packed,
    });
    assert.ok(recorded.ok);
    assert.deepEqual(await store.fileSentCopies([{ accountId: acc, sentMessageId: recorded.sentMessageId, raw }]), [null]);
    assert.ok(store.readSentRaw(recorded.sentMessageId)?.ok);
  });
});
