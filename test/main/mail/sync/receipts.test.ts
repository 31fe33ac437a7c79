import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { createSyncEngine, LOCAL_RECEIPTS_PATH, type SyncAccount, type SyncResult } from '../../../../src/main/mail';
import { generateMessageId } from '../../../../src/main/pec';
import type { Store } from '../../../../src/main/store';
import { createSandboxPki, startSandbox, type Sandbox } from '../../../../sandbox';
import { accountOn, appendAll, fixture, otherClient, REAL, serverFolder, storedIn, tempStore } from './helpers';

const PASSWORD = 'sandbox';
let sandbox: Sandbox;
let mailboxCount = 0;

before(async () => {
  sandbox = await startSandbox({ pki: await createSandboxPki(), extraUsers: Array.from({ length: 8 }, (_, i) => ({ address: `casella${i + 1}@pec.alfa.test`, password: PASSWORD })) });
});

after(async () => {
  await sandbox.stop();
});

/** A mailbox of its own (created with the sandbox: see helpers.mailboxes), its store, an engine. */
function setup(t: { after(fn: () => Promise<void> | void): void }, mode: SyncAccount['receiptsMode'], address = `casella${++mailboxCount}@pec.alfa.test`, store?: Store & { cleanup(): void }) {
  const ownStore = store ?? tempStore();
  const account = accountOn(ownStore, sandbox.dovecot, address, { receiptsMode: mode });
  const engine = createSyncEngine({ store: ownStore, account, password: PASSWORD });
  t.after(async () => {
    await engine.dispose();
    if (!store) ownStore.cleanup();
  });
  return { address, store: ownStore, account, accountId: Number(account.id), engine };
}

