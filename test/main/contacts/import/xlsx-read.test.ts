import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSheet, streamSheet } from '../../../../src/main/contacts/import/xlsx-read';
import { scanXlsx } from '../../../../src/main/contacts/import/xlsx-scan';
import { writeMillionRowXlsx } from '../../../fixtures/contacts/make-fixtures';
import { fixture, ok, withContacts } from '../helpers';

test('a supplier list skips its hidden sheet and finds the header row under a merged title', () =>
  withContacts(async (contacts) => {
    const preview = ok(await contacts.previewImport(fixture('fornitori-2026.xlsx')));
    assert.deepEqual(
      preview.sheets.map((s) => [s.name, s.hidden]),
      [['Archivio 2019', true], ['Fornitori', false], ['Istruzioni', false]],
    );
    assert.equal(preview.sheetIndex, 1);
    assert.equal(preview.headerRowIndex, 2);
    assert.equal(preview.rows[0][8], 'Elenco fornitori 2026', 'a merged title shows in every cell it covers');
    assert.deepEqual(preview.columns.map((c) => c.header), ['Nome', 'Cognome', 'Ragione sociale', 'PEC', 'E-mail', 'Partita IVA', 'Comune', 'Note', 'Iscritto dal']);
    assert.deepEqual(preview.suggestedMapping.columns, ['firstName', 'lastName', 'organization', 'pec', 'email', 'taxCode', 'free:comune', 'notes', 'free:iscritto_dal']);
    assert.equal(preview.dataRowCount, 9);
  }));

test('cells come out as the user sees them: formula results, rich text, mailto links, numbers and dates', () =>
  withContacts(async (contacts) => {
    const preview = ok(await contacts.previewImport(fixture('fornitori-2026.xlsx')));
    const [nicolo, maria] = [preview.rows[3], preview.rows[4]];
    assert.equal(nicolo[2], 'ZACCÀ COSTRUZIONI SRL', 'the cached result of =UPPER(…)');
    assert.equal(nicolo[5], '1234567890', 'a number cell keeps every digit');
    assert.equal(nicolo[8], '2010-03-15');
    assert.equal(maria[0], 'Maria Teresa', 'rich text as plain text');
    assert.equal(maria[3], 'studio.bianchi@legalmail.it', 'a cell showing "scrivi alla PEC" gives its mailto: address');
    assert.equal(preview.rows[9][7], 'Giulia Russo', 'a string formula gives its result');
  }));

test('choosing the hidden sheet reads it', () =>
  withContacts(async (contacts) => {
    const preview = ok(await contacts.previewImport(fixture('fornitori-2026.xlsx'), { sheetIndex: 0 }));
    assert.equal(preview.sheetIndex, 0);
    assert.deepEqual(preview.rows, [['PEC'], ['vecchio.fornitore@pec.it']]);
    assert.equal((await contacts.previewImport(fixture('fornitori-2026.xlsx'), { sheetIndex: 7 })).ok, false);
  }));

test('a sheet whose dimension claims 1,048,576 rows is refused with what to do', () =>
  withContacts(async (contacts) => {
    const preview = await contacts.previewImport(fixture('claims-1048576-rows.xlsx'));
    assert.ok(!preview.ok);
    assert.equal(preview.code, 'too-many-rows');
    assert.match(preview.detail, /dichiara 1\.048\.576 righe, più del massimo di 200\.000/);
    assert.match(preview.detail, /Elimina righe/);
    // The sheet and the limit as values, which the API's words name in either language.
    assert.equal(preview.values?.max, 200_000);
    assert.equal(typeof preview.values?.sheet, 'string');
  }));

test('a sheet really holding 1,048,576 rows is refused after reading only the start of it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-million-'));
  try {
    const file = path.join(dir, 'milione.xlsx');
    await writeMillionRowXlsx(file);
    await withContacts(async (contacts) => {
      const preview = await contacts.previewImport(file);
      assert.ok(!preview.ok && preview.code === 'too-many-rows');
      assert.match(preview.detail, /ha più di 200\.000 righe/);
    });
    await withContacts(async (contacts) => {
      const preview = await contacts.previewImport(file);
      assert.ok(!preview.ok && /più di 50\.000 righe/.test(preview.detail), 'the limit is configurable');
    }, { maxRows: 50_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a workbook with __proto__ and constructor as sheet name, headers and cells pollutes nothing', () =>
  withContacts(async (contacts) => {
    for (const name of ['proto-keys.xlsx', 'proto-keys.csv']) {
      const preview = ok(await contacts.previewImport(fixture(name)));
      const plan = ok(await contacts.planImport(fixture(name), preview.suggestedMapping, { duplicatePolicy: 'update' }));
      ok(contacts.commitImport(plan));
      const [c] = contacts.list().rows;
      assert.equal(c.pec, 'proto@pec.it');
      assert.equal(c.name, '__proto__');
      assert.deepEqual(Object.keys(c.fields).sort(), ['constructor', 'proto', 'prototype']);
      assert.equal(Object.getPrototypeOf(c.fields), null);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    assert.equal(typeof ({} as { constructor: unknown }).constructor, 'function');
  }));

/**
 * A streamed read of one sheet. exceljs's streaming reader now and then loses xl/workbook.xml on a
 * busy machine ("reading 'sheets'", xlsx-read.ts says so; readXlsxSheet then reads the file in
 * memory instead); the comparison below needs the streamed rows, so that one race is tried again.
 */
async function streamedRows(file: string, sheet: Parameters<typeof streamSheet>[1]): Promise<Awaited<ReturnType<typeof streamSheet>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await streamSheet(file, sheet, {});
    } catch (err) {
      if (attempt >= 3 || !/reading 'sheets'/.test(String(err))) throw err;
    }
  }
}

test('the in-memory reader that takes over when the streaming one fails reads every sheet cell for cell the same', async () => {
  for (const name of ['fornitori-2026.xlsx', 'proto-keys.xlsx']) {
    const scanned = await scanXlsx(fixture(name), 1_000_000);
    assert.ok(scanned.ok, name);
    for (const sheet of scanned.sheets) {
      const streamed = await streamedRows(fixture(name), sheet);
      const loaded = await loadSheet(fixture(name), sheet, {});
      assert.deepEqual(loaded.rows, streamed.rows, `${name} «${sheet.name}»`);
      assert.deepEqual([...loaded.problems], [...streamed.problems], `${name} «${sheet.name}»`);
      assert.ok(streamed.rows.length > 0, `${name} «${sheet.name}» has rows`);
    }
  }
});
