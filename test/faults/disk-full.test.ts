// A full disk under the data folder, for real: the store lives on a small tmpfs mounted for the test
// (`mount -t tmpfs`, root as in CI; smallDisk() refuses to run without it rather than pass without
// filling anything), filled to the last byte while PecDesk works. During a sync, a `pecdesk import`,
// an evidence export and a bulk send: a clear message, PRAGMA integrity_check ok, nothing already
// stored lost, and the work resumes once there is room. Every tmpfs is unmounted after its test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createSyncEngine, type SyncStatus } from '../../src/main/mail';
import { createSendEngine, type SendNotice } from '../../src/main/send';
import { openStore } from '../../src/main/store';
import { accountOn, appendAll, deliveries, REAL, serverFolder, storedIn, useDovecot, waitUntil } from '../main/mail/sync/helpers';
import { syncUntil, type SendFixture } from '../main/send/helpers';
import { runCli, smallDisk } from '../main/store/helpers';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage } from '../../src/main/accounts';
import { SANDBOX_PASSWORD } from '../../sandbox';
import { FaultTable } from './table';
import { countRows, readStoreDb } from '../helpers/store-db';

const PASSWORD = 'pw';
const dovecot = useDovecot('pieno', 1, PASSWORD);
const table = new FaultTable('disk full');
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ answerDelayMs: 100, onError: () => undefined });
});
after(async () => {
  await sandbox.stop();
  table.summary();
});

const integrity = (store: { dir: string }) => readStoreDb(store, (db) => db.pragma('integrity_check', { simple: true }));

test('disk full during a sync: it says so, keeps what it stored, and resumes once there is room', async (t) => {
  const disk = smallDisk(4);
  const store = openStore(path.join(disk.dir, 'store'));
  const address = dovecot.nextAddress();
  const account = accountOn(store, dovecot.server, address);
  const statuses: SyncStatus[] = [];
  const timing = { idleDelayMs: 100, backoffInitialMs: 200, backoffMaxMs: 1000, pollIntervalMs: 3_600_000, diskFullRetryMs: 300 };
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing, onStatus: (s) => statuses.push(s) });
  t.after(async () => {
    await engine.dispose();
    store.close();
    disk.cleanup();
  });
  const mail = deliveries([REAL.envelope2023, REAL.envelope2014], 40, address);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', mail.slice(0, 10));
  engine.start();
  const inbox = () => storedIn(store, Number(account.id), 'INBOX');
  await waitUntil(() => inbox().length === 10, 'the first ten messages');

  disk.fill();
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', mail.slice(10));
  await waitUntil(() => engine.status().code === 'disk-full', 'the disk-full status');
  assert.match(engine.status().message, /^Disco pieno: /);
  assert.equal(integrity(store), 'ok');
  const keptWhileFull = inbox().length;
  assert.ok(keptWhileFull >= 10, 'nothing already stored was lost');

  disk.free();
  await waitUntil(() => inbox().length === 40, 'every message once there is room', 30_000);
  const server = (await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX')).map((m) => m.uid);
  const stored = inbox().map((m) => m.uid);
  const lost = server.filter((uid) => !stored.includes(uid)).length;
  const duplicated = stored.length - new Set(stored).size;
  assert.equal(lost, 0);
  assert.equal(duplicated, 0);
  assert.equal(integrity(store), 'ok');
  table.record({ scenario: 'disk full during sync (4 MB tmpfs)', injected: `disk filled after 10/40 messages`, lost, duplicated, outcome: `"Disco pieno" status, integrity ok, ${keptWhileFull} kept, resumed to 40 = server UIDs` });
});

test('disk full during `pecdesk import`: exit 75 with "disco pieno / disk full", nothing lost, the same import works once there is room', async (t) => {
  const disk = smallDisk(2);
  t.after(() => disk.cleanup());
  const dir = path.join(disk.dir, 'store');
  const fixture = (name: string) => path.resolve(__dirname, '../fixtures/pec-real', name);
  assert.equal((await runCli(['import', '--store', dir, fixture(REAL.accettazione)])).code, 0);
  openStore(dir).close();
  disk.fill();
  const later = [REAL.consegna, REAL.envelope2014, REAL.envelope2023].map(fixture);
  const full = await runCli(['import', '--store', dir, ...later]);
  assert.equal(full.code, 75, `${full.stdout}${full.stderr}`);
  assert.match(full.stderr, /disco pieno \/ disk full/);
  const count = () => {
    const store = openStore(dir);
    try {
      assert.equal(integrity(store), 'ok');
      return countRows(store, 'SELECT count(*) AS n FROM messages');
    } finally {
      store.close();
    }
  };
  disk.free();
  const kept = count();
  assert.equal(kept, 1, 'the message stored before is still there');
  const again = await runCli(['import', '--store', dir, ...later]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(count(), 4);
  table.record({ scenario: 'disk full during pecdesk import (2 MB tmpfs)', injected: 'disk filled before importing 3 messages', lost: 0, duplicated: 0, outcome: 'exit 75 "disco pieno / disk full", integrity ok, 1 kept, same import then 4' });
});

/** A store on `dir` with the sandbox account studio@…; the engine sends over two connections. */
async function senderOn(dir: string, address: string): Promise<SendFixture> {
  const store = openStore(dir);
  const accounts = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(dir, 'secrets.json'), 'chiave'));
  const settings = settingsFromPreset('sandbox', { name: 'Studio', address, imap: { port: sandbox.imap.port }, smtp: { port: sandbox.smtp.port } });
  assert.ok(settings.ok);
  const saved = await accounts.save({ ...settings.settings, rateLimit: { perMinute: 100_000 } }, SANDBOX_PASSWORD);
  assert.ok(saved.ok, JSON.stringify(saved));
  return { dir, store, accounts, account: saved.value, accountId: Number(saved.value.id), cleanup: () => store.close() };
}

