import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { writeReportXlsx } from '../../../../src/main/contacts';
import { fixture, ok, withContacts } from '../helpers';

test('the saved report lists every row with its outcome and reason, and a summary Excel opens', () =>
  withContacts(async (contacts, _store, dir) => {
    const file = fixture('fornitori-2026.xlsx');
    const preview = ok(await contacts.previewImport(file));
    const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip', groupName: 'Fornitori' }));
    const out = path.join(dir, 'riepilogo.xlsx');
    ok(await writeReportXlsx(plan, out));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const summary = wb.getWorksheet('Riepilogo')!;
    const value = (label: string) => summary.getColumn(1).values.indexOf(label);
    assert.equal(summary.getRow(value('Righe non importate')).getCell(2).value, '3');
    assert.equal(summary.getRow(value('Gruppo')).getCell(2).value, 'Fornitori');
    const rows = wb.getWorksheet('Righe')!;
    assert.equal(rows.rowCount, 1 + 9);
    const byRow = new Map<string, ExcelJS.Row>();
    rows.eachRow((row, n) => n > 1 && byRow.set(String(row.getCell(1).value), row));
    assert.deepEqual([...byRow.keys()], ['4', '5', '6', '7', '8', '9', '10', '11', '12']);
    assert.equal(byRow.get('7')!.getCell(2).value, 'non importata');
    assert.match(String(byRow.get('7')!.getCell(3).value), /luca\.verdi@pec/);
    assert.match(String(byRow.get('8')!.getCell(8).value), /^Anna \| Neri/);
    assert.equal(byRow.get('6')!.getCell(2).value, 'riga vuota');
  }));
