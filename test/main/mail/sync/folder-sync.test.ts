import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SyncEngine, SyncProgress, SyncResult } from '../../../../src/main/mail';
import type { StoreChange } from '../../../../src/main/store';
import { appendAll, engineOnOwnMailbox, fixture, otherClient, REAL, serverFolder, storedIn, useDovecot } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('utente', 10, PASSWORD);

/** A mailbox of its own for each test, a store, and an engine on them (closed by the test's cleanup). */
function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const progress: SyncProgress[] = [];
  const { address, store, account, engine } = engineOnOwnMailbox(t, dovecot, PASSWORD, { onProgress: (p) => progress.push(p) });
  return { address, store, account, engine, progress };
}

function reportOf(result: SyncResult, path: string) {
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.detail}`);
  const report = result.folders.find((f) => f.path === path);
  assert.ok(report, `no report for ${path}`);
  assert.equal(report.error, undefined, JSON.stringify(report.error));
  return report;
}

async function synced(engine: SyncEngine): Promise<SyncResult> {
  const result = await engine.syncAll();
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.detail}`);
  for (const f of result.folders) assert.equal(f.error, undefined, `${f.path}: ${JSON.stringify(f.error)}`);
  return result;
}

test('a first sync files every folder byte for byte, classified, with its special use', async (t) => {
  const { address, store, account, engine, progress } = setup(t);
  const inbox = [fixture(REAL.envelope2023), fixture(REAL.envelope2014), fixture(REAL.accettazione), fixture(REAL.consegna)];
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', inbox);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'Sent', [fixture('postacert-inner-plain.eml')], ['\\Seen']);

  await synced(engine);

  const folders = store.listFolders(Number(account.id));
  const byPath = new Map(folders.map((f) => [f.path, f]));
  assert.equal(byPath.get('INBOX')?.role, 'inbox');
  assert.equal(byPath.get('Sent')?.specialUse, '\\Sent');
  assert.equal(byPath.get('Sent')?.role, 'sent');
  assert.equal(byPath.get('Trash')?.role, 'trash');
  // The envelopes stay in INBOX; the receipts are shown in the receipts folder ('local' mode).
  const envelopes = storedIn(store, Number(account.id), 'INBOX');
  const receipts = storedIn(store, Number(account.id), '#pecdesk/receipts');
  assert.deepEqual(envelopes.map((m) => store.getMessage(m.id)?.kind), ['envelope', 'envelope']);
  assert.deepEqual(receipts.map((m) => store.getMessage(m.id)?.receiptType).sort(), ['accettazione', 'avvenuta-consegna']);
  const onServer = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  const filed = [...envelopes, ...receipts].sort((a, b) => a.uid - b.uid);
  assert.deepEqual(filed.map((m) => m.uid), onServer.map((m) => m.uid));
  for (const [i, m] of filed.entries()) assert.ok(m.raw.equals(onServer[i].source), `UID ${m.uid} stored byte for byte`);
  const sent = storedIn(store, Number(account.id), 'Sent');
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0].flags, ['\\Seen']);
  assert.deepEqual(progress.filter((p) => p.folder === 'INBOX').at(-1), { accountId: Number(account.id), folder: 'INBOX', done: 4, total: 4 });
});

test('a second sync with nothing new on the server changes nothing in the store', async (t) => {
  const { address, store, engine } = setup(t);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.accettazione)]);
  await synced(engine);
  const changes: StoreChange[][] = [];
  const stop = store.onChange((c) => changes.push(c));
  const again = await synced(engine);
  stop();
  assert.ok(again.ok);
  assert.deepEqual(again.folders.map((f) => f.added + f.removed + f.flagsFromServer + f.flagsToServer + f.receiptsFiled), again.folders.map(() => 0));
  assert.deepEqual(changes, []);
});

