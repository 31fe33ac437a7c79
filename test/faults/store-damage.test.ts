// A database found damaged at start, the way it happens: pages overwritten (a bad sector, a stray
// write), the file cut short (a copy or a crash that lost its tail), or emptied to 0 bytes. The core
// opens as the app and the web bridge do (startCore: the check runs in the background, the window
// does not wait), says the store is damaged with the backup available, and the restore brings back
// the backup plus every message stored after it (filed again from raw/). Counted against what was
// stored before the damage: nothing lost, nothing twice. The banner itself is test/e2e/store-health.test.ts.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreHealth, StoreRestored } from '../../src/shared/api-store-health';
import { startCore } from '../../src/main/core';
import { headlessSecretStore } from '../../src/main/services';
import { openStore } from '../../src/main/store';
import { webHost } from '../../src/main/webbridge/launch';
import { importOk, real, tempDir } from '../main/store/helpers';
import { FaultTable } from './table';
import { readStoreDb } from '../helpers/store-db';

const table = new FaultTable('store damage');
after(() => table.summary());

const MESSAGES = ['aruba-2018-accettazione.eml', 'aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2014-posta-certificata-completa.eml', 'aruba-2023-posta-certificata-completa.eml'];

const DAMAGES: { name: string; injected: string; damage(file: string): void }[] = [
  {
    name: 'corrupt pages',
    injected: '3 pages overwritten with random bytes',
    damage(file) {
      const fd = fs.openSync(file, 'r+');
      for (const page of [1, 2, 3]) fs.writeSync(fd, randomBytes(4096), 0, 4096, page * 4096);
      fs.closeSync(fd);
    },
  },
  { name: 'truncated', injected: 'file cut to 1 page + 100 bytes', damage: (file) => fs.truncateSync(file, 4096 + 100) },
  { name: 'emptied', injected: 'file truncated to 0 bytes', damage: (file) => fs.truncateSync(file, 0) },
];

/** The SHA-256 of every stored message. */
function storedHashes(dir: string): string[] {
  const store = openStore(dir);
  try {
    return readStoreDb(store, (db) => db.prepare('SELECT sha256 FROM messages ORDER BY sha256').pluck().all() as string[]);
  } finally {
    store.close();
  }
}

for (const { name, injected, damage } of DAMAGES) {
  test(`database ${name} at start: damaged said at once, restored from the automatic backup, every message back`, async () => {
    const { dir, cleanup } = tempDir();
    try {
      // One message in the daily backup, three stored after it.
      let store = openStore(dir);
      await importOk(store, real(MESSAGES[0]));
      store.close();
      store = openStore(dir);
      assert.ok(await store.dailyBackup);
      for (const m of MESSAGES.slice(1)) await importOk(store, real(m));
      store.close();
      const before = storedHashes(dir);
      assert.equal(before.length, MESSAGES.length);
      const file = path.join(dir, 'pecdesk.sqlite');
      for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      damage(file);

      const core = startCore({ config: { dataDir: dir, secrets: headlessSecretStore(dir) }, host: webHost('test', dir) });
      let health: StoreHealth;
      let restored: StoreRestored;
      try {
        await core.ready;
        health = core.health();
        assert.equal(health.state, 'damaged');
        assert.match(health.detail ?? '', /pecdesk db restore|damaged|empty/);
        const refused = await core.dispatch('listMessages', { folderId: 1, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
        assert.ok(!refused.ok && refused.error.code === 'store-damaged', 'nothing reads or writes the damaged store');
        const result = await core.dispatch('restoreStoreFromBackup', {});
        assert.ok(result.ok, JSON.stringify(result));
        restored = result.value as StoreRestored;
        assert.equal(core.health().state, 'ok');
      } finally {
        await core.close();
      }
      const after = storedHashes(dir);
      const lost = before.filter((h) => !after.includes(h)).length;
      const duplicated = after.length - new Set(after).size;
      assert.equal(lost, 0);
      assert.equal(duplicated, 0);
      table.record({
        scenario: `database ${name} at start`,
        injected,
        lost,
        duplicated,
        outcome: `"${health.code}" banner state, restored from backup + ${restored.reindexed} newer from raw/, ${after.length}/${before.length} messages`,
      });
    } finally {
      cleanup();
    }
  });
}