function folderErrors(result: SyncResult): string[] {
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.detail}`);
  return result.folders.filter((f) => f.error).map((f) => `${f.path}: ${f.error?.code}`);
}

async function synced(engine: { syncAll(): Promise<SyncResult> }): Promise<void> {
  assert.deepEqual(folderErrors(await engine.syncAll()), []);
}

const port = () => sandbox.imap.port;

test('in move mode, receipts end up in "Ricevute PEC" on the server, created and subscribed, and PecDesk follows them there', async (t) => {
  const { address, store, accountId, engine } = setup(t, 'move');
  await appendAll(port(), address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.accettazione), fixture(REAL.consegna)]);
  const before = await serverFolder(port(), address, PASSWORD, 'INBOX');

  await synced(engine);

  const inbox = await serverFolder(port(), address, PASSWORD, 'INBOX');
  const receipts = await serverFolder(port(), address, PASSWORD, 'Ricevute PEC');
  assert.deepEqual(inbox.map((m) => m.source), [before[0].source]);
  assert.deepEqual(receipts.map((m) => m.source), [before[1].source, before[2].source]);
  const webmail = await otherClient(port(), address, PASSWORD);
  const listed = await webmail.list();
  await webmail.logout();
  assert.equal(listed.find((f) => f.path === 'Ricevute PEC')?.subscribed, true);

  const local = storedIn(store, accountId, 'Ricevute PEC');
  assert.deepEqual(local.map((m) => m.uid), receipts.map((m) => m.uid));
  assert.deepEqual(local.map((m) => store.getMessage(m.id)?.kind), ['receipt', 'receipt']);
  assert.equal(store.listFolders(accountId).find((f) => f.path === 'Ricevute PEC')?.role, 'receipts');
  assert.deepEqual(storedIn(store, accountId, 'INBOX').map((m) => m.uid), [inbox[0].uid]);

  const again = await engine.syncAll();
  assert.ok(again.ok);
  assert.deepEqual(again.folders.map((f) => f.added + f.removed + f.receiptsFiled), again.folders.map(() => 0));
});

test('a receipt PecDesk could not store is not moved: it stays in the server INBOX until it is stored', async (t) => {
  const { address, store, accountId, engine } = setup(t, 'move');
  await appendAll(port(), address, PASSWORD, 'INBOX', [fixture(REAL.accettazione2014)]);
  const [receipt] = await serverFolder(port(), address, PASSWORD, 'INBOX');
  // A file where the sync's packs folder should be: the store cannot write its bytes.
  const blocker = path.join(store.dir, 'raw', 'packs');
  fs.writeFileSync(blocker, 'not a folder');

  const failed = await engine.syncAll();
  assert.deepEqual(folderErrors(failed), ['INBOX: store-failed']);
  assert.deepEqual((await serverFolder(port(), address, PASSWORD, 'INBOX')).map((m) => m.uid), [receipt.uid]);
  assert.deepEqual(await serverFolder(port(), address, PASSWORD, 'Ricevute PEC'), []);

  fs.rmSync(blocker);
  await synced(engine);
  assert.deepEqual(await serverFolder(port(), address, PASSWORD, 'INBOX'), []);
  const [moved] = await serverFolder(port(), address, PASSWORD, 'Ricevute PEC');
  assert.ok(moved.source.equals(receipt.source));
  assert.deepEqual(storedIn(store, accountId, 'Ricevute PEC').map((m) => m.uid), [moved.uid]);
});

test('in local mode the server INBOX is left as it is, and PecDesk shows the receipts in its own receipts folder', async (t) => {
  const { address, store, accountId, engine } = setup(t, 'local');
  await appendAll(port(), address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.accettazione), fixture(REAL.consegna)]);
  const before = await serverFolder(port(), address, PASSWORD, 'INBOX');

  await synced(engine);

  assert.deepEqual(await serverFolder(port(), address, PASSWORD, 'INBOX'), before);
  const webmail = await otherClient(port(), address, PASSWORD);
  t.after(() => webmail.logout());
  assert.ok(!(await webmail.list()).some((f) => f.path === 'Ricevute PEC'));
  const localFolder = store.listFolders(accountId).find((f) => f.path === LOCAL_RECEIPTS_PATH);
  assert.equal(localFolder?.role, 'receipts');
  assert.deepEqual(storedIn(store, accountId, LOCAL_RECEIPTS_PATH).map((m) => m.uid), [before[1].uid, before[2].uid]);
  assert.deepEqual(storedIn(store, accountId, 'INBOX').map((m) => m.uid), [before[0].uid]);

  // Reading a receipt in PecDesk marks it read in the server's INBOX; deleting it there removes it here.
  const [accettazione, consegna] = storedIn(store, accountId, LOCAL_RECEIPTS_PATH);
  store.setSeen([accettazione.id], true);
  await webmail.mailboxOpen('INBOX');
  await webmail.messageDelete(String(consegna.uid), { uid: true });
  await synced(engine);
  const server = await serverFolder(port(), address, PASSWORD, 'INBOX');
  assert.deepEqual(server.find((m) => m.uid === accettazione.uid)?.flags, ['\\Seen']);
  assert.deepEqual(storedIn(store, accountId, LOCAL_RECEIPTS_PATH).map((m) => m.uid), [accettazione.uid]);
});

test('switching from local to move mode moves the receipts PecDesk had kept aside, then drops its local folder', async (t) => {
  const { address, store, account, accountId, engine } = setup(t, 'local');
  await appendAll(port(), address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.accettazione), fixture(REAL.consegna)]);
  await synced(engine);
  assert.equal(storedIn(store, accountId, LOCAL_RECEIPTS_PATH).length, 2);
  await engine.dispose();

  const moving = createSyncEngine({ store, account: { ...account, receiptsMode: 'move' }, password: PASSWORD });
  t.after(() => moving.dispose());
  await synced(moving);
  await synced(moving);

  const onServer = await serverFolder(port(), address, PASSWORD, 'Ricevute PEC');
  assert.equal(onServer.length, 2);
  assert.deepEqual(storedIn(store, accountId, 'Ricevute PEC').map((m) => m.uid), onServer.map((m) => m.uid));
  assert.equal((await serverFolder(port(), address, PASSWORD, 'INBOX')).length, 1);
  assert.ok(!store.listFolders(accountId).some((f) => f.path === LOCAL_RECEIPTS_PATH));
});

test('a PEC sent through the sandbox comes back as accettazione and consegna, linked: D/A/C/E 1/1/1/0, and the recipient sees the sender', async (t) => {
  const store = tempStore();
  t.after(() => store.cleanup());
  const sender = setup(t, 'move', 'mario.rossi@pec.alfa.test', store);
  const recipient = setup(t, 'local', 'ufficio@pec.beta.test', store);
  const messageId = generateMessageId('pec.alfa.test');
  const subject = 'Diffida ad adempiere';
  const recorded = store.recordSent({ messageId, accountId: sender.accountId, subject, from: sender.address, to: [recipient.address] });
  assert.ok(recorded.ok);
  const smtp = nodemailer.createTransport({ host: sandbox.smtp.host, port: sandbox.smtp.port, secure: false, ignoreTLS: true, auth: { user: sender.address, pass: PASSWORD } });
  await smtp.sendMail({ from: sender.address, to: recipient.address, subject, text: 'Testo della diffida.', messageId: `<${messageId}>` });
  smtp.close();
  await sandbox.whenIdle();

  await synced(sender.engine);
  await synced(recipient.engine);

  const receipts = store.receiptsOf(recorded.sentMessageId);
  assert.deepEqual(receipts.map((r) => r.type).sort(), ['accettazione', 'avvenuta-consegna']);
  assert.deepEqual(store.dac(recorded.sentMessageId), { D: 1, A: 1, C: 1, E: 0 });
  const onServer = await serverFolder(port(), sender.address, PASSWORD, 'Ricevute PEC');
  assert.equal(onServer.length, 2);
  const [envelope] = storedIn(store, recipient.accountId, 'INBOX');
  const detail = store.getMessage(envelope.id);
  assert.equal(detail?.kind, 'envelope');
  assert.equal(detail?.originalFrom, sender.address);
  assert.equal(detail?.originalSubject, subject);
});

test('a PEC sent to a mailbox that does not exist gets an errore-consegna: D/A/C/E 1/1/0/1', async (t) => {
  const { address, store, accountId, engine } = setup(t, 'local');
  const messageId = generateMessageId('pec.alfa.test');
  const nobody = 'nessuno@pec.beta.test';
  const recorded = store.recordSent({ messageId, accountId, subject: 'Sollecito', from: address, to: [nobody] });
  assert.ok(recorded.ok);
  const smtp = nodemailer.createTransport({ host: sandbox.smtp.host, port: sandbox.smtp.port, secure: false, ignoreTLS: true, auth: { user: address, pass: PASSWORD } });
  await smtp.sendMail({ from: address, to: nobody, subject: 'Sollecito', text: 'Secondo sollecito.', messageId: `<${messageId}>` });
  smtp.close();
  await sandbox.whenIdle();

  await synced(engine);

  assert.deepEqual(store.receiptsOf(recorded.sentMessageId).map((r) => r.type).sort(), ['accettazione', 'errore-consegna']);
  assert.deepEqual(store.dac(recorded.sentMessageId), { D: 1, A: 1, C: 0, E: 1 });
  assert.equal(storedIn(store, accountId, LOCAL_RECEIPTS_PATH).length, 2);
});
