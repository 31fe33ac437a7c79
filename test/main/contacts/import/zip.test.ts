// Parts of an xlsx inflated by zip.ts itself: the sizes their entries declare still hold both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanXlsx } from '../../../../src/main/contacts/import/xlsx-scan';
import { openZip } from '../../../../src/main/contacts/import/zip';
import { declareSize, writeTwoContacts } from './hostile-files';

async function inTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-zip-'));
  try {
    await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a part inflates to exactly the bytes it declares', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'contatti.xlsx');
    await writeTwoContacts(file);
    const zip = await openZip(file);
    try {
      const sheet = await zip.text('xl/worksheets/sheet1.xml');
      assert.match(sheet ?? '', /anna\.neri@pec\.it.*bruno\.blu@pec\.it/);
    } finally {
      zip.close();
    }
  }));

test('a part declaring more bytes than it holds is refused as a zip that lies about its sizes', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'bugiardo.xlsx');
    await writeTwoContacts(file);
    declareSize(file, 'xl/worksheets/sheet1.xml', 1_000_000);
    const scanned = await scanXlsx(file, 1000);
    assert.ok(!scanned.ok && scanned.code === 'file-too-large');
    assert.match(scanned.detail, /non ha la dimensione che dichiara/);
  }));

test('a part declaring fewer bytes than it holds is refused the same way', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'bugiardo.xlsx');
    await writeTwoContacts(file);
    declareSize(file, 'xl/worksheets/sheet1.xml', 10);
    const scanned = await scanXlsx(file, 1000);
    assert.ok(!scanned.ok && scanned.code === 'file-too-large');
    assert.match(scanned.detail, /non ha la dimensione che dichiara/);
  }));
