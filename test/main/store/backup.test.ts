import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BACKUPS_KEPT, listBackups, migrations, openStore } from '../../../src/main/store';
import { importOk, real, tempDir } from './helpers';

/** A database at schema version `version`, as an older PecDesk left it. */
function olderDatabase(dir: string, version: number): void {
  const db = new Database(path.join(dir, 'pecdesk.sqlite'));
  db.pragma('journal_mode = WAL');
  for (const sql of migrations.slice(0, version)) db.exec(sql);
  db.pragma(`user_version = ${version}`);
  db.close();
}

function userVersionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

test('a store at an older schema is copied to backups/ before its migrations run', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const older = migrations.length - 1;
    olderDatabase(dir, older);
    const store = openStore(dir);
    await store.dailyBackup;
    store.close();
    const backups = listBackups(dir);
    assert.ok(backups.length >= 1);
    const beforeMigration = backups.find((b) => b.schemaVersion === older);
    assert.ok(beforeMigration, `no backup at schema ${older}: ${backups.map((b) => path.basename(b.file)).join(', ')}`);
    assert.match(path.basename(beforeMigration.file), new RegExp(`^pecdesk-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z-v${older}\\.sqlite$`));
    assert.equal(userVersionOf(beforeMigration.file), older);
  } finally {
    cleanup();
  }
});

test('an existing store gets a daily backup at open, with its messages, and not a second one the same day', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const first = openStore(dir);
    await importOk(first, real('aruba-2018-accettazione.eml'));
    assert.equal(await first.dailyBackup, null, 'a new store has nothing to back up yet');
    first.close();
    const second = openStore(dir);
    const taken = await second.dailyBackup;
    second.close();
    assert.ok(taken);
    assert.equal(taken.schemaVersion, migrations.length);
    const copy = new Database(taken.file, { readonly: true });
    assert.deepEqual(copy.prepare('SELECT count(*) AS n FROM messages').get(), { n: 1 });
    copy.close();
    const third = openStore(dir);
    assert.equal(await third.dailyBackup, null);
    third.close();
    assert.equal(listBackups(dir).length, 1);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.tmp')), []);
  } finally {
    cleanup();
  }
});

test(`only the newest ${BACKUPS_KEPT} backups are kept`, async () => {
  const { dir, cleanup } = tempDir();
  try {
    openStore(dir).close();
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder);
    // Older copies of days gone by (a copy of the database file stands in for each).
    const names = [1, 2, 3, 4, 5, 6, 7].map((day) => `pecdesk-2026-01-0${day}T10-00-00-000Z-v${migrations.length}.sqlite`);
    for (const name of names) fs.copyFileSync(path.join(dir, 'pecdesk.sqlite'), path.join(folder, name));
    const store = openStore(dir);
    const taken = await store.dailyBackup;
    store.close();
    assert.ok(taken);
    const kept = listBackups(dir).map((b) => path.basename(b.file));
    assert.equal(kept.length, BACKUPS_KEPT);
    assert.equal(kept[0], path.basename(taken.file));
    assert.deepEqual(kept.slice(1), names.slice(-(BACKUPS_KEPT - 1)).reverse());
  } finally {
    cleanup();
  }
});
