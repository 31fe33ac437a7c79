import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, openStore, type Store } from '../../../src/main/store';
import { folderSummariesSql } from '../../../src/main/store/queries/folders';
import { listSql } from '../../../src/main/store/queries/messages';
import { own, real, tempDir, withStore } from './helpers';
import { readStoreDb } from '../../helpers/store-db';

function account(store: Store): number {
  const saved = store.saveAccount({
    name: 'Mario Rossi',
    address: 'Mario@PEC.alfa.example',
    kind: 'pec',
    imap: { host: 'imaps.pec.alfa.example', port: 993, security: 'tls', username: 'mario@pec.alfa.example' },
    smtp: { host: 'smtps.pec.alfa.example', port: 465, security: 'tls', username: 'mario@pec.alfa.example' },
    settings: { receiptsFolder: 'Ricevute PEC' },
  });
  assert.ok(saved.ok);
  return saved.accountId;
}

async function place(store: Store, raw: Buffer, folderId: number, uid: number, flags: string[] = []): Promise<number> {
  const result = await store.importMessage(raw, { location: { folderId, uid, flags } });
  assert.ok(result.ok);
  return result.messageRowId;
}

test('an account whose settings carry a password is refused: passwords belong to the SecretStore', async () => {
  await withStore((store) => {
    const refused = store.saveAccount({ name: 'x', address: 'x@pec.it', kind: 'pec', imap: { host: 'h', port: 993, auth: { user: 'x', pass: 'secret' } } });
    assert.equal(refused.ok ? null : refused.code, 'secret-in-settings');
    assert.deepEqual(store.listAccounts(), []);
    const id = account(store);
    const [saved] = store.listAccounts();
    assert.equal(saved.id, id);
    assert.equal(saved.address, 'mario@pec.alfa.example');
    assert.deepEqual(saved.settings, { receiptsFolder: 'Ricevute PEC' });
    const duplicate = store.saveAccount({ name: 'again', address: 'mario@pec.alfa.example', kind: 'pec' });
    assert.equal(duplicate.ok ? null : duplicate.code, 'address-taken');
  });
});

test('folders are listed with how many messages they hold and how many are unread', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX', specialUse: '\\Inbox', role: 'inbox' });
    const receipts = store.upsertFolder(acc, { path: 'Ricevute PEC', role: 'receipts' });
    assert.equal(store.upsertFolder(acc, { path: 'INBOX', specialUse: '\\Inbox' }), inbox, 'same path, same folder');
    await place(store, real('aruba-2023-posta-certificata-completa.eml'), inbox, 1);
    await place(store, real('aruba-2014-posta-certificata-completa.eml'), inbox, 2, ['\\Seen']);
    await place(store, real('aruba-2018-accettazione.eml'), receipts, 1, ['\\Seen']);
    const folders = store.listFolders(acc).map(({ path, role, total, unread }) => ({ path, role, total, unread }));
    assert.deepEqual(folders, [
      { path: 'INBOX', role: 'inbox', total: 2, unread: 1 },
      { path: 'Ricevute PEC', role: 'receipts', total: 1, unread: 0 },
    ]);
  });
});