test('disk full during a bulk send and its evidence export: a clear problem, nothing lost, the send and the export finish once there is room', async (t) => {
  const disk = smallDisk(8);
  t.after(() => disk.cleanup());
  const sender = 'pieno@pec.alfa.test';
  const recipients = Array.from({ length: 30 }, (_, i) => `pieno${String(i + 1).padStart(2, '0')}@pec.beta.test`);
  await sandbox.addMailboxes([sender, ...recipients].map((address) => ({ address })));
  const fx = await senderOn(path.join(disk.dir, 'store'), sender);
  t.after(() => fx.cleanup());
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, maxConnections: 2, reconcileGraceMs: 3_000, overdueCheckEveryMs: 0, diskFullRetryMs: 300 });
  t.after(() => engine.dispose());
  const events: SendNotice[] = [];
  engine.onNotice((e) => events.push(e));
  const created = engine.campaigns.create({
    accountId: fx.accountId,
    subject: 'Avviso {{nome}}',
    text: 'Gentile {{nome}},\nle comunichiamo.\n',
    receiptVariant: 'breve',
    recipients: recipients.map((address, i) => ({ address, name: `Cliente ${i + 1}` })),
  });
  assert.ok(created.ok, JSON.stringify(created));
  const id = created.value.id;
  const taken = () => sandbox.log.accepted().filter((r) => r.sender === sender);
  assert.ok((await engine.start(id)).ok);
  await waitUntil(() => taken().length >= 8, 'the first messages to go');
  disk.fill();
  await waitUntil(() => events.some((e) => e.kind === 'problem' && e.code === 'disk-full'), 'the disk-full problem', 30_000).catch((err: Error) => {
    throw new Error(`${err.message}; last notices: ${JSON.stringify(events.slice(-4))}; campaign ${JSON.stringify(engine.campaigns.get(id)?.state)}`);
  });
  const problem = events.find((e) => e.kind === 'problem' && e.code === 'disk-full');
  assert.ok(problem && problem.kind === 'problem' && /^Disco pieno: /.test(problem.detail), JSON.stringify(problem));
  assert.equal(integrity(fx.store), 'ok');
  const takenWhileFull = taken().length;

  disk.free();
  assert.equal(await engine.whenSettled(id), 'done');
  const perRecipient = new Map<string, number>();
  for (const r of taken()) for (const to of r.recipients) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  const lost = recipients.filter((a) => !perRecipient.has(a)).length;
  const duplicated = [...perRecipient.values()].filter((n) => n > 1).length;
  assert.equal(lost, 0, 'every recipient got the message');
  assert.equal(duplicated, 0, 'nobody got two');
  await sandbox.whenIdle();
  await syncUntil(fx, () => fx.store.campaignDac(id).C === recipients.length, 60_000);
  const dac = fx.store.campaignDac(id);
  assert.deepEqual(dac, { D: 30, A: 30, C: 30, E: 0 });
  table.record({ scenario: 'disk full during bulk send (8 MB tmpfs)', injected: `disk filled after ${takenWhileFull}/30 taken`, lost, duplicated, outcome: `"Disco pieno" problem, integrity ok, resumed: D/A/C/E ${dac.D}/${dac.A}/${dac.C}/${dac.E}` });

  // The evidence archive onto the full disk: refused in words, no half-written archive left behind.
  const out = path.join(disk.dir, 'prove.zip');
  disk.fill();
  const full = await engine.campaigns.exportEvidence(id, out);
  assert.ok(!full.ok, 'the export cannot succeed on a full disk');
  assert.match(full.detail, /^Disco pieno: impossibile scrivere .*nulla è stato perso/);
  assert.equal(fs.existsSync(out), false, 'no partial archive');
  assert.equal(integrity(fx.store), 'ok');
  disk.free();
  const done = await engine.campaigns.exportEvidence(id, out);
  assert.ok(done.ok, JSON.stringify(done));
  assert.equal(done.value.recipients, 30);
  table.record({ scenario: 'disk full during evidence export', injected: 'disk filled before exporting 30 recipients', lost: 0, duplicated: 0, outcome: `refused "Disco pieno", no partial zip, integrity ok, then ${done.value.files} files` });
});
