// The preview's read ahead: the preview answers with the top rows of one read of the whole sheet,
// and the plan of the same file takes that read over. It must give exactly what two separate
// reads give, and never hand over a read of another file, another version of it or other caps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEFAULT_LIMITS } from '../../../../src/main/contacts/import/limits';
import { loadTable } from '../../../../src/main/contacts/import/table';
import type { ImportPlan, ImportPreview } from '../../../../src/main/contacts';
import { fixture, ok, withContacts } from '../helpers';

/**
 * A sheet of `rows` contacts under a merged title, with empty rows left out of the file here and
 * there, a formula, and (past the preview's rows) a cell whose error the report lists.
 */
async function writeSheet(file: string, rows: number, label = 'Ditta'): Promise<string> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Contatti');
  ws.getRow(1).getCell(1).value = 'Elenco clienti';
  ws.mergeCells('A1:C1');
  ws.getRow(1).commit();
  ws.getRow(2).values = ['Ragione sociale', 'PEC', 'Note'];
  ws.getRow(2).commit();
  for (let i = 1; i <= rows; i++) {
    if (i % 7 === 0) continue;
    const row = ws.getRow(i + 2);
    row.values = [`${label} ${i}`, i === 300 ? { formula: 'A1', result: { error: '#REF!' } } : `ditta${i}@pec.it`, i % 5 === 0 ? { formula: `"nota "&${i}`, result: `nota ${i}` } : ''];
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return file;
}

const withoutTime = (plan: ImportPlan) => ({ ...plan, createdAt: '' });

async function previewAndPlan(file: string, readAhead: boolean): Promise<{ preview: ImportPreview; plan: ImportPlan }> {
  return withContacts(async (contacts) => {
    const preview = ok(await contacts.previewImport(file, { readAhead }));
    const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip', groupName: 'Clienti' }));
    return { preview, plan };
  });
}

test('a preview that reads ahead shows the same rows, and the plan that takes its read over is the plan of a read of its own', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-read-ahead-'));
  try {
    for (const file of [await writeSheet(path.join(dir, 'clienti.xlsx'), 1000), await writeSheet(path.join(dir, 'pochi.xlsx'), 12), fixture('fornitori-2026.xlsx')]) {
      const separate = await previewAndPlan(file, false);
      const ahead = await previewAndPlan(file, true);
      assert.deepEqual(ahead.preview, separate.preview, path.basename(file));
      assert.deepEqual(withoutTime(ahead.plan), withoutTime(separate.plan), path.basename(file));
    }
    const { preview, plan } = await previewAndPlan(path.join(dir, 'clienti.xlsx'), true);
    assert.equal(preview.rows[0][2], 'Elenco clienti', 'the merged title fills the top rows');
    assert.equal(preview.rows.length, 20);
    assert.equal(plan.rows.find((r) => r.row === 302)?.outcome, 'invalid', 'the #REF! past the preview is in the report');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file rewritten after its preview is read again for the plan', () =>
  withContacts(async (contacts, _store, dir) => {
    const file = await writeSheet(path.join(dir, 'clienti.xlsx'), 500);
    const preview = ok(await contacts.previewImport(file, { readAhead: true }));
    await writeSheet(file, 800, 'Studio');
    const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip' }));
    assert.equal(plan.rows.length, 800, 'the 800 rows of the file as it is now, not the 500 previewed');
    assert.ok(plan.rows.every((r) => !r.contact || r.contact.organization.startsWith('Studio')));
  }));

test('another file previewed in between: each plan reads its own file', () =>
  withContacts(async (contacts, _store, dir) => {
    const first = await writeSheet(path.join(dir, 'primo.xlsx'), 300, 'Primo');
    const second = await writeSheet(path.join(dir, 'secondo.xlsx'), 400, 'Secondo');
    const a = ok(await contacts.previewImport(first, { readAhead: true }));
    ok(await contacts.previewImport(second, { readAhead: true }));
    const plan = ok(await contacts.planImport(first, a.suggestedMapping, { duplicatePolicy: 'skip' }));
    assert.ok(plan.rows.some((r) => r.contact?.organization === 'Primo 299'));
    assert.ok(plan.rows.every((r) => !r.contact || r.contact.organization.startsWith('Primo')));
  }));

test('a cap passed below the preview rows fails the plan with what to do, not the preview', () =>
  withContacts(async (_contacts, _store, dir) => {
    const file = path.join(dir, 'larga.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = wb.addWorksheet('Contatti');
    ws.addRow(['Ragione sociale', 'PEC']).commit();
    for (let i = 1; i <= 200; i++) ws.addRow(i === 150 ? [`Ditta ${i}`, `d${i}@pec.it`, '', '', '', 'oltre'] : [`Ditta ${i}`, `d${i}@pec.it`]).commit();
    ws.commit();
    await wb.commit();
    const limits = { ...DEFAULT_LIMITS, maxColumns: 4 };
    const top = await loadTable(file, { limit: 20, readAhead: true, limits });
    assert.ok(top.ok && top.loaded.table.rows.length === 20);
    const full = await loadTable(file, { limits });
    assert.ok(!full.ok && full.code === 'file-too-large');
    assert.match(full.detail, /la riga 151 ha dati nella colonna F, oltre la colonna 4/);
  }));
