import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sheetHead, writeMinimalXlsx } from '../../../fixtures/contacts/make-fixtures';
import { fixture, ok, withContacts } from '../helpers';
import { declareSize, peakRss, writeTwoContacts, writeWhitespaceBomb } from './hostile-files';

const refused = /^Il file è troppo grande o danneggiato per essere importato \(.+\)\. Aprilo in Excel, copia solo le righe dei contatti/;

async function inTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-hostile-'));
  try {
    await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('an xlsx whose sheet inflates to 400 MiB of whitespace after two contacts is refused from its central directory, at bounded memory', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'bomba.xlsx');
    await writeWhitespaceBomb(file, 400);
    assert.ok(fs.statSync(file).size < 4 * 1024 * 1024, 'the bomb is small on disk');
    await withContacts(async (contacts) => {
      const { value: preview, peakMiB } = await peakRss(() => contacts.previewImport(file));
      assert.ok(!preview.ok);
      assert.equal(preview.code, 'file-too-large');
      assert.match(preview.detail, refused);
      assert.match(preview.detail, /xl\/worksheets\/sheet1\.xml supera 256 MB una volta decompressa/);
      assert.ok(peakMiB < 500, `RSS stayed under 500 MiB (peak ${Math.round(peakMiB)} MiB)`);
    });
  }));

test('the same bomb declaring a small size in its central directory is refused once it inflates past what it declared', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'bomba-bugiarda.xlsx');
    await writeWhitespaceBomb(file, 300);
    declareSize(file, 'xl/worksheets/sheet1.xml', 4096);
    await withContacts(async (contacts) => {
      const { value: preview, peakMiB } = await peakRss(() => contacts.previewImport(file));
      assert.ok(!preview.ok && preview.code === 'file-too-large');
      assert.match(preview.detail, /non ha la dimensione che dichiara/);
      assert.ok(peakMiB < 500, `RSS stayed under 500 MiB (peak ${Math.round(peakMiB)} MiB)`);
    });
  }));

test('whitespace under the size caps is still refused: no run of XML text may outgrow a cell', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'spazi.xlsx');
    await writeWhitespaceBomb(file, 200);
    await withContacts(async (contacts) => {
      const { value: plan, peakMiB } = await peakRss(() => contacts.planImport(file, { sheetIndex: 0, headerRowIndex: 0, columns: ['name', 'pec'] }, { duplicatePolicy: 'skip' }));
      assert.ok(!plan.ok && plan.code === 'file-too-large');
      assert.match(plan.detail, refused);
      assert.match(plan.detail, /caratteri senza tag, più di quanti ne tenga una cella/);
      assert.ok(peakMiB < 500, `RSS stayed under 500 MiB (peak ${Math.round(peakMiB)} MiB)`);
    });
  }));

test('a zip with thousands of entries is refused before they are listed; a few extra parts are fine', () =>
  inTemp(async (dir) => {
    const many = path.join(dir, 'parti.xlsx');
    await writeTwoContacts(many, 2000);
    const few = path.join(dir, 'poche-parti.xlsx');
    await writeTwoContacts(few, 50);
    await withContacts(async (contacts) => {
      const preview = await contacts.previewImport(many);
      assert.ok(!preview.ok && preview.code === 'file-too-large');
      assert.match(preview.detail, /2005 parti nell'archivio, più del massimo di 1000/);
      const fine = ok(await contacts.previewImport(few));
      assert.deepEqual(fine.rows.slice(1).map((r) => r[1]), ['anna.neri@pec.it', 'bruno.blu@pec.it']);
    });
  }));

test('a sheet declaring a million rows is refused before its rows are read, at bounded memory', () =>
  withContacts(async (contacts) => {
    const { value: preview, peakMiB } = await peakRss(() => contacts.previewImport(fixture('claims-1048576-rows.xlsx')));
    assert.ok(!preview.ok && preview.code === 'too-many-rows');
    assert.match(preview.detail, /dichiara 1\.048\.576 righe/);
    assert.ok(peakMiB < 500, `RSS stayed under 500 MiB (peak ${Math.round(peakMiB)} MiB)`);
  }));

test('a CSV over the size cap is refused by its size, before a byte of it is read', () =>
  inTemp(async (dir) => {
    const file = path.join(dir, 'enorme.csv');
    fs.writeFileSync(file, 'Nome;PEC\r\nAnna Neri;anna.neri@pec.it\r\n');
    // A sparse file: 200 MiB long, nothing written to disk.
    fs.truncateSync(file, 200 * 1024 * 1024);
    await withContacts(async (contacts) => {
      const { value: preview, peakMiB } = await peakRss(() => contacts.previewImport(file));
      assert.ok(!preview.ok && preview.code === 'file-too-large');
      assert.match(preview.detail, /200 MB, più del massimo di 128 MB per un file CSV/);
      assert.ok(peakMiB < 500, `RSS stayed under 500 MiB (peak ${Math.round(peakMiB)} MiB)`);
    });
  }));

test('rows with data past column 1000 are refused, in a CSV and in an xlsx', () =>
  inTemp(async (dir) => {
    const csv = path.join(dir, 'larga.csv');
    fs.writeFileSync(csv, `Nome;PEC\r\nAnna;anna@pec.it${';'.repeat(1200)}x\r\n`);
    const xlsx = path.join(dir, 'larga.xlsx');
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    await writeMinimalXlsx(xlsx, `${sheetHead}<sheetData><row r="1">${cell('A1', 'PEC')}</row><row r="2">${cell('A2', 'anna@pec.it')}${cell('BAA2', 'x')}</row></sheetData></worksheet>`);
    await withContacts(async (contacts) => {
      const fromCsv = await contacts.previewImport(csv);
      assert.ok(!fromCsv.ok && fromCsv.code === 'file-too-large');
      assert.match(fromCsv.detail, /la riga 2 ha più di 1000 colonne/);
      const fromXlsx = await contacts.previewImport(xlsx);
      assert.ok(!fromXlsx.ok && fromXlsx.code === 'file-too-large');
      assert.match(fromXlsx.detail, /la riga 2 ha dati nella colonna BAA, oltre la colonna 1000/);
    });
  }));