test('messages arriving after a sync are filed by the next one, and only they', async (t) => {
  const { address, store, account, engine } = setup(t);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023)]);
  await synced(engine);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2014), fixture('aruba-2014-posta-certificata-no-tiporicevuta.eml')]);
  const result = await synced(engine);
  assert.equal(reportOf(result, 'INBOX').added, 2);
  assert.equal(storedIn(store, Number(account.id), 'INBOX').length, 3);
});

test('flags another client sets reach the store, and a message read in PecDesk is marked \\Seen on the server', async (t) => {
  const { address, store, account, engine } = setup(t);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.envelope2014)]);
  await synced(engine);
  const [first, second] = storedIn(store, Number(account.id), 'INBOX');

  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  await webmail.mailboxOpen('INBOX');
  await webmail.messageFlagsAdd(String(first.uid), ['\\Flagged', '\\Seen'], { uid: true });
  await webmail.logout();
  store.setSeen([second.id], true);

  const result = await synced(engine);
  assert.equal(reportOf(result, 'INBOX').flagsToServer, 1);
  const local = new Map(storedIn(store, Number(account.id), 'INBOX').map((m) => [m.uid, m.flags]));
  assert.deepEqual(local.get(first.uid), ['\\Flagged', '\\Seen']);
  assert.deepEqual(local.get(second.uid), ['\\Seen']);
  const remote = new Map((await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX')).map((m) => [m.uid, m.flags]));
  assert.deepEqual(remote.get(second.uid), ['\\Seen']);
  assert.deepEqual(store.flagChangesToPush(), []);
});

test('a message expunged by another client leaves its folder in PecDesk, and its bytes stay in the store', async (t) => {
  const { address, store, account, engine } = setup(t);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.envelope2014)]);
  await synced(engine);
  const [gone, kept] = storedIn(store, Number(account.id), 'INBOX');

  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  await webmail.mailboxOpen('INBOX');
  await webmail.messageDelete(String(gone.uid), { uid: true });
  await webmail.logout();

  const result = await synced(engine);
  assert.equal(reportOf(result, 'INBOX').removed, 1);
  assert.deepEqual(storedIn(store, Number(account.id), 'INBOX').map((m) => m.uid), [kept.uid]);
  assert.deepEqual(store.getMessage(gone.id)?.locations, []);
  assert.ok(store.readMessageRaw(gone.id)?.ok);
});

test('a folder deleted and created again on the server (new UIDVALIDITY) is filed again from scratch', async (t) => {
  const { address, store, account, engine } = setup(t);
  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  t.after(() => webmail.logout());
  await webmail.mailboxCreate('Archivio');
  await webmail.append('Archivio', fixture(REAL.envelope2023));
  await webmail.append('Archivio', fixture(REAL.envelope2014));
  await synced(engine);
  assert.equal(storedIn(store, Number(account.id), 'Archivio').length, 2);

  await webmail.mailboxDelete('Archivio');
  // Dovecot derives UIDVALIDITY from the clock: a new second gives the new folder a new one.
  await new Promise((r) => setTimeout(r, 1100));
  await webmail.mailboxCreate('Archivio');
  await webmail.append('Archivio', fixture('aruba-2014-posta-certificata-no-tiporicevuta.eml'));

  const result = await synced(engine);
  const report = reportOf(result, 'Archivio');
  assert.equal(report.uidValidityReset, true);
  const filed = storedIn(store, Number(account.id), 'Archivio');
  const [onServer] = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'Archivio');
  assert.deepEqual(filed.map((m) => m.uid), [onServer.uid]);
  assert.ok(filed[0].raw.equals(onServer.source));
});

test('a folder deleted on the server disappears from PecDesk', async (t) => {
  const { address, store, account, engine } = setup(t);
  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  await webmail.mailboxCreate('Vecchia');
  await webmail.append('Vecchia', fixture(REAL.envelope2023));
  await synced(engine);
  assert.ok(store.listFolders(Number(account.id)).some((f) => f.path === 'Vecchia'));
  await webmail.mailboxDelete('Vecchia');
  await webmail.logout();
  await synced(engine);
  assert.ok(!store.listFolders(Number(account.id)).some((f) => f.path === 'Vecchia'));
});
