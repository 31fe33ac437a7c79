// Creating, renaming, moving and deleting folders against a real Dovecot: the server holds the
// change, the store follows only once the server agreed, and a refusal changes nothing anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SyncEngine } from '../../../../src/main/mail';
import { appendAll, engineOnOwnMailbox, fixture, otherClient, REAL, storedIn, useDovecot } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('cartelle', 8, PASSWORD);

async function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const { address, store, accountId, engine } = engineOnOwnMailbox(t, dovecot, PASSWORD);
  await synced(engine);
  const serverPaths = async () => {
    const client = await otherClient(dovecot.server.imapPort, address, PASSWORD);
    try {
      return (await client.list()).map((f) => f.path).sort();
    } finally {
      await client.logout();
    }
  };
  const paths = () => store.listFolders(accountId).map((f) => f.path).filter((p) => !p.startsWith('#')).sort();
  const idOf = (path: string) => {
    const folder = store.listFolders(accountId).find((f) => f.path === path);
    assert.ok(folder, `no folder ${path}`);
    return folder.id;
  };
  return { store, address, accountId, engine, serverPaths, paths, idOf };
}

async function synced(engine: SyncEngine): Promise<void> {
  const result = await engine.syncAll();
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.detail}`);
}

test('a folder created, then a subfolder in it, exist on the server and in the tree, also after the next sync', async (t) => {
  const { engine, serverPaths, paths, idOf } = await setup(t);

  const pratiche = await engine.createFolder({ parentFolderId: null, name: 'Pratiche' });
  assert.ok(pratiche.ok);
  const sub = await engine.createFolder({ parentFolderId: idOf('Pratiche'), name: 'Tribunale 2026' });

  assert.deepEqual(sub, { ok: true, folderId: idOf('Pratiche/Tribunale 2026') });
  assert.ok((await serverPaths()).includes('Pratiche/Tribunale 2026'));
  await synced(engine);
  assert.deepEqual(paths(), ['Drafts', 'INBOX', 'Junk', 'Pratiche', 'Pratiche/Tribunale 2026', 'Sent', 'Trash']);
  assert.equal(pratiche.ok && pratiche.folderId, idOf('Pratiche'), 'the sync kept the row the creation made');
});

test('a name that exists, or holds the separator, is refused and nothing is created', async (t) => {
  const { engine, serverPaths, paths } = await setup(t);
  const before = { server: await serverPaths(), local: paths() };

  const taken = await engine.createFolder({ parentFolderId: null, name: 'trash' });
  const slashed = await engine.createFolder({ parentFolderId: null, name: 'a/b' });

  assert.equal(!taken.ok && taken.code, 'exists');
  assert.equal(!slashed.ok && slashed.code, 'bad-name');
  assert.deepEqual({ server: await serverPaths(), local: paths() }, before);
});

test('a folder created meanwhile by another client is refused by the server, and the tree learns of it only by syncing', async (t) => {
  const { engine, address, paths } = await setup(t);
  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  await webmail.mailboxCreate('Fatture');
  await webmail.logout();

  const again = await engine.createFolder({ parentFolderId: null, name: 'Fatture' });

  assert.equal(!again.ok && again.code, 'exists');
  assert.ok(!paths().includes('Fatture'));
});

test('renaming a folder with messages and a subfolder keeps its messages and sync state, and nothing is fetched again', async (t) => {
  const { store, address, accountId, engine, serverPaths, paths, idOf } = await setup(t);
  await engine.createFolder({ parentFolderId: null, name: 'Pratiche' });
  await engine.createFolder({ parentFolderId: idOf('Pratiche'), name: 'Vecchie' });
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'Pratiche', [fixture(REAL.envelope2023)]);
  await synced(engine);
  const [message] = storedIn(store, accountId, 'Pratiche');
  const folderId = idOf('Pratiche');

  const renamed = await engine.renameFolder({ folderId, name: 'Contenzioso' });

  assert.deepEqual(renamed, { ok: true, folderId });
  assert.deepEqual((await serverPaths()).filter((p) => p.startsWith('Contenzioso') || p.startsWith('Pratiche')), ['Contenzioso', 'Contenzioso/Vecchie']);
  assert.deepEqual(paths().filter((p) => p.startsWith('Contenzioso') || p.startsWith('Pratiche')), ['Contenzioso', 'Contenzioso/Vecchie']);
  const result = await engine.syncAll();
  assert.ok(result.ok);
  assert.equal(result.folders.find((f) => f.path === 'Contenzioso')?.added, 0, 'the renamed folder was not filed again');
  assert.deepEqual(storedIn(store, accountId, 'Contenzioso').map((m) => m.id), [message.id]);
  assert.equal(idOf('Contenzioso'), folderId);
});

test('moving a folder under another one and back to the top follows on the server', async (t) => {
  const { engine, serverPaths, paths, idOf } = await setup(t);
  await engine.createFolder({ parentFolderId: null, name: 'Clienti' });
  await engine.createFolder({ parentFolderId: null, name: 'Rossi' });

  const under = await engine.renameFolder({ folderId: idOf('Rossi'), name: 'Rossi', parentFolderId: idOf('Clienti') });
  assert.ok(under.ok);
  assert.ok((await serverPaths()).includes('Clienti/Rossi'));
  assert.ok(paths().includes('Clienti/Rossi') && !paths().includes('Rossi'));

  const into = await engine.renameFolder({ folderId: idOf('Clienti'), name: 'Clienti', parentFolderId: idOf('Clienti/Rossi') });
  assert.equal(!into.ok && into.code, 'into-itself');

  const back = await engine.renameFolder({ folderId: idOf('Clienti/Rossi'), name: 'Rossi', parentFolderId: null });
  assert.ok(back.ok);
  assert.ok((await serverPaths()).includes('Rossi'));
  assert.ok(paths().includes('Rossi') && !paths().includes('Clienti/Rossi'));
});

test('INBOX cannot be renamed or deleted, and renaming onto an existing name is refused: nothing changes', async (t) => {
  const { engine, serverPaths, paths, idOf } = await setup(t);
  const before = { server: await serverPaths(), local: paths() };

  const inbox = await engine.renameFolder({ folderId: idOf('INBOX'), name: 'Arrivi' });
  const inboxGone = await engine.deleteFolder(idOf('INBOX'));
  const clash = await engine.renameFolder({ folderId: idOf('Junk'), name: 'Trash' });

  assert.equal(!inbox.ok && inbox.code, 'protected');
  assert.equal(!inboxGone.ok && inboxGone.code, 'protected');
  assert.equal(!clash.ok && clash.code, 'exists');
  assert.deepEqual({ server: await serverPaths(), local: paths() }, before);
});

test('an empty folder is deleted on the server and in the tree; one with messages or subfolders is refused', async (t) => {
  const { address, engine, serverPaths, paths, idOf } = await setup(t);
  await engine.createFolder({ parentFolderId: null, name: 'Vuota' });
  await engine.createFolder({ parentFolderId: null, name: 'Piena' });
  await engine.createFolder({ parentFolderId: null, name: 'Madre' });
  await engine.createFolder({ parentFolderId: idOf('Madre'), name: 'Figlia' });
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'Piena', [fixture(REAL.accettazione)]);

  const empty = idOf('Vuota');
  assert.deepEqual(await engine.deleteFolder(empty), { ok: true, folderId: empty });
  const full = await engine.deleteFolder(idOf('Piena'));
  const parent = await engine.deleteFolder(idOf('Madre'));

  assert.equal(!full.ok && full.code, 'not-empty');
  assert.equal(!parent.ok && parent.code, 'has-subfolders');
  const server = await serverPaths();
  assert.ok(!server.includes('Vuota') && server.includes('Piena') && server.includes('Madre'));
  assert.ok(!paths().includes('Vuota') && paths().includes('Piena') && paths().includes('Madre/Figlia'));
});
