// Moving and deleting messages against a real Dovecot: what the server holds afterwards, what the
// store lists, and that the next sync neither brings a message back nor files it twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCAL_RECEIPTS_PATH, type SyncEngine } from '../../../../src/main/mail';
import type { StoreChange } from '../../../../src/main/store';
import { appendAll, engineOnOwnMailbox, fixture, otherClient, REAL, serverFolder, storedIn, useDovecot, waitUntil } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('spostamenti', 8, PASSWORD);

/** A mailbox of its own holding two envelopes and a receipt in INBOX and a folder "Pratiche", synced once. */
async function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const { address, store, accountId, engine } = engineOnOwnMailbox(t, dovecot, PASSWORD);
  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  await webmail.mailboxCreate('Pratiche');
  await webmail.logout();
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.envelope2014), fixture(REAL.accettazione)]);
  await synced(engine);
  const folderId = (path: string) => {
    const folder = store.listFolders(accountId).find((f) => f.path === path);
    assert.ok(folder, `no folder ${path}`);
    return folder.id;
  };
  const onServer = (path: string) => serverFolder(dovecot.server.imapPort, address, PASSWORD, path);
  const [first, second] = storedIn(store, accountId, 'INBOX');
  return { store, accountId, engine, folderId, onServer, first, second };
}

/** Whether the server's INBOX holds each of these messages (bytes compared). */
async function inboxHolds(onServer: (path: string) => Promise<{ source: Buffer }[]>, ...raws: Buffer[]): Promise<boolean[]> {
  const inbox = await onServer('INBOX');
  return raws.map((raw) => inbox.some((m) => m.source.equals(raw)));
}

