import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { defaultStoreDir, migrations, openStore, tryOpenStore, type StoreChange } from '../../../src/main/store';
import { real, tempDir, withStore } from './helpers';
import { countRows, readStoreDb } from '../../helpers/store-db';

test('a new store runs in WAL mode with foreign keys enforced', async () => {
  await withStore((store, dir) => {
    assert.equal(readStoreDb(store, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
    assert.ok(fs.existsSync(path.join(dir, 'pecdesk.sqlite')));
    // A folder of an account that does not exist is refused by the database itself (foreign_keys is on for the store's connection).
    assert.throws(() => store.upsertFolder(999, { path: 'INBOX' }), /FOREIGN KEY/);
  });
});

test('reopening a store applies no migration twice and keeps its data', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const first = openStore(dir);
    assert.equal(first.schemaVersion, migrations.length);
    const stored = await first.importMessage(real('aruba-2018-accettazione.eml'));
    assert.ok(stored.ok);
    first.close();
    const second = openStore(dir);
    assert.equal(second.schemaVersion, migrations.length);
    assert.equal(countRows(second, 'SELECT count(*) AS n FROM messages'), 1);
    second.close();
  } finally {
    cleanup();
  }
});

test('the flag changes waiting for the server are found through an index, not by reading every location', async () => {
  await withStore((store) => {
    const plan = readStoreDb(store, (db) => db.prepare('EXPLAIN QUERY PLAN SELECT folder_id, uid FROM message_locations WHERE flags_dirty = 1').all() as { detail: string }[]);
    assert.match(plan.map((p) => p.detail).join(' | '), /USING INDEX message_locations_dirty/);
  });
});

test('a store written by a newer PecDesk is refused with a plain explanation', () => {
  const { dir, cleanup } = tempDir();
  try {
    openStore(dir).close();
    const db = new Database(path.join(dir, 'pecdesk.sqlite'));
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    const opened = tryOpenStore(dir);
    assert.equal(opened.ok, false);
    assert.match(!opened.ok ? opened.detail : '', /newer than this PecDesk/);
  } finally {
    cleanup();
  }
});

test('the default store folder is Electron userData for PecDesk, unless PECDESK_HOME says otherwise', () => {
  const home = process.env.HOME ?? '';
  assert.equal(defaultStoreDir({ PECDESK_HOME: '/data/pec' }, 'linux'), '/data/pec');
  assert.equal(defaultStoreDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux'), '/cfg/PecDesk');
  assert.equal(defaultStoreDir({}, 'linux'), path.join(home, '.config', 'PecDesk'));
  assert.equal(defaultStoreDir({}, 'darwin'), path.join(home, 'Library', 'Application Support', 'PecDesk'));
  assert.equal(defaultStoreDir({ APPDATA: 'C:\\Users\\m\\AppData\\Roaming' }, 'win32'), 'C:\\Users\\m\\AppData\\Roaming\\PecDesk');
});

test('listeners hear about a write only after it is committed, with the rows it touched', async () => {
  await withStore(async (store) => {
    const heard: { changes: StoreChange[]; committed: number }[] = [];
    const stop = store.onChange((changes) => {
      // Another connection sees only committed rows: if it sees the message, the commit happened.
      const reader = new Database(path.join(store.dir, 'pecdesk.sqlite'), { readonly: true });
      const committed = (reader.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      reader.close();
      heard.push({ changes, committed });
    });
    const result = await store.importMessage(real('aruba-2018-accettazione.eml'));
    assert.ok(result.ok && result.receiptId !== null);
    assert.equal(heard.length, 1);
    assert.equal(heard[0].committed, 1);
    const entities = Object.fromEntries(heard[0].changes.map((c) => [c.entity, c.ids]));
    assert.deepEqual(entities.messages, [result.messageRowId]);
    assert.deepEqual(entities.receipts, [result.receiptId]);
    stop();
    await store.importMessage(real('aruba-2018-avvenuta-consegna-completa.eml'));
    assert.equal(heard.length, 1, 'no event after unsubscribing');
  });
});
