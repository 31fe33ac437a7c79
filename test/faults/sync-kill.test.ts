// A first sync of a few thousand PEC messages from a real Dovecot, its process killed with SIGKILL
// at several points and restarted each time (sync-child.ts). Messages are acknowledged per FETCH
// chunk: the chunk's pack fsynced, then its rows and UIDNEXT in one commit. Whatever moment the
// kill lands on (mid-FETCH, mid-pack, mid-commit), the restart continues from the last durable
// UID: at the end every UID of the server is in the store exactly once, every message reads back
// byte for byte, and no row names bytes that are not on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { LOCAL_RECEIPTS_PATH } from '../../src/main/mail';
import { openStore } from '../../src/main/store';
import { startDovecot, type DovecotServer } from '../../sandbox/dovecot';
import { deliveries, REAL } from '../main/mail/sync/helpers';
import { countRows } from '../helpers/store-db';
import { watched, type Ended } from './watched-child';

const repoRoot = path.resolve(__dirname, '../..');
const USER = 'archivio@pec.alfa.test';
const PASSWORD = 'kill';
const COUNT = 3_000;
// Stored messages at which a run is killed; each kill also waits a few ms more, so it lands inside
// a chunk's work rather than right after a commit.
const KILL_AT = [400, 1_200, 2_000];

function syncChild(storeDir: string, port: number): ChildProcess & { done: Promise<Ended> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/sync-child.ts', storeDir, String(port), PASSWORD], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watched(child);
}

/** Delivers into INBOX as a Maildir MDA does (tmp/, then new/): APPENDing thousands takes minutes. */
function seed(server: DovecotServer, raws: Buffer[]): void {
  const owner = fs.statSync(path.join(server.dir, 'mail'));
  const home = path.join(server.dir, 'mail', USER);
  const maildir = path.join(home, 'Maildir');
  for (const dir of [home, maildir, ...['cur', 'new', 'tmp'].map((s) => path.join(maildir, s))]) {
    fs.mkdirSync(dir, { recursive: true });
    fs.chownSync(dir, owner.uid, owner.gid);
  }
  raws.forEach((raw, i) => {
    const name = `${1_700_000_000 + i}.M${i}P${process.pid}.pecdesk-kill`;
    fs.writeFileSync(path.join(maildir, 'tmp', name), raw);
    fs.renameSync(path.join(maildir, 'tmp', name), path.join(maildir, 'new', name));
  });
}

/** The server's INBOX, UID → bytes as it serves them. */
async function serverMessages(port: number): Promise<Map<number, Buffer>> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false, disableAutoIdle: true });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.mailboxOpen('INBOX');
    const messages = new Map<number, Buffer>();
    for await (const m of client.fetch('1:*', { uid: true, source: true })) if (m.source) messages.set(m.uid, m.source);
    return messages;
  } finally {
    await client.logout();
  }
}

/** Stored INBOX locations (envelopes in INBOX, receipts in its local alias), read while the child may be writing. */
function storedLocations(storeDir: string): { uid: number; id: number }[] {
  const db = new Database(path.join(storeDir, 'pecdesk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return db
      .prepare(`SELECT l.uid, l.message_row_id AS id FROM message_locations l JOIN folders f ON f.id = l.folder_id WHERE f.path IN ('INBOX', ?) AND l.uid > 0`)
      .all(LOCAL_RECEIPTS_PATH) as { uid: number; id: number }[];
  } finally {
    db.close();
  }
}

test(`a first sync of ${COUNT} PEC messages killed at ${KILL_AT.length} points and restarted: 0 lost, 0 duplicated`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-fault-sync-'));
  const server = await startDovecot({ dir: path.join(dir, 'dovecot'), users: [{ address: USER, password: PASSWORD }] });
  try {
    const raws = deliveries([REAL.envelope2023, REAL.accettazione, REAL.consegna, REAL.envelope2014, REAL.accettazione2014], COUNT, USER);
    seed(server, raws);
    const onServer = await serverMessages(server.imapPort);
    assert.equal(onServer.size, COUNT);
    const storeDir = path.join(dir, 'store');
    const store = openStore(storeDir);
    const saved = store.saveAccount({ name: USER, address: USER, kind: 'pec' });
    store.close();
    assert.ok(saved.ok);

    let kills = 0;
    for (const [i, target] of KILL_AT.entries()) {
      const child = syncChild(storeDir, server.imapPort);
      let exited = false;
      void child.done.then(() => (exited = true));
      while (!exited && storedLocations(storeDir).length < target) await new Promise((resolve) => setTimeout(resolve, 15));
      await new Promise((resolve) => setTimeout(resolve, 7 * (i + 1)));
      if (exited) {
        const ended = await child.done;
        assert.fail(`run ${i + 1} ended by itself (${ended.code}) with ${storedLocations(storeDir).length} stored, before ${target}: ${ended.stderr}${ended.stdout}`);
      }
      child.kill('SIGKILL');
      const ended = await child.done;
      assert.equal(ended.signal, 'SIGKILL', `run ${i + 1} ended by itself (${ended.code}): ${ended.stderr}`);
      kills++;
      const uids = storedLocations(storeDir).map((l) => l.uid);
      console.log(`# kill ${i + 1} after ${target} stored: ${uids.length} durable, ${new Set(uids).size} distinct`);
      assert.equal(new Set(uids).size, uids.length, `kill ${i + 1} left a UID stored twice`);
    }

    const last = await syncChild(storeDir, server.imapPort).done;
    assert.equal(last.code, 0, `the last run failed: ${last.stderr}${last.stdout}`);

    const locations = storedLocations(storeDir);
    const stored = new Set(locations.map((l) => l.uid));
    const lost = [...onServer.keys()].filter((uid) => !stored.has(uid)).length;
    const duplicated = locations.length - stored.size;
    const reopened = openStore(storeDir);
    try {
      assert.equal(countRows(reopened, 'SELECT count(*) AS n FROM messages'), COUNT, 'one message row per delivery');
      // Every row names whole bytes on disk, and they are the server's, byte for byte.
      const differing = locations.filter(({ uid, id }) => {
        const back = reopened.readMessageRaw(id);
        return !(back?.ok && onServer.get(uid)?.equals(back.raw));
      });
      assert.deepEqual(differing, []);
    } finally {
      reopened.close();
    }
    console.log(`faults: sync kill x${kills}, ${lost} lost, ${duplicated} duplicated`);
    assert.equal(lost, 0);
    assert.equal(duplicated, 0);
    assert.equal(kills, KILL_AT.length);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