async function synced(engine: SyncEngine): Promise<void> {
  const result = await engine.syncAll();
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.detail}`);
  assert.deepEqual(result.folders.filter((f) => f.error).map((f) => `${f.path}: ${f.error?.code}`), []);
}

test('a message moved to another folder is there on the server and in the list, exactly once, also after the next sync', async (t) => {
  const { store, accountId, engine, folderId, onServer, first, second } = await setup(t);
  const changes: StoreChange[][] = [];
  store.onChange((c) => changes.push(c));

  const moved = await engine.moveMessages({ fromFolderId: folderId('INBOX'), messageIds: [first.id], toFolderId: folderId('Pratiche') });

  assert.deepEqual(moved, { ok: true, count: 1, permanently: false });
  const [there] = await onServer('Pratiche');
  assert.ok(there.source.equals(first.raw));
  assert.deepEqual(await inboxHolds(onServer, first.raw, second.raw), [false, true]);
  assert.deepEqual(storedIn(store, accountId, 'Pratiche').map((m) => ({ id: m.id, uid: m.uid })), [{ id: first.id, uid: there.uid }]);
  assert.deepEqual(storedIn(store, accountId, 'INBOX').map((m) => m.id), [second.id]);
  assert.ok(changes.some((c) => c.some((x) => x.entity === 'message_locations')), 'the list heard of the move');

  await synced(engine);
  await synced(engine);
  assert.deepEqual(storedIn(store, accountId, 'Pratiche').map((m) => ({ id: m.id, uid: m.uid })), [{ id: first.id, uid: there.uid }]);
  assert.deepEqual(storedIn(store, accountId, 'INBOX').map((m) => m.id), [second.id]);
  assert.equal(store.getMessage(first.id)?.locations.length, 1);
});

test('"Elimina" moves a message to the Trash on the server and in the list, with the read mark made in PecDesk', async (t) => {
  const { store, accountId, engine, folderId, onServer, first, second } = await setup(t);
  store.setSeen([first.id], true);

  const deleted = await engine.deleteMessages({ folderId: folderId('INBOX'), messageIds: [first.id], permanently: false });

  assert.deepEqual(deleted, { ok: true, count: 1, permanently: false });
  assert.deepEqual(await inboxHolds(onServer, first.raw, second.raw), [false, true]);
  await synced(engine);
  const trash = await onServer('Trash');
  assert.deepEqual(trash.map((m) => ({ source: m.source, flags: m.flags })), [{ source: first.raw, flags: ['\\Seen'] }]);
  assert.equal(store.listFolders(accountId).find((f) => f.id === folderId('Trash'))?.role, 'trash');
  assert.deepEqual(storedIn(store, accountId, 'Trash').map((m) => ({ id: m.id, uid: m.uid, flags: m.flags })), [{ id: first.id, uid: trash[0].uid, flags: ['\\Seen'] }]);
  assert.deepEqual(storedIn(store, accountId, 'INBOX').map((m) => m.id), [second.id]);
});

test('deleting from the Trash waits for confirmation, then removes the message from the server and the list while its .eml stays readable', async (t) => {
  const { store, accountId, engine, folderId, onServer, first } = await setup(t);
  assert.ok((await engine.deleteMessages({ folderId: folderId('INBOX'), messageIds: [first.id], permanently: false })).ok);

  const unconfirmed = await engine.deleteMessages({ folderId: folderId('Trash'), messageIds: [first.id], permanently: false });
  assert.equal(!unconfirmed.ok && unconfirmed.code, 'needs-confirmation');
  assert.equal((await onServer('Trash')).length, 1);

  const gone = await engine.deleteMessages({ folderId: folderId('Trash'), messageIds: [first.id], permanently: true });

  assert.deepEqual(gone, { ok: true, count: 1, permanently: true });
  assert.deepEqual(await onServer('Trash'), []);
  assert.deepEqual(storedIn(store, accountId, 'Trash'), []);
  await synced(engine);
  assert.deepEqual(storedIn(store, accountId, 'Trash'), []);
  assert.deepEqual(await inboxHolds(onServer, first.raw), [false]);
  // PEC messages are evidence: the bytes PecDesk received stay in its store, signature and all.
  const raw = store.readMessageRaw(first.id);
  assert.ok(raw?.ok, JSON.stringify(raw));
  assert.ok(raw.raw.equals(first.raw));
  assert.deepEqual(store.getMessage(first.id)?.locations, []);
});

test('while PecDesk keeps the account in sync (IDLE on INBOX), a deleted message is in the Trash once and never comes back to INBOX', async (t) => {
  const { store, accountId, engine, folderId, onServer, first, second } = await setup(t);
  engine.start();
  await waitUntil(() => engine.status().state === 'idle', 'the engine idling on INBOX');

  const deleted = await engine.deleteMessages({ folderId: folderId('INBOX'), messageIds: [first.id], permanently: false });
  assert.ok(deleted.ok, JSON.stringify(deleted));
  // The server's VANISHED for INBOX brings a sync of its own a moment later.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await synced(engine);

  assert.deepEqual(storedIn(store, accountId, 'INBOX').map((m) => m.id), [second.id]);
  assert.deepEqual(storedIn(store, accountId, 'Trash').map((m) => m.uid), (await onServer('Trash')).map((m) => m.uid));
  assert.deepEqual(storedIn(store, accountId, 'Trash').map((m) => m.id), [first.id]);
});

test('a receipt in PecDesk\'s local receipts folder is neither moved nor deleted: the answer says it is local only and the server keeps it', async (t) => {
  const { store, accountId, engine, folderId, onServer } = await setup(t);
  const [receipt] = storedIn(store, accountId, LOCAL_RECEIPTS_PATH);
  const local = folderId(LOCAL_RECEIPTS_PATH);

  const moved = await engine.moveMessages({ fromFolderId: local, messageIds: [receipt.id], toFolderId: folderId('Pratiche') });
  const deleted = await engine.deleteMessages({ folderId: local, messageIds: [receipt.id], permanently: false });
  const intoLocal = await engine.moveMessages({ fromFolderId: folderId('INBOX'), messageIds: [storedIn(store, accountId, 'INBOX')[0].id], toFolderId: local });

  assert.deepEqual([moved, deleted, intoLocal].map((r) => !r.ok && r.code), ['local-only', 'local-only', 'local-only']);
  assert.ok(!moved.ok && /ricevute/i.test(moved.message));
  assert.equal((await onServer('INBOX')).length, 3);
  assert.deepEqual(await onServer('Pratiche'), []);
  assert.deepEqual(storedIn(store, accountId, LOCAL_RECEIPTS_PATH).map((m) => m.id), [receipt.id]);
});

test('a message that is no longer in the folder, or a folder of another account, is refused without touching the server', async (t) => {
  const { store, engine, folderId, onServer, first } = await setup(t);
  const other = store.saveAccount({ name: 'altro', address: 'altro@pec.alfa.test', kind: 'pec' });
  assert.ok(other.ok);
  const elsewhere = store.upsertFolder(other.accountId, { path: 'INBOX' });

  const missing = await engine.moveMessages({ fromFolderId: folderId('Pratiche'), messageIds: [first.id], toFolderId: folderId('INBOX') });
  const across = await engine.moveMessages({ fromFolderId: folderId('INBOX'), messageIds: [first.id], toFolderId: elsewhere });

  assert.equal(!missing.ok && missing.code, 'not-in-folder');
  assert.equal(!across.ok && across.code, 'other-account');
  assert.equal((await onServer('INBOX')).length, 3);
});
