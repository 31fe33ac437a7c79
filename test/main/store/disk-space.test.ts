import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/main/store';
import { real, smallDisk } from './helpers';

test('closing a store on a full disk does not throw, and the database stays sound', async () => {
  const disk = smallDisk(2);
  try {
    const dir = path.join(disk.dir, 'store');
    const store = openStore(dir);
    // Rows in tables the statistics know nothing of yet: PRAGMA optimize at close wants to ANALYZE them.
    for (const name of ['aruba-2018-accettazione.eml', 'aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2014-posta-certificata-completa.eml']) {
      assert.ok((await store.importMessage(real(name))).ok);
    }
    disk.fill();
    assert.doesNotThrow(() => store.close());
    disk.free();
    const db = new Database(path.join(dir, 'pecdesk.sqlite'), { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.prepare('SELECT count(*) AS n FROM messages').get(), { n: 3 });
    db.close();
  } finally {
    disk.cleanup();
  }
});
