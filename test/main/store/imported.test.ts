// "Importati": the messages the user brought in from files, and only those (migration 13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { schemaImportedV13 } from '../../../src/main/store/schema-imported-v13';
import { openStore, type Store } from '../../../src/main/store';
import { listSql } from '../../../src/main/store/queries/messages';
import { databaseBefore, own, real, tempDir, withStore } from './helpers';
import { readStoreDb } from '../../helpers/store-db';

const page = { offset: 0, limit: 50, sort: 'date', direction: 'desc' } as const;

function inbox(store: Store): number {
  const saved = store.saveAccount({ name: 'Mario', address: 'mario@pec.alfa.example', kind: 'pec' });
  assert.ok(saved.ok);
  return store.upsertFolder(saved.accountId, { path: 'INBOX' });
}

async function stored(store: Store, raw: Buffer, extra: Parameters<Store['importMessage']>[1]): Promise<number> {
  const result = await store.importMessage(raw, extra);
  assert.ok(result.ok);
  return result.messageRowId;
}

test('files imported, opened and kept, or from an archive are listed in Importati, newest first, with their unread count', async () => {
  await withStore(async (store) => {
    const a = await stored(store, real('aruba-2014-posta-certificata-completa.eml'), { importedFrom: 'file' });
    const b = await stored(store, real('aruba-2023-posta-certificata-completa.eml'), { importedFrom: 'opened' });
    const c = await stored(store, real('aruba-2018-accettazione.eml'), { importedFrom: 'archive' });
    const listed = store.listMessages({ folderId: null, ...page });
    assert.equal(listed.total, 3);
    assert.deepEqual(listed.rows.map((r) => r.id), [b, c, a]);
    assert.ok(listed.rows.every((r) => r.folderId === null && r.uid === null));
    assert.deepEqual(store.importedSummary(), { total: 3, unread: 3 });
    store.setSeen([b], true);
    assert.deepEqual(store.importedSummary(), { total: 3, unread: 2 });
    assert.equal(store.listMessages({ folderId: null, ...page }).rows[0].seen, true);
  });
});

test('a message deleted on the server stays stored but is not listed in Importati: it was never imported', async () => {
  await withStore(async (store) => {
    const folder = inbox(store);
    await stored(store, real('aruba-2018-accettazione.eml'), { location: { folderId: folder, uid: 7, flags: [] } });
    store.removeLocations(folder, [7]);
    assert.equal(store.listMessages({ folderId: null, ...page }).total, 0);
    assert.deepEqual(store.importedSummary(), { total: 0, unread: 0 });
  });
});

test('a file whose bytes were already synced is listed in Importati too, and importing it twice lists it once', async () => {
  await withStore(async (store) => {
    const folder = inbox(store);
    const synced = await stored(store, real('aruba-2018-accettazione.eml'), { location: { folderId: folder, uid: 1, flags: ['\\Seen'] } });
    assert.equal(await stored(store, real('aruba-2018-accettazione.eml'), { importedFrom: 'file' }), synced);
    assert.equal(await stored(store, real('aruba-2018-accettazione.eml'), { importedFrom: 'archive' }), synced);
    const listed = store.listMessages({ folderId: null, ...page });
    assert.deepEqual(listed.rows.map((r) => r.id), [synced]);
    assert.equal(store.listMessages({ folderId: folder, ...page }).total, 1, 'it stays in its server folder');
  });
});

test('an unreadable file is listed in Importati, flagged, so nothing brought in is hidden', async () => {
  await withStore(async (store) => {
    await stored(store, own('not-a-message.eml'), { importedFrom: 'file' });
    const [row] = store.listMessages({ folderId: null, ...page }).rows;
    assert.equal(row.unreadable, true);
  });
});

test('Importati pages by date on its own index, never sorting every message', async () => {
  await withStore((store) => {
    for (const direction of ['asc', 'desc'] as const) {
      const plan = readStoreDb(store, (db) => db.prepare(`EXPLAIN QUERY PLAN ${listSql('imported', 'date', direction)}`).all({ limit: 200, offset: 5_000 }) as { detail: string }[])
        .map((p) => p.detail)
        .join(' | ');
      assert.match(plan, /imported_messages_date_order/);
      assert.doesNotMatch(plan, /TEMP B-TREE/);
    }
  });
});

test('messages stored without a location before the upgrade (the old pecdesk import) are listed in Importati after it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // The store as it was before migration 13 (Importati), whatever migrations came after it.
    const db = databaseBefore(schemaImportedV13, path.join(dir, 'pecdesk.sqlite'));
    db.exec(`INSERT INTO accounts (name, address, kind, created_at) VALUES ('a', 'a@pec.alfa.example', 'pec', '2024-01-01T00:00:00Z');
      INSERT INTO folders (account_id, path) VALUES (1, 'INBOX');`);
    const message = db.prepare(`INSERT INTO messages (sha256, size, raw_path, subject, date_ms, received_at, received_ms)
      VALUES (?, 1, 'raw', ?, ?, '2024-01-01T00:00:00Z', ?) RETURNING id`).pluck();
    message.get('a'.repeat(64), 'imported long ago', Date.parse('2024-01-01'), Date.parse('2024-01-02'));
    const placed = message.get('b'.repeat(64), 'in the inbox', Date.parse('2024-02-01'), Date.parse('2024-02-01')) as number;
    db.prepare('INSERT INTO message_locations (message_row_id, folder_id, uid) VALUES (?, 1, 1)').run(placed);
    db.close();
    const store = openStore(dir);
    try {
      assert.deepEqual(store.listMessages({ folderId: null, ...page }).rows.map((r) => r.subject), ['imported long ago']);
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});
