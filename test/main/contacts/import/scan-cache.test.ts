// The scan shared by the wizard's preview and plan: reused only for the very same file, scanned
// again once the file changes, never kept for a refused file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileScanCache } from '../../../../src/main/contacts/import/scan-cache';
import { scanXlsx } from '../../../../src/main/contacts/import/xlsx-scan';
import { fixture } from '../helpers';
import { writeTwoContacts, writeWhitespaceBomb } from './hostile-files';

async function inTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-scan-cache-'));
  try {
    await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a file is computed once while unchanged, again after it is rewritten, and per options', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'a.xlsx');
    fs.writeFileSync(file, 'uno');
    const cache = new FileScanCache<string>();
    let computed = 0;
    const get = (options = 'x') => cache.get(file, options, async () => `${++computed}:${fs.readFileSync(file, 'utf8')}`, () => true);
    assert.equal(await get(), '1:uno');
    assert.equal(await get(), '1:uno');
    assert.equal(await get('y'), '2:uno', 'other caps, another scan');
    fs.writeFileSync(file, 'quattro');
    assert.equal(await get(), '3:quattro', 'a rewritten file is scanned again');
    fs.rmSync(file);
    fs.writeFileSync(file, 'cinque!!');
    assert.equal(await get(), '4:cinque!!', 'a file replaced under the same name is scanned again');
  }));

test('a result the caller does not keep (a refusal) is computed every time', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'a.xlsx');
    fs.writeFileSync(file, 'x');
    const cache = new FileScanCache<number>();
    let computed = 0;
    for (let i = 0; i < 2; i++) await cache.get(file, '', async () => ++computed, () => false);
    assert.equal(computed, 2);
  }));

test('scanXlsx gives the same sheets twice for a file, and refuses a bomb written over it', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'contatti.xlsx');
    await writeTwoContacts(file);
    const first = await scanXlsx(file, 1000);
    assert.ok(first.ok);
    assert.equal(await scanXlsx(file, 1000), first, 'the unchanged file is not scanned again');
    await writeWhitespaceBomb(file, 300);
    const bomb = await scanXlsx(file, 1000);
    assert.ok(!bomb.ok && bomb.code === 'file-too-large');
    assert.ok((await scanXlsx(fixture('fornitori-2026.xlsx'), 1000)).ok);
  }));
