import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { createSyncEngine } from '../../../../src/main/mail';
import { listMessages } from '../../../../src/main/mail/sync/fetch-new';
import { sha256Hex } from '../../../../src/main/store';
import { smallDisk } from '../../store/helpers';
import { accountOn, appendAll, deliveries, deliverToMaildir, otherClient, REAL, serverFolder, storedIn, tempStore, useDovecot } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('classifica', 5, PASSWORD);
// Analyses like the app's pool threads, except for marked messages (test/main/pec/helpers).
const FAULTY = path.join(__dirname, '../../pec/helpers/faulty-pool-worker.ts');

function setup(t: { after(fn: () => Promise<void> | void): void }, entry?: string) {
  const address = dovecot.nextAddress();
  const store = tempStore();
  const account = accountOn(store, dovecot.server, address);
  const engine = createSyncEngine({ store, account, password: PASSWORD, analyzer: { size: 2, entry } });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });
  return { address, store, accountId: Number(account.id), engine };
}

test('messages classified on the pool\'s threads are filed in UID order, each with its own analysis', async (t) => {
  const { address, store, accountId, engine } = setup(t);
  // Envelopes stay in INBOX: their order there is the server's.
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', deliveries([REAL.envelope2023, REAL.envelope2014], 40, address));
  const result = await engine.syncAll();
  assert.ok(result.ok && result.folders.every((f) => !f.error), JSON.stringify(result));
  const onServer = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  const filed = storedIn(store, accountId, 'INBOX').sort((a, b) => a.uid - b.uid);
  assert.deepEqual(filed.map((m) => m.uid), onServer.map((m) => m.uid));
  for (const [i, m] of filed.entries()) {
    assert.ok(m.raw.equals(onServer[i].source), `UID ${m.uid} bytes`);
    const detail = store.getMessage(m.id);
    assert.equal(detail?.kind, 'envelope');
    assert.equal(detail?.signatureValid, true);
    // Each row carries the analysis of its own bytes: the Received line is all that tells them apart.
    assert.equal(detail?.unreadable, false);
  }
  assert.equal(new Set(filed.map((m) => store.getMessage(m.id)?.originalSubject)).size, 2);
});

test('a message the classifier throws on, or dies on, is stored and flagged unreadable; the rest are filed as usual', async (t) => {
  const { address, store, accountId, engine } = setup(t, FAULTY);
  const [envelope, other] = deliveries([REAL.envelope2023, REAL.envelope2014], 2, address);
  const mark = (marker: string, raw: Buffer) => Buffer.concat([Buffer.from(`X-Test-Crash: ${marker}\r\n`, 'latin1'), raw]);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [envelope, mark('throw', other), mark('exit', envelope), other]);
  const result = await engine.syncAll();
  assert.ok(result.ok && result.folders.every((f) => !f.error), JSON.stringify(result));
  const filed = storedIn(store, accountId, 'INBOX').sort((a, b) => a.uid - b.uid);
  assert.equal(filed.length, 4);
  const details = filed.map((m) => store.getMessage(m.id));
  assert.deepEqual(details.map((d) => d?.unreadable), [false, true, true, false]);
  assert.deepEqual(details.map((d) => d?.unreadableCode), [null, 'analysis-crashed', 'analysis-crashed', null]);
  assert.equal(details[1]?.unreadableDetail, 'the classifier failed on this message');
  assert.match(details[2]?.unreadableDetail ?? '', /thread stopped on this message/);
  // Flagged, not lost: the bytes are kept as received.
  assert.ok(filed[1].raw.subarray(0, 19).equals(Buffer.from('X-Test-Crash: throw')));
});

test('the listing before a FETCH gives every UID in order, the exact size of each large message and a bound above each small one', async (t) => {
  const address = dovecot.nextAddress();
  const small = (n: number) => Buffer.from(`From: a@pec.beta.test\r\nTo: ${address}\r\nSubject: piccolo ${n}\r\n\r\n${'x'.repeat(n * 100)}\r\n`);
  // Above the bound the chunking counts a small message as: its exact size must be asked for.
  const large = (n: number) => Buffer.from(`From: a@pec.beta.test\r\nTo: ${address}\r\nSubject: grande ${n}\r\n\r\n${'y'.repeat(40_000 * n)}\r\n`);
  await appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', [small(1), large(1), small(2), small(3), large(3), small(4)]);
  const client = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  t.after(() => client.logout());
  await client.mailboxOpen('INBOX');
  const real = new Map<number, number>();
  for await (const m of client.fetch('1:*', { uid: true, size: true }, { uid: true })) real.set(m.uid, m.size ?? -1);

  const listed = await listMessages(client, '1:*');
  assert.deepEqual(listed.map((m) => m.uid), [...real.keys()].sort((a, b) => a - b));
  const largeSizes = listed.filter((m) => (real.get(m.uid) ?? 0) > 40_000);
  assert.equal(largeSizes.length, 2);
  for (const m of largeSizes) assert.equal(m.size, real.get(m.uid), `UID ${m.uid}`);
  for (const m of listed) assert.ok(m.size >= (real.get(m.uid) ?? Infinity), `UID ${m.uid}: listed ${m.size}, real ${real.get(m.uid)}`);
  // Every small one is counted the same: 500 of them fill one 16 MB chunk.
  assert.equal(new Set(listed.filter((m) => !largeSizes.includes(m)).map((m) => m.size)).size, 1);

  const last = Math.max(...real.keys());
  assert.deepEqual((await listMessages(client, `${last}:*`, last)).map((m) => m.uid), [last]);
  // "n:*" past the last UID still matches the last message (RFC 3501 §6.4.8): nothing is listed.
  assert.deepEqual(await listMessages(client, `${last + 1}:*`, last + 1), []);
});

