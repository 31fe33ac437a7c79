// The core as the app and the web bridge start it: the database check at start runs in the
// background (startCore returns before it ends, calls wait for it), and a damaged, emptied or
// truncated database leaves the API answering only the store's health and the restore, which
// brings back the newest good backup plus the messages newer than it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PecEvent } from '../../src/shared/api';
import type { StoreHealth, StoreRestored } from '../../src/shared/api-store-health';
import { startCore } from '../../src/main/core';
import { headlessSecretStore } from '../../src/main/services';
import { listBackups, openStore } from '../../src/main/store';
import { webHost } from '../../src/main/webbridge/launch';
import { importOk, real, tempDir } from './store/helpers';
import { countRows } from '../helpers/store-db';

const dbFile = (dir: string) => path.join(dir, 'pecdesk.sqlite');
const messageCount = (dir: string) => {
  const store = openStore(dir);
  try {
    return countRows(store, 'SELECT count(*) AS n FROM messages');
  } finally {
    store.close();
  }
};

/** A store with one message in its daily backup and two newer ones. */
async function storeWithBackup(dir: string): Promise<void> {
  let store = openStore(dir);
  await importOk(store, real('aruba-2018-accettazione.eml'));
  store.close();
  store = openStore(dir);
  assert.ok(await store.dailyBackup, 'the second open takes the daily backup');
  await importOk(store, real('aruba-2018-avvenuta-consegna-completa.eml'));
  await importOk(store, real('aruba-2014-posta-certificata-completa.eml'));
  store.close();
  assert.equal(listBackups(dir).length, 1);
}

function coreOn(dir: string) {
  const events: PecEvent[] = [];
  const core = startCore({ config: { dataDir: dir, secrets: headlessSecretStore(dir) }, host: webHost('test', dir) });
  core.onEvent((e) => events.push(e));
  return { core, events };
}

const DAMAGES: [string, (file: string) => void, StoreHealth['code']][] = [
  [
    'damaged pages',
    (file) => {
      const fd = fs.openSync(file, 'r+');
      for (const page of [1, 2, 3]) fs.writeSync(fd, randomBytes(4096), 0, 4096, page * 4096);
      fs.closeSync(fd);
    },
    'db-damaged',
  ],
  ['a truncated file', (file) => fs.truncateSync(file, 4096 + 100), 'db-damaged'],
  ['an emptied file (0 bytes)', (file) => fs.truncateSync(file, 0), 'db-empty-file'],
];

for (const [what, damage, code] of DAMAGES) {
  test(`a database with ${what} at start: the window's API answers, says ${code} with the backup, and the restore brings every message back`, async () => {
    const { dir, cleanup } = tempDir();
    try {
      await storeWithBackup(dir);
      damage(dbFile(dir));
      const damagedBytes = fs.readFileSync(dbFile(dir));
      const { core, events } = coreOn(dir);
      try {
        // startCore returned before the check ended: the page can load meanwhile.
        assert.equal(core.health().state, 'checking');
        const accounts = await core.dispatch('listAccounts', {});
        assert.ok(!accounts.ok && accounts.error.code === 'store-damaged', JSON.stringify(accounts));
        assert.equal(accounts.error.reason, 'store-damaged', 'worded in the window as a damaged database, with the check\'s detail');
        assert.equal(typeof accounts.error.params?.detail, 'string');
        const health = await core.dispatch('getStoreHealth', {});
        assert.ok(health.ok);
        assert.deepEqual({ ...(health.value as StoreHealth), detail: null }, { state: 'damaged', code, detail: null, backups: 1 });
        assert.ok(events.some((e) => e.type === 'store-health' && e.health.state === 'damaged'), 'the renderer is told by an event');
        // Nothing was written into the damaged file.
        assert.deepEqual(fs.readFileSync(dbFile(dir)), damagedBytes);
        const info = await core.dispatch('getAppInfo', {});
        assert.ok(info.ok, 'the page still learns its host');

        const restored = await core.dispatch('restoreStoreFromBackup', {});
        assert.ok(restored.ok, JSON.stringify(restored));
        const value = restored.value as StoreRestored;
        assert.equal(value.reindexed, 2, 'the two messages newer than the backup are filed again from raw/');
        assert.equal(value.failed, 0);
        assert.ok(value.damagedKeptAs && fs.existsSync(value.damagedKeptAs), 'the damaged file is kept aside');
        assert.equal(core.health().state, 'ok');
        assert.ok(events.some((e) => e.type === 'store-health' && e.health.state === 'ok'));
        const after = await core.dispatch('listAccounts', {});
        assert.ok(after.ok, JSON.stringify(after));
        const again = await core.dispatch('restoreStoreFromBackup', {});
        assert.ok(!again.ok && again.error.code === 'wrong-state', 'a sound store is not restored');
        assert.equal(again.error.reason, 'store-not-damaged');
      } finally {
        await core.close();
      }
      assert.equal(messageCount(dir), 3);
    } finally {
      cleanup();
    }
  });
}

