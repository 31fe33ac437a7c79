import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/main/store';
import { withStore } from './helpers';

test('a write through deferSync is committed at once, durable afterwards, and the connection is back to synchronous=FULL', async () => {
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
    assert.equal(store.db.pragma('synchronous', { simple: true }), 2, 'FULL again for every other write');
  });
});

test('a write that throws inside deferSync leaves nothing and the connection at synchronous=FULL', async () => {
  await withStore((store) => {
    assert.throws(() => store.deferSync(() => store.db.transaction(() => {
      store.saveAccount({ name: 'Studio', address: 'studio@pec.example', kind: 'pec' });
      throw new Error('a bug in the caller');
    })()), /a bug in the caller/);
    assert.equal(store.listAccounts().length, 0);
    assert.equal(store.db.pragma('synchronous', { simple: true }), 2);
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
