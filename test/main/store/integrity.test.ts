import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, StoreDamagedError, tryOpenStore } from '../../../src/main/store';
import { importOk, real, tempDir } from './helpers';
import { countRows } from '../../helpers/store-db';

const dbFile = (dir: string) => path.join(dir, 'pecdesk.sqlite');

/** A store with a few messages, closed: a database of several pages. */
async function filledStore(dir: string): Promise<void> {
  const store = openStore(dir);
  for (const name of ['aruba-2018-accettazione.eml', 'aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2014-posta-certificata-completa.eml']) {
    await importOk(store, real(name));
  }
  store.close();
}

/** Opening must refuse the file with `code` and leave it (and the folder's database files) byte for byte as they were. */
function assertRefusedUntouched(dir: string, code: string): void {
  const before = fs.readFileSync(dbFile(dir));
  const siblings = fs.readdirSync(dir).sort();
  assert.throws(
    () => openStore(dir),
    (err: unknown) => err instanceof StoreDamagedError && err.problem.code === code && /pecdesk db restore/.test(err.message),
  );
  assert.deepEqual(fs.readFileSync(dbFile(dir)), before);
  assert.deepEqual(fs.readdirSync(dir).sort(), siblings);
  const tried = tryOpenStore(dir);
  assert.equal(tried.ok ? 'opened' : tried.code, 'store-damaged');
}

test('a 0-byte database beside stored messages is a damaged store, not a new empty one', async () => {
  const { dir, cleanup } = tempDir();
  try {
    await filledStore(dir);
    fs.truncateSync(dbFile(dir), 0);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile(dir) + suffix, { force: true });
    assertRefusedUntouched(dir, 'db-empty-file');
  } finally {
    cleanup();
  }
});

test('a 0-byte database file is refused even in a folder with nothing else', () => {
  const { dir, cleanup } = tempDir();
  try {
    fs.writeFileSync(dbFile(dir), '');
    assertRefusedUntouched(dir, 'db-empty-file');
  } finally {
    cleanup();
  }
});

test('a missing database beside stored messages is refused, unless a rebuild is asked for', async () => {
  const { dir, cleanup } = tempDir();
  try {
    await filledStore(dir);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile(dir) + suffix, { force: true });
    assert.throws(() => openStore(dir), (err: unknown) => err instanceof StoreDamagedError && err.problem.code === 'db-missing');
    assert.equal(fs.existsSync(dbFile(dir)), false);
    const rebuilt = openStore(dir, { rebuild: true });
    rebuilt.close();
    assert.ok(fs.statSync(dbFile(dir)).size > 0);
  } finally {
    cleanup();
  }
});

test('a database file of 20 random bytes is refused and left as it is', () => {
  const { dir, cleanup } = tempDir();
  try {
    fs.writeFileSync(dbFile(dir), randomBytes(20));
    assertRefusedUntouched(dir, 'db-damaged');
  } finally {
    cleanup();
  }
});

test('a database with three pages overwritten is refused and left as it is', async () => {
  const { dir, cleanup } = tempDir();
  try {
    await filledStore(dir);
    const pageSize = 4096;
    const pages = Math.floor(fs.statSync(dbFile(dir)).size / pageSize);
    assert.ok(pages > 8, `the test database has only ${pages} pages`);
    const fd = fs.openSync(dbFile(dir), 'r+');
    // Pages 2-4 hold the first tables' b-trees in every store (page 1 is the schema).
    for (const page of [1, 2, 3]) fs.writeSync(fd, randomBytes(pageSize), 0, pageSize, page * pageSize);
    fs.closeSync(fd);
    assertRefusedUntouched(dir, 'db-damaged');
  } finally {
    cleanup();
  }
});

test('a healthy store opens after its check, with its messages', async () => {
  const { dir, cleanup } = tempDir();
  try {
    await filledStore(dir);
    const store = openStore(dir);
    assert.equal(countRows(store, 'SELECT count(*) AS n FROM messages'), 3);
    store.close();
  } finally {
    cleanup();
  }
});
