import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSyncEngine, type SyncProgress, type SyncStatus } from '../../../../src/main/mail';
import { createAnalyzerPool } from '../../../../src/main/pec';
import { sha256Hex } from '../../../../src/main/store';
import { startDovecot } from '../../../../sandbox/dovecot';
import { accountOn, appendAll, deliveries, deliverToMaildir, fixture, otherClient, REAL, serverFolder, storedIn, tempStore, useDovecot, waitUntil } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('account', 11, PASSWORD);

const nextUser = () => dovecot.nextAddress();
const FAST = { idleDelayMs: 100, backoffInitialMs: 200, backoffMaxMs: 1000 };

test('two accounts sync at the same time, each into its own folders', async (t) => {
  const store = tempStore();
  t.after(() => store.cleanup());
  const [alice, bob] = [nextUser(), nextUser()];
  await appendAll(dovecot.server.imapPort, alice, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.envelope2014)]);
  await appendAll(dovecot.server.imapPort, bob, PASSWORD, 'INBOX', [fixture('aruba-2014-posta-certificata-no-tiporicevuta.eml')]);
  const accounts = [accountOn(store, dovecot.server, alice), accountOn(store, dovecot.server, bob)];
  const engines = accounts.map((account) => createSyncEngine({ store, account, password: PASSWORD }));
  t.after(() => Promise.all(engines.map((e) => e.dispose())));

  const results = await Promise.all(engines.map((e) => e.syncAll()));

  assert.deepEqual(results.map((r) => r.ok), [true, true]);
  for (const [i, address] of [alice, bob].entries()) {
    const filed = storedIn(store, Number(accounts[i].id), 'INBOX').map((m) => sha256Hex(m.raw));
    const onServer = (await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX')).map((m) => sha256Hex(m.source));
    assert.deepEqual(filed.sort(), onServer.sort(), `${address}: the store holds exactly its own mailbox`);
  }
});

test('accounts share one set of classifying threads: an engine disposed (its account removed or changed) leaves them to the others', async (t) => {
  const store = tempStore();
  const shared = createAnalyzerPool({ size: 1 });
  t.after(async () => {
    await shared.close();
    store.cleanup();
  });
  const [alice, bob] = [nextUser(), nextUser()];
  const accounts = [accountOn(store, dovecot.server, alice), accountOn(store, dovecot.server, bob)];
  const [first, second] = accounts.map((account) => createSyncEngine({ store, account, password: PASSWORD, sharedAnalyzer: shared }));
  t.after(() => second.dispose());
  await appendAll(dovecot.server.imapPort, alice, PASSWORD, 'INBOX', [fixture(REAL.envelope2023)]);
  assert.ok((await first.syncAll()).ok);
  await first.dispose();

  await appendAll(dovecot.server.imapPort, bob, PASSWORD, 'INBOX', [fixture(REAL.envelope2014)]);
  const result = await second.syncAll();
  assert.ok(result.ok && result.folders.every((f) => !f.error), JSON.stringify(result));
  for (const [i, account] of accounts.entries()) {
    const [filed] = storedIn(store, Number(account.id), 'INBOX');
    const detail = store.getMessage(filed.id);
    assert.equal(detail?.kind, 'envelope', `${[alice, bob][i]}: classified on the shared threads`);
    assert.equal(detail?.unreadable, false);
  }
  // The pool is its owner's: still open after both engines used it and one was disposed.
  assert.equal((await shared.analyze([fixture(REAL.accettazione)]))[0].result.ok, true);
});

test('new mail appended by another client shows up in PecDesk without asking for a sync (IDLE)', async (t) => {
  const store = tempStore();
  const address = nextUser();
  const account = accountOn(store, dovecot.server, address);
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing: FAST });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  engine.start();
  await waitUntil(() => engine.status().state === 'idle', 'the first sync');
  assert.deepEqual(storedIn(store, Number(account.id), 'INBOX'), []);

  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023)]);

  // Dovecot batches IDLE notifications by about half a second.
  await waitUntil(() => storedIn(store, Number(account.id), 'INBOX').length === 1, 'the new message in the store', 10_000);
  const [message] = storedIn(store, Number(account.id), 'INBOX');
  assert.equal(store.getMessage(message.id)?.kind, 'envelope');
});

