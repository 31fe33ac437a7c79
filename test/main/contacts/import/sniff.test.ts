import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture, withContacts } from '../helpers';

test('a legacy .xls gets a message asking to save it as .xlsx', () =>
  withContacts(async (contacts) => {
    const preview = await contacts.previewImport(fixture('legacy.xls'));
    assert.ok(!preview.ok);
    assert.equal(preview.code, 'legacy-xls');
    assert.match(preview.detail, /\.xlsx/);
  }));

test('an .ods spreadsheet gets a message asking to save it as .xlsx', () =>
  withContacts(async (contacts) => {
    const preview = await contacts.previewImport(fixture('contatti.ods'));
    assert.ok(!preview.ok && preview.code === 'ods-unsupported');
    assert.match(preview.detail, /salva con nome/i);
    assert.match(preview.detail, /\.xlsx/);
  }));

test('a renamed .xls that is really an .xlsx is read by its bytes, and a PDF is refused', () =>
  withContacts(async (contacts) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sniff-'));
    try {
      const renamed = path.join(dir, 'elenco.xls');
      fs.copyFileSync(fixture('fornitori-2026.xlsx'), renamed);
      assert.equal((await contacts.previewImport(renamed)).ok, true);
      const pdf = path.join(dir, 'elenco.csv');
      fs.writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 0, 0xff])]));
      const refused = await contacts.previewImport(pdf);
      assert.ok(!refused.ok && refused.code === 'unsupported-format');
      const missing = await contacts.previewImport(path.join(dir, 'nessuno.xlsx'));
      assert.ok(!missing.ok && missing.code === 'file-unreadable');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));