test('a sound database: the check passes in the background and the API serves the store', async () => {
  const { dir, cleanup } = tempDir();
  try {
    await storeWithBackup(dir);
    const { core, events } = coreOn(dir);
    try {
      assert.equal(core.health().state, 'checking');
      await core.ready;
      assert.equal(core.health().state, 'ok');
      assert.ok(events.some((e) => e.type === 'store-health' && e.health.state === 'ok'));
      const health = await core.dispatch('getStoreHealth', {});
      assert.ok(health.ok && (health.value as StoreHealth).state === 'ok');
      const accounts = await core.dispatch('listAccounts', {});
      assert.ok(accounts.ok, JSON.stringify(accounts));
      const refused = await core.dispatch('restoreStoreFromBackup', {});
      assert.ok(!refused.ok && refused.error.code === 'wrong-state');
      const invalid = await core.dispatch('getStoreHealth', { extra: 1 });
      assert.ok(!invalid.ok && invalid.error.code === 'invalid-request');
      assert.equal(invalid.error.reason, 'invalid-request');
      assert.equal(invalid.error.params?.method, 'getStoreHealth');
    } finally {
      await core.close();
    }
  } finally {
    cleanup();
  }
});

test('a damaged database and no backup: the banner has nothing to restore and the restore says so', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore(dir);
    await importOk(store, real('aruba-2018-accettazione.eml'));
    store.close();
    fs.truncateSync(dbFile(dir), 0);
    const { core } = coreOn(dir);
    try {
      await core.ready;
      assert.deepEqual({ ...core.health(), detail: null }, { state: 'damaged', code: 'db-empty-file', detail: null, backups: 0 });
      const restored = await core.dispatch('restoreStoreFromBackup', {});
      assert.ok(!restored.ok && restored.error.reason === 'restore-no-backup', JSON.stringify(restored));
      assert.deepEqual(restored.error.params, { folder: path.join(dir, 'backups') });
      assert.equal(fs.statSync(dbFile(dir)).size, 0, 'the emptied file is left as it was');
    } finally {
      await core.close();
    }
  } finally {
    cleanup();
  }
});

test('a new data folder (no database yet) passes the check and gets a new store', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { core } = coreOn(path.join(dir, 'nuova'));
    try {
      await core.ready;
      assert.equal(core.health().state, 'ok', JSON.stringify(core.health()));
      const accounts = await core.dispatch('listAccounts', {});
      assert.ok(accounts.ok, JSON.stringify(accounts));
    } finally {
      await core.close();
    }
  } finally {
    cleanup();
  }
});

test('the database lost while raw/ holds messages: damaged (db-missing), never a new empty store', async () => {
  const { dir, cleanup } = tempDir();
  try {
    await storeWithBackup(dir);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile(dir) + suffix, { force: true });
    const { core } = coreOn(dir);
    try {
      await core.ready;
      assert.equal(core.health().code, 'db-missing');
      assert.equal(fs.existsSync(dbFile(dir)), false);
      const restored = await core.dispatch('restoreStoreFromBackup', {});
      assert.ok(restored.ok, JSON.stringify(restored));
    } finally {
      await core.close();
    }
    assert.equal(messageCount(dir), 3);
  } finally {
    cleanup();
  }
});
