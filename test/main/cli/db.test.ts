import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/main/store';
import { REAL_DIR, runCli, smallDisk, tempDir } from '../store/helpers';

const fixture = (name: string) => path.join(REAL_DIR, name);
const dbFile = (dir: string) => path.join(dir, 'pecdesk.sqlite');
const messagesIn = (dir: string) => {
  const db = new Database(dbFile(dir), { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

function damagePages(file: string): void {
  const fd = fs.openSync(file, 'r+');
  for (const page of [1, 2, 3]) fs.writeSync(fd, randomBytes(4096), 0, 4096, page * 4096);
  fs.closeSync(fd);
}

test('db check says ok for a sound store and exits 1 with the way out for a damaged one', async () => {
  const { dir, cleanup } = tempDir();
  try {
    assert.equal((await runCli(['import', '--store', dir, fixture('aruba-2018-accettazione.eml'), fixture('aruba-2014-posta-certificata-completa.eml')])).code, 0);
    const ok = await runCli(['db', 'check', '--store', dir]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^ok: .*quick_check/);
    assert.match((await runCli(['db', 'check', '--full', '--store', dir])).stdout, /integrity_check/);
    damagePages(dbFile(dir));
    const damaged = await runCli(['db', 'check', '--store', dir]);
    assert.equal(damaged.code, 1);
    assert.match(damaged.stderr, /is damaged .*pecdesk db restore/);
  } finally {
    cleanup();
  }
});

test('import refuses a 0-byte database beside stored messages and writes nothing into it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    assert.equal((await runCli(['import', '--store', dir, fixture('aruba-2018-accettazione.eml')])).code, 0);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile(dir) + suffix, { force: true });
    fs.truncateSync(dbFile(dir), 0);
    const result = await runCli(['import', '--store', dir, fixture('aruba-2014-posta-certificata-completa.eml')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /is empty \(0 bytes\).*pecdesk db restore/);
    assert.equal(fs.statSync(dbFile(dir)).size, 0);
    assert.equal(fs.existsSync(dbFile(dir) + '-wal'), false);
  } finally {
    cleanup();
  }
});

test('db restore brings back the latest good backup and db reindex the messages stored after it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    assert.equal((await runCli(['import', '--store', dir, fixture('aruba-2018-accettazione.eml')])).code, 0);
    // The next command's open takes the daily backup (one message); then two more are stored.
    assert.equal((await runCli(['stats', '--store', dir])).code, 0);
    const later = await runCli(['import', '--store', dir, fixture('aruba-2018-avvenuta-consegna-completa.eml'), fixture('aruba-2014-posta-certificata-completa.eml')]);
    assert.equal(later.code, 0, later.stderr);
    assert.equal(fs.readdirSync(path.join(dir, 'backups')).length, 1);
    damagePages(dbFile(dir));
    const refused = await runCli(['stats', '--store', dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /damaged/);

    const restored = await runCli(['db', 'restore', '--store', dir]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /restored from .*backups.*\n.*kept as .*pecdesk\.sqlite\.damaged-/);
    assert.match(restored.stdout, /2 stored messages are newer than the backup: run `pecdesk db reindex/);
    assert.equal(fs.readdirSync(dir).filter((f) => /^pecdesk\.sqlite\.damaged-[^-]+.*Z$/.test(f)).length, 1);
    assert.equal(messagesIn(dir), 1);

    const reindexed = await runCli(['db', 'reindex', '--store', dir]);
    assert.equal(reindexed.code, 0, reindexed.stderr);
    assert.match(reindexed.stdout, /messages filed again: 2, sent messages recorded again: 0/);
    assert.equal(messagesIn(dir), 3);
  } finally {
    cleanup();
  }
});

test('a full disk stops import with "disk full" and exit 75, loses nothing, and the same import works once there is room', async () => {
  const disk = smallDisk(2);
  try {
    const dir = path.join(disk.dir, 'store');
    assert.equal((await runCli(['import', '--store', dir, fixture('aruba-2018-accettazione.eml')])).code, 0);
    // Warm the store up so the daily backup is not due and the next opens write nothing optional.
    openStore(dir).close();
    disk.fill();
    const later = [fixture('aruba-2018-avvenuta-consegna-completa.eml'), fixture('aruba-2014-posta-certificata-completa.eml'), fixture('aruba-2023-posta-certificata-completa.eml')];
    const full = await runCli(['import', '--store', dir, ...later]);
    assert.equal(full.code, 75, `${full.stdout}${full.stderr}`);
    assert.match(full.stderr, /disco pieno \/ disk full/);
    assert.doesNotMatch(full.stderr, /internal error/);
    disk.free();
    assert.equal(messagesIn(dir), 1);
    const again = await runCli(['import', '--store', dir, ...later]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(messagesIn(dir), 4);
  } finally {
    disk.cleanup();
  }
});

test('db reindex rebuilds a database lost to 0 bytes from the stored messages, keeping the empty file aside', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const files = ['aruba-2018-accettazione.eml', 'aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2014-posta-certificata-completa.eml'].map(fixture);
    assert.equal((await runCli(['import', '--store', dir, ...files])).code, 0);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile(dir) + suffix, { force: true });
    fs.truncateSync(dbFile(dir), 0);
    const noBackup = await runCli(['db', 'restore', '--store', dir]);
    assert.equal(noBackup.code, 1);
    assert.match(noBackup.stderr, /there is no backup .*nothing was changed/);
    const rebuilt = await runCli(['db', 'reindex', '--store', dir]);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.match(rebuilt.stdout, /kept as .*pecdesk\.sqlite\.damaged-.*\nmessages filed again: 3, sent messages recorded again: 0/);
    assert.equal(messagesIn(dir), 3);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('pecdesk.sqlite.damaged-'));
    assert.equal(aside.length, 1);
    assert.equal(fs.statSync(path.join(dir, aside[0])).size, 0);
  } finally {
    cleanup();
  }
});
