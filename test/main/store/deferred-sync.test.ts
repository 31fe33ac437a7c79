import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/main/store';
import { WalSync } from '../../../src/main/store/deferred-sync';
import { withStore } from './helpers';

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