test('a folder lists its messages a page at a time, newest first, with their PEC badges', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX' });
    const names = ['aruba-2014-posta-certificata-completa.eml', 'aruba-2018-accettazione.eml', 'aruba-2023-posta-certificata-completa.eml', 'fakepec-2024-accettazione-anonymized.eml'];
    for (const [i, name] of names.entries()) await place(store, real(name), inbox, i + 1);
    const first = store.listMessages({ folderId: inbox, offset: 0, limit: 3, sort: 'date', direction: 'desc' });
    assert.equal(first.total, 4);
    assert.deepEqual(first.rows.map((r) => r.uid), [4, 3, 2]);
    const second = store.listMessages({ folderId: inbox, offset: 3, limit: 3, sort: 'date', direction: 'desc' });
    assert.deepEqual(second.rows.map((r) => r.uid), [1]);
    const aruba2018 = first.rows.find((r) => r.uid === 2)!;
    assert.equal(aruba2018.kind, 'receipt');
    assert.equal(aruba2018.receiptType, 'accettazione');
    assert.equal(aruba2018.signatureValid, true);
    assert.equal(aruba2018.seen, false);
    const fakepec = first.rows.find((r) => r.uid === 4)!;
    assert.equal(fakepec.signaturePresent, false, 'SOURCES.md: the smime.p7s part was removed upstream');
    const bySubject = store.listMessages({ folderId: inbox, offset: 0, limit: 10, sort: 'subject', direction: 'asc' });
    assert.deepEqual(bySubject.rows.map((r) => r.displaySubject), [...bySubject.rows.map((r) => r.displaySubject)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });
});

test('a copy of a sent message in the Sent folder is listed with its D/A/C/E', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const sentFolder = store.upsertFolder(acc, { path: 'Sent', specialUse: '\\Sent', role: 'sent' });
    const raw = own('aruba-2018-sent.eml');
    const recorded = await store.importSentMessage(raw);
    assert.ok(recorded.ok);
    const copy = await place(store, raw, sentFolder, 1, ['\\Seen']);
    await store.importMessage(real('aruba-2018-accettazione.eml'));
    const [row] = store.listMessages({ folderId: sentFolder, offset: 0, limit: 10, sort: 'date', direction: 'desc' }).rows;
    assert.equal(row.id, copy);
    assert.equal(row.sentMessageId, recorded.sentMessageId);
    assert.deepEqual(row.dac, { D: 1, A: 1, C: 0, E: 0 });
    assert.equal(store.findSentForMessage(copy), recorded.sentMessageId);
  });
});

test('marking a message read updates the unread count and queues the flag for the server', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX' });
    const id = await place(store, real('aruba-2023-posta-certificata-completa.eml'), inbox, 42, ['\\Flagged']);
    store.setSeen([id], true);
    assert.equal(store.listFolders(acc)[0].unread, 0);
    assert.deepEqual(store.flagChangesToPush(), [{ folderId: inbox, uid: 42, flags: ['\\Flagged', '\\Seen'] }]);
    // The sync stores it on the server and reads the flags back.
    store.setServerFlags(inbox, 42, ['\\Flagged', '\\Seen']);
    assert.deepEqual(store.flagChangesToPush(), []);
    store.setSeen([id], false);
    assert.equal(store.listFolders(acc)[0].unread, 1);
  });
});

test('a receipt moved to the receipts folder keeps its row, its flags and its unsent read mark', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX' });
    const receipts = store.upsertFolder(acc, { path: 'Ricevute PEC', role: 'receipts' });
    const id = await place(store, real('aruba-2018-accettazione.eml'), inbox, 7, ['\\Flagged']);
    store.setSeen([id], true);
    const heard: string[] = [];
    store.onChange((changes) => heard.push(changes.map((c) => c.entity).sort().join(',')));

    assert.equal(store.moveLocation(inbox, 7, receipts, 31), true);

    assert.deepEqual(heard, ['folders,message_locations,messages'], 'one commit');
    assert.deepEqual(store.getMessage(id)!.locations, [{ folderId: receipts, uid: 31, flags: ['\\Flagged', '\\Seen'] }]);
    assert.deepEqual(store.folderUids(inbox), []);
    assert.deepEqual(store.flagChangesToPush(), [{ folderId: receipts, uid: 31, flags: ['\\Flagged', '\\Seen'] }]);
    assert.deepEqual(store.listFolders(acc).map((f) => [f.path, f.total, f.unread]), [['INBOX', 0, 0], ['Ricevute PEC', 1, 0]]);
    assert.equal(store.moveLocation(inbox, 7, receipts, 32), false, 'nothing is left at the old place');
  });
});

