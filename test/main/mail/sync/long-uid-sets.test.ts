// Scattered UIDs against a server that takes command lines no longer than RFC 7162 §4 asks every
// server to accept (8,192 octets): 2,000 messages whose UIDs no range can join. Each command that
// names them goes in batches short enough for it: the FETCH of the first sync, the STORE that pushes
// a "mark all read" made here, and the listing of messages the store lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSyncEngine } from '../../../../src/main/mail';
import { accountOn, deliveries, deliverToMaildir, otherClient, REAL, serverFolder, storedIn, tempStore, useDovecot } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('righe', 1, PASSWORD, { maxLineLength: 8_192 });

test('2,000 scattered messages on a server with 8 KB command lines: synced, marked read on the server, and listed again after the store lost them', async (t) => {
  const address = dovecot.nextAddress();
  deliverToMaildir(dovecot.server, address, deliveries([REAL.envelope2014], 4_000, address));
  const other = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  try {
    await other.mailboxOpen('INBOX');
    // Every other message gone, 500 UIDs a command (the test's own client obeys the same limit).
    for (let from = 2; from <= 4_000; from += 1_000) {
      const even = Array.from({ length: 500 }, (_, i) => from + 2 * i);
      assert.ok(await other.messageDelete(even.join(','), { uid: true }));
    }
  } finally {
    await other.logout();
  }
  const store = tempStore();
  const account = accountOn(store, dovecot.server, address);
  const engine = createSyncEngine({ store, account, password: PASSWORD });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  const accountId = Number(account.id);
  const inbox = () => store.listFolders(accountId).find((f) => f.path === 'INBOX')!;
  const synced = async (what: string) => {
    const result = await engine.syncAll();
    assert.ok(result.ok && result.folders.every((f) => !f.error), `${what}: ${JSON.stringify(result)}`);
  };

  await synced('the first sync');
  const stored = storedIn(store, accountId, 'INBOX');
  assert.equal(stored.length, 2_000);

  store.setSeen(stored.map((m) => m.id), true);
  await synced('the sync that pushes the read marks');
  const onServer = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  assert.equal(onServer.filter((m) => m.flags.includes('\\Seen')).length, 2_000, 'every message read on the server');
  assert.equal(store.flagChangesToPush().length, 0, 'nothing left to push');

  // Rows lost (as after a restore from an older backup): the count check finds them on the server.
  store.removeLocations(inbox().id, stored.map((m) => m.uid));
  assert.equal(storedIn(store, accountId, 'INBOX').length, 0);
  await synced('the sync that lists them again');
  assert.deepEqual(storedIn(store, accountId, 'INBOX').map((m) => m.uid).sort((a, b) => a - b), onServer.map((m) => m.uid).sort((a, b) => a - b));
});