test('a chunk that cannot be written stops the filing there: the chunks before it stay with UIDNEXT after them, none after it is written, the next sync files the rest once', async (t) => {
  const { address, store, accountId, engine } = setup(t);
  // 100 + 500 + 20 messages of ~13 KB: the sync's chunks. The packs go to a 3 MB disk, where the
  // first chunk fits, the second does not, and the third would.
  const mail = deliveries([REAL.envelope2014], 620, address);
  deliverToMaildir(dovecot.server, address, mail);
  const disk = smallDisk(3);
  t.after(() => disk.cleanup());
  fs.mkdirSync(path.join(store.dir, 'raw'), { recursive: true });
  fs.symlinkSync(disk.dir, path.join(store.dir, 'raw', 'packs'));

  const failed = await engine.syncAll();
  const inboxReport = failed.ok ? failed.folders.find((f) => f.path === 'INBOX') : undefined;
  assert.equal(inboxReport?.error?.code, 'store-failed', JSON.stringify(failed));
  assert.match(inboxReport?.error?.detail ?? '', /ENOSPC/);
  const server = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  const uids = server.map((m) => m.uid).sort((a, b) => a - b);
  const first = storedIn(store, accountId, 'INBOX').map((m) => m.uid).sort((a, b) => a - b);
  assert.deepEqual(first, uids.slice(0, 100), 'the first chunk, and nothing of the chunks after the one that failed');
  const inbox = store.listFolders(accountId).find((f) => f.path === 'INBOX')!;
  assert.equal(store.folderSyncState(inbox.id)?.uidNext, uids[100], 'UIDNEXT right after the last stored chunk');

  disk.grow(16);
  const again = await engine.syncAll();
  assert.ok(again.ok && again.folders.every((f) => !f.error), JSON.stringify(again));
  const stored = storedIn(store, accountId, 'INBOX').sort((a, b) => a.uid - b.uid);
  assert.deepEqual(stored.map((m) => m.uid), uids, 'every message once');
  assert.deepEqual(stored.map((m) => sha256Hex(m.raw)).sort(), server.map((m) => sha256Hex(m.source)).sort(), 'the bytes as the server has them');
});

test('chunks stream through as few FETCH commands as a UID set allows: 1,200 scattered messages in two, each filed once and in order', async (t) => {
  const { address, store, accountId, engine } = setup(t);
  deliverToMaildir(dovecot.server, address, deliveries([REAL.envelope2014], 2_400, address));
  // Every other message gone: the 1,200 left have UIDs no range can join, so the set of the four
  // chunks (100, 500, 500, 100) is too long for one command and makes two.
  const other = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  try {
    await other.mailboxOpen('INBOX');
    const even = Array.from({ length: 1_200 }, (_, i) => 2 * (i + 1));
    assert.ok(await other.messageDelete(even.join(','), { uid: true }));
  } finally {
    await other.logout();
  }
  const fetches: string[] = [];
  const proto = ImapFlow.prototype as unknown as { exec(command: string, attributes: unknown, ...rest: unknown[]): Promise<unknown> };
  const exec = proto.exec;
  proto.exec = function (this: unknown, command, attributes, ...rest) {
    const words = JSON.stringify(attributes) ?? '';
    if (command === 'UID FETCH' && words.includes('BODY.PEEK')) fetches.push(words);
    return exec.call(this, command, attributes, ...rest);
  };
  t.after(() => {
    proto.exec = exec;
  });

  const result = await engine.syncAll();
  assert.ok(result.ok && result.folders.every((f) => !f.error), JSON.stringify(result));
  assert.equal(fetches.length, 2, 'two FETCH commands for four chunks');
  const server = await serverFolder(dovecot.server.imapPort, address, PASSWORD, 'INBOX');
  assert.equal(server.length, 1_200);
  const stored = storedIn(store, accountId, 'INBOX').sort((a, b) => a.uid - b.uid);
  assert.deepEqual(stored.map((m) => m.uid), server.map((m) => m.uid).sort((a, b) => a - b), 'every message once');
  const inbox = store.listFolders(accountId).find((f) => f.path === 'INBOX')!;
  assert.equal(store.folderSyncState(inbox.id)?.uidNext, 2_401, "the server's UIDNEXT: past the last message delivered, deleted or not");
});