test('moving onto a place the receipts folder sync already filed leaves one location there', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX' });
    const receipts = store.upsertFolder(acc, { path: 'Ricevute PEC', role: 'receipts' });
    const raw = real('aruba-2018-avvenuta-consegna-completa.eml');
    const id = await place(store, raw, inbox, 4);
    await place(store, raw, receipts, 12);
    assert.equal(store.moveLocations([{ fromFolderId: inbox, fromUid: 4, toFolderId: receipts, toUid: 12 }]), 1);
    assert.deepEqual(store.getMessage(id)!.locations.map((l) => [l.folderId, l.uid]), [[receipts, 12]]);
  });
});

test('a new UIDVALIDITY forgets the UIDs of the folder but keeps the messages', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX' });
    store.setFolderSyncState(inbox, { uidValidity: 1700000000, uidNext: 3, highestModseq: 9007199254740993n });
    assert.deepEqual(store.folderSyncState(inbox), { uidValidity: 1700000000, uidNext: 3, highestModseq: 9007199254740993n });
    const id = await place(store, real('aruba-2018-accettazione.eml'), inbox, 1);
    await place(store, real('aruba-2018-avvenuta-consegna-completa.eml'), inbox, 2);
    store.removeLocations(inbox, [2]);
    assert.deepEqual(store.folderUids(inbox), [1]);
    store.setFolderSyncState(inbox, { uidValidity: 1800000000, uidNext: 1, highestModseq: null });
    assert.deepEqual(store.folderUids(inbox), []);
    assert.ok(store.getMessage(id), 'the message stays in the store');
  });
});

test('messages imported from files are listed apart from any folder', async () => {
  await withStore(async (store) => {
    await store.importMessage(real('aruba-2018-accettazione.eml'), { importedFrom: 'file' });
    await store.importMessage(own('not-a-message.eml'), { importedFrom: 'file' });
    const page = store.listMessages({ folderId: null, offset: 0, limit: 10, sort: 'size', direction: 'asc' });
    assert.equal(page.total, 2);
    assert.deepEqual(page.rows.map((r) => r.unreadable), [true, false]);
    assert.equal(page.rows[0].folderId, null);
  });
});

const planOf = (store: Store, sql: string, params: Record<string, unknown>) =>
  readStoreDb(store, (db) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail).join(' | '));

test('a page of a folder sorted by date is read in index order, whatever its depth, never by sorting the folder', async () => {
  await withStore((store) => {
    for (const direction of ['asc', 'desc'] as const) {
      const plan = planOf(store, listSql('folder', 'date', direction), { folderId: 1, limit: 200, offset: 50_000 });
      assert.match(plan, /USING COVERING INDEX message_locations_date_order/);
      assert.doesNotMatch(plan, /TEMP B-TREE/);
    }
  });
});

test('the folder pane counts messages and unread ones on indexes, without reading the messages', async () => {
  await withStore((store) => {
    const plan = planOf(store, folderSummariesSql, { accountId: null });
    assert.match(plan, /COVERING INDEX message_locations_unread/);
    assert.doesNotMatch(plan, /SCAN l|\bm\b|messages/);
  });
});

