import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createSyncEngine, type SyncStatus } from '../../../../src/main/mail';
import { openStore, sha256Hex } from '../../../../src/main/store';
import { smallDisk } from '../../store/helpers';
import { accountOn, appendAll, deliveries, REAL, serverFolder, storedIn, useDovecot, waitUntil } from './helpers';
import { readStoreDb } from '../../../helpers/store-db';

const PASSWORD = 'pw';
const dovecot = useDovecot('diskfull', 1, PASSWORD);

test('a sync stopped by a full disk says so, keeps what it stored, and resumes by itself once there is room: every message once', async (t) => {
  const disk = smallDisk(4);
  const store = openStore(path.join(disk.dir, 'store'));
  const address = dovecot.nextAddress();
  const account = accountOn(store, dovecot.server, address);
  const statuses: SyncStatus[] = [];
  // No poll within the test: only the wait for free space may bring the sync back.
  const timing = { idleDelayMs: 100, backoffInitialMs: 200, backoffMaxMs: 1000, pollIntervalMs: 3_600_000, diskFullRetryMs: 300 };
  const engine = createSyncEngine({ store, account, password: PASSWORD, timing, onStatus: (s) => statuses.push(s) });
  t.after(async () => {
    await engine.dispose();
    store.close();
    disk.cleanup();
  });
  // Envelopes only: they stay in INBOX (receipts go to the receipts folder).
  const names = [REAL.envelope2023, REAL.envelope2014];
  const mail = deliveries(names, 40, address);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', mail.slice(0, 10));
  engine.start();
  const inbox = () => storedIn(store, Number(account.id), 'INBOX');
  await waitUntil(() => inbox().length === 10, 'the first ten messages');

  disk.fill();
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', mail.slice(10));
  await waitUntil(() => engine.status().code === 'disk-full', 'the disk-full status');
  assert.match(engine.status().message, /^Disco pieno: .*Libera spazio sul disco e la sincronizzazione riprende da sola/);
  assert.equal(engine.status().state, 'retrying');
  assert.equal(readStoreDb(store, (db) => db.pragma('integrity_check', { simple: true })), 'ok');
  assert.ok(inbox().length >= 10, 'nothing already stored was lost');
  // Still full: it keeps waiting, and says so.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(engine.status().code, 'disk-full');

  disk.free();
  await waitUntil(() => inbox().length === 40, 'every message once there is room', 20_000);
  const server = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  const stored = inbox();
  assert.deepEqual(stored.map((m) => m.uid).sort((a, b) => a - b), server.map((m) => m.uid).sort((a, b) => a - b), 'the same UIDs: none lost, none twice');
  assert.deepEqual(stored.map((m) => sha256Hex(m.raw)).sort(), server.map((m) => sha256Hex(m.source)).sort());
  assert.equal(readStoreDb(store, (db) => db.pragma('integrity_check', { simple: true })), 'ok');
  await waitUntil(() => engine.status().state === 'idle' && engine.status().code === undefined, 'the idle status after the catch-up');
  assert.ok(statuses.some((s) => s.code === 'disk-full'));
});
