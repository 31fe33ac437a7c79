// Read marks the server does not take. A mailbox shared for reading only (RFC 4314 rights "lr":
// Dovecot's ACL plugin, so SELECT answers READ-ONLY and PERMANENTFLAGS lists none) cannot store
// \Seen. The marks made in PecDesk stay pending, the folder's report and the account's status say
// so in words the window shows, and once the server grants the rights the next sync stores them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createSyncEngine, type SyncStatus } from '../../../../src/main/mail';
import { syncProgress } from '../../../../src/main/api/sync-progress';
import { accountOn, deliveries, deliverToMaildir, otherClient, REAL, serverFolder, storedIn, tempStore, useDovecot } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('sola-lettura', 1, PASSWORD, { ownerRights: 'lr' });
const withoutCondstore = useDovecot('senza-condstore', 1, PASSWORD, { ownerRights: 'lr', withoutCondstore: true });

test('read marks a read-only mailbox refuses stay pending and are reported, then reach the server once it takes them', async (t) => {
  const address = dovecot.nextAddress();
  deliverToMaildir(dovecot.server, address, deliveries([REAL.envelope2014], 3, address));
  const store = tempStore();
  const account = accountOn(store, dovecot.server, address, { receiptsMode: 'local' });
  const statuses: SyncStatus[] = [];
  const newEngine = () => createSyncEngine({ store, account, password: PASSWORD, onStatus: (s) => statuses.push(s) });
  let engine = newEngine();
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  const accountId = Number(account.id);

  const first = await engine.syncAll();
  assert.ok(first.ok && first.folders.every((f) => !f.error), JSON.stringify(first));
  const stored = storedIn(store, accountId, 'INBOX');
  assert.equal(stored.length, 3);

  store.setSeen(stored.map((m) => m.id), true);
  const refused = await engine.syncAll();
  assert.ok(refused.ok, JSON.stringify(refused));
  const inbox = refused.folders.find((f) => f.path === 'INBOX')!;
  assert.equal(inbox.flagsToServer, 0);
  assert.equal(inbox.error?.code, 'flags-refused', 'the folder reports the marks it could not store');
  assert.equal(store.flagChangesToPush().length, 3, 'the marks stay pending');
  assert.ok(storedIn(store, accountId, 'INBOX').every((m) => m.flags.includes('\\Seen')), 'and stay shown as read');
  const onServer = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  assert.equal(onServer.filter((m) => m.flags.includes('\\Seen')).length, 0);

  const status = engine.status();
  assert.equal(status.state, 'idle');
  assert.equal(status.code, 'flags-refused');
  assert.match(status.message, /non ha accettato i segni di lettura/);
  // What the window gets: a sync that ended, with what it left undone as values for its language.
  const shown = syncProgress({ kind: 'status', status: statuses.at(-1)! });
  assert.equal(shown?.state, 'done');
  assert.deepEqual(shown?.problem, { code: 'flags-refused', host: '127.0.0.1', stage: null, retryInS: null });
  assert.deepEqual(syncProgress({ kind: 'result', accountId, result: refused })?.problem, { code: 'flags-refused', host: '', stage: null, retryInS: null });

  // The mailbox's owner gets every right back. Dovecot reads the ACL file when it starts, and a
  // session keeps the rights it logged in with: the next session (PecDesk opened again) has them.
  await engine.dispose();
  fs.writeFileSync(path.join(dovecot.server.dir, 'acl'), '* owner lrwstipekxa\n');
  await dovecot.server.restart();
  engine = newEngine();
  const taken = await engine.syncAll();
  assert.ok(taken.ok && taken.folders.every((f) => !f.error), JSON.stringify(taken));
  assert.equal(taken.folders.find((f) => f.path === 'INBOX')!.flagsToServer, 3);
  assert.equal(store.flagChangesToPush().length, 0, 'nothing left to push');
  const nowOnServer = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  assert.equal(nowOnServer.filter((m) => m.flags.includes('\\Seen')).length, 3, 'every message read on the server');
  assert.equal(engine.status().code, undefined, 'the status no longer reports a problem');
  assert.equal(syncProgress({ kind: 'status', status: statuses.at(-1)! })?.problem, null);
});

test('on a server without CONDSTORE, where every flag is read back at each sync, the refused marks are not undone by the server\'s', async (t) => {
  const address = withoutCondstore.nextAddress();
  deliverToMaildir(withoutCondstore.server, address, deliveries([REAL.envelope2014], 2, address));
  const store = tempStore();
  const account = accountOn(store, withoutCondstore.server, address, { receiptsMode: 'local' });
  const engine = createSyncEngine({ store, account, password: PASSWORD });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  const probe = await otherClient(withoutCondstore.server.imapPort, address, PASSWORD);
  const capabilities = [...probe.capabilities.keys()];
  await probe.logout();
  assert.ok(capabilities.includes('IDLE') && !capabilities.includes('CONDSTORE'), capabilities.join(' '));
  const accountId = Number(account.id);
  assert.ok((await engine.syncAll()).ok);
  const stored = storedIn(store, accountId, 'INBOX');
  assert.equal(stored.length, 2);
  store.setSeen(stored.map((m) => m.id), true);
  for (const round of ['the first sync after the marks', 'the next one']) {
    const result = await engine.syncAll();
    assert.ok(result.ok, JSON.stringify(result));
    const inbox = result.folders.find((f) => f.path === 'INBOX')!;
    assert.equal(inbox.error?.code, 'flags-refused', round);
    assert.equal(inbox.flagsFromServer, 0, `${round}: the server's flags did not overwrite the pending marks`);
    assert.equal(store.flagChangesToPush().length, 2, `${round}: still pending`);
    assert.ok(storedIn(store, accountId, 'INBOX').every((m) => m.flags.includes('\\Seen')), `${round}: still shown as read`);
  }
});
