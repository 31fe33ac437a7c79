import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/main/store';
import { WalSync } from '../../../src/main/store/deferred-sync';
import { tempDir, withStore } from './helpers';

test('a write through deferSync is committed at once and durable afterwards', async () => {
  await withStore(async (store, dir) => {
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.deferSync(() => store.saveAccount({ name: `Studio ${i}`, address: `studio${i}@pec.example`, kind: 'pec' })),
    );
    assert.ok(writes.every((w) => w.value.ok));
    // Another connection sees the commits before any fsync finished: they are not held back.
    const other = new Database(`${dir}/pecdesk.sqlite`, { readonly: true });
    try {
      assert.equal((other.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n, 20);
    } finally {
      other.close();
    }
    await Promise.all(writes.map((w) => w.durable));
  });
});

/** WalSync over a connection of the test's own (the store hands out none), in WAL mode with FULL commits as the store opens it. */
async function withWalSync(fn: (db: Database.Database, wal: WalSync) => void | Promise<void>): Promise<void> {
  await withStore(async (store, dir) => {
    store.close();
    const db = new Database(`${dir}/pecdesk.sqlite`);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      await fn(db, new WalSync(db, `${db.name}-wal`));
    } finally {
      db.close();
    }
  });
}

test('after a deferSync write the connection is back to synchronous=FULL for every other write', async () => {
  await withWalSync(async (db, wal) => {
    const { durable } = wal.deferSync(() => db.prepare("INSERT INTO accounts (name, address, kind, created_at) VALUES ('Studio', 'studio@pec.example', 'pec', '2024-01-01')").run());
    await durable;
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
  });
});

test('a write that throws inside deferSync leaves nothing and the connection at synchronous=FULL', async () => {
  await withWalSync((db, wal) => {
    assert.throws(() => wal.deferSync(() => db.transaction(() => {
      db.prepare("INSERT INTO accounts (name, address, kind, created_at) VALUES ('Studio', 'studio@pec.example', 'pec', '2024-01-01')").run();
      throw new Error('a bug in the caller');
    })()), /a bug in the caller/);
    assert.equal((db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n, 0);
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
  });
});

test('what deferSync committed is there after the store is closed and opened again', async () => {
  await withStore(async (store, dir) => {
    const { value, durable } = store.deferSync(() => store.saveAccount({ name: 'Studio', address: 'studio@pec.example', kind: 'pec' }));
    assert.ok(value.ok);
    await durable;
    store.close();
    const again = openStore(dir);
    try {
      assert.deepEqual(again.listAccounts().map((a) => a.address), ['studio@pec.example']);
    } finally {
      again.close();
    }
  });
});

/** The descriptors this process holds on the file (/proc/self/fd: the tests run on Linux). */
function descriptorsOn(file: string): number {
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

test('the WAL is opened once for all the rounds of fsync and let go when the store closes', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(dir);
  const wal = fs.realpathSync(`${dir}/pecdesk.sqlite-wal`);
  // SQLite's own, beside the one the rounds keep.
  const sqlites = descriptorsOn(wal);
  try {
    for (let round = 0; round < 5; round++) {
      const writes = Array.from({ length: 4 }, (_, i) => store.deferSync(() => store.saveAccount({ name: `S ${round}.${i}`, address: `s${round}.${i}@pec.example`, kind: 'pec' })));
      await Promise.all(writes.map((w) => w.durable));
      assert.equal(descriptorsOn(wal), sqlites + 1, `one descriptor of ours on the WAL after round ${round}`);
    }
    store.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(descriptorsOn(wal), 0, 'none once the store is closed');
    assert.equal(fs.existsSync(wal), false, 'and SQLite removed the WAL at close');
  } finally {
    store.close();
    cleanup();
  }
});
