// Pack files (packStore.ts): a sync batch's bytes in one file, byte-exact, read back through the
// rows, found again by reindex without the database, and removed with the account that owned them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, reindexRawFiles, unindexedRawFiles } from '../../../src/main/store';
import { listPacks, packEntries } from '../../../src/main/store/packStore';
import { real, tempDir, withStore } from './helpers';
import { countRows, readStoreDb } from '../../helpers/store-db';

const NAMES = ['aruba-2023-posta-certificata-completa.eml', 'aruba-2014-accettazione.eml', 'aruba-2018-avvenuta-consegna-completa.eml'];

test('a batch goes to one read-only pack, and every message reads back byte for byte from it', async () => {
  await withStore(async (store, dir) => {
    const raws = NAMES.map(real);
    const results = await store.importMessages(raws.map((raw) => ({ raw })));

    const packs = listPacks(dir);
    assert.equal(packs.length, 1);
    assert.equal(fs.statSync(path.join(dir, packs[0])).mode & 0o222, 0, 'nothing may rewrite evidence');
    assert.deepEqual(packEntries(dir, packs[0]).map((e) => e.length), raws.map((r) => r.length));
    results.forEach((r, i) => {
      assert.ok(r.ok);
      assert.equal(store.getMessage(r.messageRowId)?.rawPath, packs[0]);
      const back = store.readMessageRaw(r.messageRowId);
      assert.ok(back?.ok && back.raw.equals(raws[i]), NAMES[i]);
    });
    assert.deepEqual(fs.readdirSync(path.join(dir, 'raw', 'packs')).filter((f) => f.endsWith('.tmp')), [], 'no temp file is left');
  });
});

test('a pack entry whose bytes changed on disk is reported corrupt, not shown', async () => {
  await withStore(async (store, dir) => {
    const [result] = await store.importMessages([{ raw: real(NAMES[1]) }]);
    assert.ok(result.ok);
    const [pack] = listPacks(dir);
    const [entry] = packEntries(dir, pack);
    const file = path.join(dir, pack);
    fs.chmodSync(file, 0o644);
    const bytes = fs.readFileSync(file);
    bytes[entry.offset + 10] ^= 0x20;
    fs.writeFileSync(file, bytes);

    const back = store.readMessageRaw(result.messageRowId);
    assert.equal(back?.ok ? 'ok' : back?.code, 'raw-corrupt');
  });
});

test('reindex files again the pack entries a lost database no longer names', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const raws = NAMES.map(real);
    let store = openStore(dir);
    await store.importMessages(raws.map((raw) => ({ raw })));
    store.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, `pecdesk.sqlite${suffix}`), { force: true });

    store = openStore(dir, { rebuild: true });
    try {
      assert.equal(unindexedRawFiles(store).length, 3);
      const report = await reindexRawFiles(store);
      assert.deepEqual(report, { messages: 3, sent: 0, failed: [] });
      assert.deepEqual(unindexedRawFiles(store), []);
      const stored = readStoreDb(store, (db) => db.prepare('SELECT id FROM messages ORDER BY id').all() as { id: number }[]);
      const back = stored.map((m) => store.readMessageRaw(m.id)).map((r) => (r?.ok ? r.raw.toString('latin1') : ''));
      assert.deepEqual(back.sort(), raws.map((r) => r.toString('latin1')).sort());
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});

test('deleting the account whose sync filed a pack removes the pack once no message in it is left', async () => {
  await withStore(async (store, dir) => {
    const saved = store.saveAccount({ name: 'Mario', address: 'mario@pec.alfa.test', kind: 'pec' });
    assert.ok(saved.ok);
    const inbox = store.upsertFolder(saved.accountId, { path: 'INBOX' });
    await store.importMessages(NAMES.map((name, i) => ({ raw: real(name), location: { folderId: inbox, uid: i + 1, flags: [] } })));
    const [pack] = listPacks(dir);
    assert.ok(pack);

    assert.equal(store.removeAccount(saved.accountId, 'delete'), true);

    assert.deepEqual(listPacks(dir), []);
    assert.equal(countRows(store, 'SELECT count(*) AS n FROM messages'), 0);
  });
});

test('reindex names the pack of an entry whose bytes changed, and files the rest of the pack', async () => {
  const { dir, cleanup } = tempDir();
  try {
    let store = openStore(dir);
    await store.importMessages(NAMES.map((name) => ({ raw: real(name) })));
    store.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, `pecdesk.sqlite${suffix}`), { force: true });
    const [pack] = listPacks(dir);
    const damaged = packEntries(dir, pack)[1];
    const file = path.join(dir, pack);
    fs.chmodSync(file, 0o644);
    const bytes = fs.readFileSync(file);
    bytes[damaged.offset + 10] ^= 0x20;
    fs.writeFileSync(file, bytes);

    store = openStore(dir, { rebuild: true });
    try {
      const report = await reindexRawFiles(store);
      assert.equal(report.messages, 2);
      assert.deepEqual(report.failed.map((f) => [f.sha256, f.relPath]), [[damaged.sha256, pack]]);
      assert.match(report.failed[0].reason, /SHA-256/);
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});
