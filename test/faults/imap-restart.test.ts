// Dovecot restarted under a running sync, its connections cut: the IMAP sessions are ended at
// once with `doveadm kick` (what a server restart or a network cut does to a client), then the
// server itself is stopped and started again, so the client's first reconnections are refused.
// Once during a full sync of a 600-message INBOX, once while the engine waits in IDLE with new mail
// arriving around the restart. Then the store is compared with the server's UID list: every
// message once, none missing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSyncEngine, type SyncProgress, type SyncStatus } from '../../src/main/mail';
import { accountOn, appendAll, deliveries, deliverToMaildir, REAL, serverFolder, storedIn, tempStore, useDovecot, waitUntil } from '../main/mail/sync/helpers';
import { FaultTable } from './table';

const PASSWORD = 'pw';
const dovecot = useDovecot('riavvio', 2, PASSWORD);
const FAST = { idleDelayMs: 100, backoffInitialMs: 200, backoffMaxMs: 1000 };
const NAMES = [REAL.envelope2023, REAL.envelope2014, REAL.accettazione, REAL.consegna, REAL.accettazione2014];
const table = new FaultTable('imap restart');
after(() => table.summary());

/** Cuts the user's sessions, then restarts the server. */
async function cutAndRestart(user: string): Promise<void> {
  await dovecot.server.doveadm(['kick', user]);
  await dovecot.server.restart();
}

/** Server UIDs missing from the store, and store rows beyond one per server UID. */
async function compare(store: ReturnType<typeof tempStore>, accountId: number, user: string): Promise<{ lost: number; duplicated: number; server: number; stored: number }> {
  const onServer = (await serverFolder(dovecot.server.imapPort, user, PASSWORD, 'INBOX')).map((m) => m.uid);
  const filed = storedIn(store, accountId, 'INBOX').map((m) => m.uid);
  const filedSet = new Set(filed);
  const serverSet = new Set(onServer);
  return {
    lost: onServer.filter((uid) => !filedSet.has(uid)).length,
    duplicated: filed.length - filedSet.size + filed.filter((uid) => !serverSet.has(uid)).length,
    server: onServer.length,
    stored: filed.length,
  };
}

test('Dovecot restarted during a full sync of 3000 messages: the sync resumes, every message once', async (t) => {
  const user = dovecot.nextAddress();
  const store = tempStore();
  // Large enough that the first chunk is stored while chunks are still to be fetched: the sync
  // fetches up to three chunks ahead of the one it stores (mail/sync/fetch-new.ts).
  const total = 3000;
  deliverToMaildir(dovecot.server, user, deliveries(NAMES, total, user));
  const account = accountOn(store, dovecot.server, user, { kind: 'ordinary' });
  const statuses: SyncStatus[] = [];
  let cut: Promise<void> | null = null;
  let doneAtCut = 0;
  const onProgress = (p: SyncProgress) => {
    if (cut || p.folder !== 'INBOX' || p.done === 0) return;
    doneAtCut = p.done;
    cut = cutAndRestart(user);
  };
  // How much was filed when the engine noticed the cut: less than all, or the cut hit an idle session.
  let filedAtRetry: number | null = null;
  const onStatus = (s: SyncStatus) => {
    statuses.push(s);
    if (s.state === 'retrying' && filedAtRetry === null) filedAtRetry = storedIn(store, Number(account.id), 'INBOX').length;
  };
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing: FAST, onProgress, onStatus });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  engine.start();
  await waitUntil(() => cut !== null, 'the restart', 60_000);
  await cut;
  await waitUntil(() => engine.status().state === 'idle' && storedIn(store, Number(account.id), 'INBOX').length >= total, 'the resumed sync', 90_000);

  assert.ok(doneAtCut < total, 'the server went away before the folder was filed');
  assert.ok(filedAtRetry !== null && filedAtRetry < total, `the sync was cut in the middle of the folder (${filedAtRetry} of ${total} filed)`);
  assert.ok(statuses.some((s) => s.state === 'retrying'), statuses.map((s) => s.message).join(' | '));
  const result = await compare(store, Number(account.id), user);
  assert.equal(result.server, total);
  assert.equal(result.lost, 0, 'every message on the server is in the store');
  assert.equal(result.duplicated, 0, 'no message filed twice');
  table.record({
    scenario: `imap full sync, ${total} messages`,
    injected: `sessions kicked + Dovecot restarted at ${doneAtCut}/${total}`,
    lost: result.lost,
    duplicated: result.duplicated,
    outcome: `resumed by itself, store ${result.stored} = server ${result.server} UIDs`,
  });
});

test('Dovecot restarted while the engine waits in IDLE, mail arriving around it: every message once', async (t) => {
  const user = dovecot.nextAddress();
  const store = tempStore();
  const before = 20;
  const around = 40;
  deliverToMaildir(dovecot.server, user, deliveries(NAMES, before, user));
  const account = accountOn(store, dovecot.server, user, { kind: 'ordinary' });
  const statuses: SyncStatus[] = [];
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing: FAST, onStatus: (s) => statuses.push(s) });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  engine.start();
  await waitUntil(() => engine.status().state === 'idle' && storedIn(store, Number(account.id), 'INBOX').length === before, 'the first sync');
  // Let the engine enter IDLE (it does after idleDelayMs), then cut it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const retriesBefore = statuses.filter((s) => s.state === 'retrying').length;
  const late = deliveries(NAMES, before + around, user).slice(before);
  await appendAll(dovecot.server.imapPort, user, PASSWORD, 'INBOX', late.slice(0, around / 2));
  await cutAndRestart(user);
  // The other half arrives while the engine is reconnecting or back in IDLE.
  await appendAll(dovecot.server.imapPort, user, PASSWORD, 'INBOX', late.slice(around / 2));
  await waitUntil(() => storedIn(store, Number(account.id), 'INBOX').length >= before + around, 'the mail that arrived around the restart', 60_000);
  await waitUntil(() => engine.status().state === 'idle', 'the engine back in IDLE', 30_000);

  assert.ok(statuses.filter((s) => s.state === 'retrying').length > retriesBefore, 'the cut was seen: ' + statuses.map((s) => s.message).join(' | '));
  const result = await compare(store, Number(account.id), user);
  assert.equal(result.server, before + around);
  assert.equal(result.lost, 0, 'every message on the server is in the store');
  assert.equal(result.duplicated, 0, 'no message filed twice');
  table.record({
    scenario: `imap IDLE, ${before} + ${around} messages`,
    injected: 'sessions kicked + Dovecot restarted in IDLE, mail appended before and after',
    lost: result.lost,
    duplicated: result.duplicated,
    outcome: `reconnected by itself, store ${result.stored} = server ${result.server} UIDs`,
  });
});