test('mail delivered at any moment after start() is in the store within seconds, every time', async (t) => {
  const address = nextUser();
  const sender = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  let store = tempStore();
  t.after(async () => {
    await sender.logout();
    store.cleanup();
  });
  let account = accountOn(store, dovecot.server, address);
  const mails = deliveries([REAL.envelope2023, REAL.envelope2014], 10, address);
  for (const [i, raw] of mails.entries()) {
    // Each round is PecDesk starting: every other round on a new computer, whose first sync
    // selects every folder (INBOX, Drafts, Junk, Sent, Trash) and INBOX again for IDLE; the
    // others restart on the same store. The delivery lands anywhere in that sync, or after it.
    if (i % 2 === 0 && i > 0) {
      store.cleanup();
      store = tempStore();
      account = accountOn(store, dovecot.server, address);
    }
    const engine = createSyncEngine({ store, account, password: PASSWORD, timing: FAST });
    try {
      engine.start();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 400));
      await sender.append('INBOX', raw);
      // Far below the 5-minute poll: only the sync itself or IDLE can have brought it.
      await waitUntil(() => storedIn(store, Number(account.id), 'INBOX').length === i + 1, `delivery ${i + 1} in the store`, 5000);
    } finally {
      await engine.dispose();
    }
  }
});

test('while PecDesk keeps INBOX open, flags and deletions made by another client reach the store by themselves', async (t) => {
  const store = tempStore();
  const address = nextUser();
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2023), fixture(REAL.envelope2014)]);
  const account = accountOn(store, dovecot.server, address);
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing: FAST });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  engine.start();
  await waitUntil(() => engine.status().state === 'idle' && storedIn(store, Number(account.id), 'INBOX').length === 2, 'the first sync');
  const [flagged, deleted] = storedIn(store, Number(account.id), 'INBOX');

  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  await webmail.mailboxOpen('INBOX');
  await webmail.messageFlagsAdd(String(flagged.uid), ['\\Flagged'], { uid: true });
  await webmail.messageDelete(String(deleted.uid), { uid: true });
  await webmail.logout();

  await waitUntil(() => {
    const now = storedIn(store, Number(account.id), 'INBOX');
    return now.length === 1 && now[0].flags.includes('\\Flagged');
  }, 'the flag and the deletion in the store', 10_000);
  assert.deepEqual(storedIn(store, Number(account.id), 'INBOX').map((m) => m.uid), [flagged.uid]);
});

test('a connection cut in the middle of a large folder resumes after reconnecting: every message once, none missing', async (t) => {
  const own = await startDovecot({ users: [{ address: 'grande@pec.alfa.test', password: PASSWORD }] });
  const store = tempStore();
  t.after(async () => {
    store.cleanup();
    await own.stop();
  });
  const names = [REAL.envelope2023, REAL.envelope2014, REAL.accettazione, REAL.consegna, REAL.accettazione2014];
  // Large enough that the first chunk is stored while chunks are still to be fetched: the sync
  // fetches up to three chunks ahead of the one it stores (mail/sync/fetch-new.ts).
  const total = 3000;
  deliverToMaildir(own, 'grande@pec.alfa.test', deliveries(names, total, 'grande@pec.alfa.test'));
  const account = accountOn(store, own, 'grande@pec.alfa.test', { kind: 'ordinary' });
  const statuses: SyncStatus[] = [];
  // `doveadm kick` ends the user's IMAP sessions at once, as a server restart or a network cut
  // would (a restarted master lets running sessions finish, which would test nothing).
  let kick: Promise<string> | null = null;
  let doneAtKick = 0;
  const onProgress = (p: SyncProgress) => {
    if (kick || p.folder !== 'INBOX' || p.done === 0) return;
    doneAtKick = p.done;
    kick = own.doveadm(['kick', 'grande@pec.alfa.test']);
  };
  // How much was filed when the engine noticed the cut: less than all, or the cut hit an idle session.
  let filedAtRetry: number | null = null;
  const onStatus = (s: SyncStatus) => {
    statuses.push(s);
    if (s.state === 'retrying' && filedAtRetry === null) filedAtRetry = storedIn(store, Number(account.id), 'INBOX').length;
  };
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing: FAST, onProgress, onStatus });
  t.after(() => engine.dispose());

  engine.start();
  await waitUntil(() => kick !== null, 'the connection to be cut', 30_000);
  await kick;
  await waitUntil(() => engine.status().state === 'idle' && storedIn(store, Number(account.id), 'INBOX').length >= total, 'the resumed sync', 60_000);

  assert.ok(doneAtKick < total, 'the connection was cut before the folder was filed');
  assert.ok(filedAtRetry !== null && filedAtRetry < total, `the sync was cut in the middle of the folder (${filedAtRetry} of ${total} filed)`);
  assert.ok(statuses.some((s) => s.state === 'retrying' && /^Connessione persa, nuovo tentativo tra \d+ s$/.test(s.message)), statuses.map((s) => s.message).join(' | '));
  const filed = storedIn(store, Number(account.id), 'INBOX');
  const onServer = await serverFolder(own.imapPort, 'grande@pec.alfa.test', PASSWORD, 'INBOX');
  assert.equal(onServer.length, total);
  assert.deepEqual(filed.map((m) => m.uid).sort((a, b) => a - b), onServer.map((m) => m.uid));
  assert.equal(new Set(filed.map((m) => m.id)).size, total, 'one message row per delivery');
  assert.deepEqual(new Set(filed.map((m) => sha256Hex(m.raw))), new Set(onServer.map((m) => sha256Hex(m.source))));
});