test('every sort of a folder pages through the same messages, in order, as one long page', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX' });
    const names = ['aruba-2014-posta-certificata-completa.eml', 'aruba-2018-accettazione.eml', 'aruba-2023-posta-certificata-completa.eml',
      'fakepec-2024-accettazione-anonymized.eml', 'aruba-2014-accettazione.eml', 'sogei-2018-posta-certificata-breve-sdi-invio-file.eml',
      'anon-2021-posta-certificata-completa-sha256.eml', 'aruba-2018-avvenuta-consegna-completa.eml'];
    for (const [i, name] of names.entries()) await place(store, real(name), inbox, 10 - i);
    // The same message twice in one folder (a server-side copy): both rows are listed.
    await place(store, real('aruba-2018-accettazione.eml'), inbox, 20);
    await place(store, own('not-a-message.eml'), inbox, 21);
    const instant = (r: { date: string | null; receivedAt: string }) => Date.parse(r.date ?? r.receivedAt);
    const keys = {
      date: instant,
      from: (r: { displayFrom: string | null }) => (r.displayFrom ?? '').toLowerCase(),
      subject: (r: { displaySubject: string }) => r.displaySubject.toLowerCase(),
      size: (r: { size: number }) => r.size,
    };
    for (const sort of ['date', 'from', 'subject', 'size'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = store.listMessages({ folderId: inbox, offset: 0, limit: 100, sort, direction });
        assert.equal(whole.total, 10);
        assert.equal(whole.rows.length, 10);
        const paged = [0, 3, 6, 9].flatMap((offset) => store.listMessages({ folderId: inbox, offset, limit: 3, sort, direction }).rows);
        assert.deepEqual(paged.map((r) => r.uid), whole.rows.map((r) => r.uid), `${sort} ${direction}`);
        const sign = direction === 'asc' ? 1 : -1;
        for (let i = 1; i < whole.rows.length; i++) {
          const [a, b] = [keys[sort](whole.rows[i - 1] as never), keys[sort](whole.rows[i] as never)];
          assert.ok(a === b ? sign * (whole.rows[i].id - whole.rows[i - 1].id) >= 0 : sign * (a < b ? 1 : -1) > 0, `${sort} ${direction} at ${i}`);
        }
      }
    }
  });
});

test('a UID the server reused for another message sorts by the date of the message now there', async () => {
  await withStore(async (store) => {
    const acc = account(store);
    const inbox = store.upsertFolder(acc, { path: 'INBOX' });
    await place(store, real('aruba-2023-posta-certificata-completa.eml'), inbox, 1);
    await place(store, real('aruba-2018-accettazione.eml'), inbox, 2);
    await place(store, real('aruba-2014-posta-certificata-completa.eml'), inbox, 1);
    const page = store.listMessages({ folderId: inbox, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
    assert.deepEqual(page.rows.map((r) => [r.uid, new Date(Date.parse(r.date!)).getUTCFullYear()]), [[2, 2018], [1, 2014]]);
  });
});

test('messages filed before the upgrade to the date index are listed in date order after it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = new Database(path.join(dir, 'pecdesk.sqlite'));
    for (const [n, sql] of migrations.slice(0, 4).entries()) {
      db.exec(sql);
      db.pragma(`user_version = ${n + 1}`);
    }
    db.exec(`INSERT INTO accounts (name, address, kind, created_at) VALUES ('a', 'a@pec.alfa.example', 'pec', '2024-01-01T00:00:00Z');
      INSERT INTO folders (account_id, path) VALUES (1, 'INBOX');`);
    const message = db.prepare(`INSERT INTO messages (sha256, size, raw_path, subject, date_ms, received_at, received_ms)
      VALUES (?, 1, 'raw', ?, ?, '2024-01-01T00:00:00Z', ?) RETURNING id`).pluck();
    // The second has no Date header: it sorts by when it was received.
    const older = message.get('a'.repeat(64), 'older', Date.parse('2024-01-01'), Date.parse('2024-01-02')) as number;
    const newer = message.get('b'.repeat(64), 'newer', null, Date.parse('2024-03-01')) as number;
    db.prepare('INSERT INTO message_locations (message_row_id, folder_id, uid) VALUES (?, 1, ?)').run(newer, 1);
    db.prepare('INSERT INTO message_locations (message_row_id, folder_id, uid) VALUES (?, 1, ?)').run(older, 2);
    db.close();
    const store = openStore(dir);
    try {
      const page = store.listMessages({ folderId: 1, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
      assert.deepEqual(page.rows.map((r) => r.subject), ['newer', 'older']);
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});