test('a wrong password stops the sync with plain words instead of retrying', async (t) => {
  const store = tempStore();
  const account = accountOn(store, dovecot.server, nextUser());
  const statuses: SyncStatus[] = [];
  const engine = createSyncEngine({ store, account, password: 'sbagliata', timing: FAST, onStatus: (s) => statuses.push(s) });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  engine.start();
  await waitUntil(() => engine.status().state === 'stopped', 'the sync to stop');
  assert.equal(engine.status().code, 'auth-failed');
  assert.match(engine.status().message, /ha rifiutato nome utente o password/);
  assert.ok(!statuses.some((s) => s.state === 'retrying'));

  // What the window asks for next (its quota, a move) tries to connect, is refused the same way,
  // and leaves the status saying so: not "connecting" for as long as PecDesk stays open.
  const quota = await engine.quota();
  assert.ok(!quota.ok && 'code' in quota && quota.code === 'auth-failed', JSON.stringify(quota));
  assert.equal(statuses.at(-2)?.state, 'connecting');
  assert.deepEqual({ state: engine.status().state, code: engine.status().code, stage: engine.status().stage }, { state: 'stopped', code: 'auth-failed', stage: 'auth' });
});

test('dispose closes the connection: the server sees the session end, and later syncs are refused', async (t) => {
  const store = tempStore();
  t.after(() => store.cleanup());
  const address = nextUser();
  const account = accountOn(store, dovecot.server, address);
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing: FAST });
  engine.start();
  await waitUntil(() => engine.status().state === 'idle', 'the first sync');
  const connected = async () => (await dovecot.server.doveadm(['who', address])).includes(address);
  assert.ok(await connected());

  await engine.dispose();

  assert.equal(engine.status().state, 'closed');
  await waitUntil(async () => !(await connected()), 'the server to see the session end', 5000);
  const refused = await engine.syncAll();
  assert.equal(refused.ok ? 'ok' : refused.code, 'disposed');
});

test('"Ricevi" pressed ten times during a long sync queues one more sync, not ten, and it brings the mail delivered meanwhile', async (t) => {
  const address = nextUser();
  const store = tempStore();
  deliverToMaildir(dovecot.server, address, deliveries([REAL.envelope2023, REAL.accettazione, REAL.consegna], 600, address));
  const account = accountOn(store, dovecot.server, address, { kind: 'ordinary' });
  const engine = createSyncEngine({ store, account, password: PASSWORD });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  const first = engine.syncAll();
  await waitUntil(() => engine.status().state === 'syncing', 'the first sync to start');
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [fixture(REAL.envelope2014)]);
  const presses = Array.from({ length: 10 }, () => engine.syncAll());
  assert.ok(presses.every((p) => p === presses[0]), 'the ten requests share one sync');
  assert.notEqual(presses[0], first, 'and it is not the one already running');
  assert.ok((await first).ok);
  assert.ok((await presses[0]).ok);
  assert.equal(storedIn(store, Number(account.id), 'INBOX').length, 601);
});
