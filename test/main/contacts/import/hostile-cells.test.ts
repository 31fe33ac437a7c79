// Cells a hostile or careless spreadsheet holds: look-alike domains, formulas in optional cells,
// leading TAB and CR. Each row gets its outcome and a reason a person can act on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Contacts } from '../../../../src/main/contacts';
import { ok, withContacts } from '../helpers';

async function planFile(contacts: Contacts, file: string) {
  const preview = ok(await contacts.previewImport(file));
  return ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip' }));
}

const messages = (row: { problems: { message: string }[] }) => row.problems.map((p) => p.message).join('; ');

test('rows whose PEC domain mixes Cyrillic or Greek look-alikes are listed as invalid with the punycode; an IDN is imported in punycode', () =>
  withContacts(async (contacts, _s, dir) => {
    const file = path.join(dir, 'sosia.csv');
    const rows = ['Nome;PEC', 'Vero;studio@pec.it', 'Falso;studio@pеc.it', 'Greco;studio@ρec.it', 'Tutto cirillico;studio@рес.it', 'Bar;info@caffè-nicolò.it'];
    fs.writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const plan = await planFile(contacts, file);
    assert.deepEqual(plan.rows.map((r) => [r.row, r.outcome]), [[2, 'create'], [3, 'invalid'], [4, 'invalid'], [5, 'invalid'], [6, 'create']]);
    assert.match(messages(plan.rows[1]), /^PEC: il dominio mescola alfabeti diversi \(latino e cirillico\) e può imitare un altro indirizzo: scritto in punycode è «xn--pc-nlc\.it».*\(«studio@pеc\.it»\)$/);
    assert.match(messages(plan.rows[2]), /greco e latino/);
    assert.match(messages(plan.rows[3]), /cirillico e latino/);
    assert.match(plan.rows[4].contact!.pec, /^info@xn--/);
    assert.match(messages(plan.rows[4]), /dominio internazionale, salvato come «info@xn--/);
    ok(contacts.commitImport(plan));
    assert.deepEqual(contacts.list().rows.map((c) => c.pec).sort(), [plan.rows[4].contact!.pec, 'studio@pec.it'].sort());
  }));

test('the contacts editor refuses a look-alike address with the reason', () =>
  withContacts((contacts) => {
    const saved = contacts.save({ name: 'Falso', pec: 'avvocato@legalmаil.it' });
    assert.ok(!saved.ok && saved.code === 'invalid-contact');
    assert.match(saved.detail, /il dominio mescola alfabeti diversi \(latino e cirillico\)/);
    assert.equal(contacts.list().total, 0);
  }));

test('a formula in the E-mail cell does not reject a row with a good PEC: its saved result is used, or the cell is left empty with a warning', () =>
  withContacts(async (contacts, _s, dir) => {
    const file = path.join(dir, 'formule.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Contatti');
    ws.addRow(['Nome', 'PEC', 'Email']);
    ws.addRow(['Anna', 'anna@pec.it', { formula: 'LOWER(A2)&"@example.it"', result: 'anna@example.it' }]);
    ws.addRow(['Bruno', 'bruno@pec.it', { formula: 'A3', result: 'Bruno' }]);
    ws.addRow(['Carla', 'carla@pec.it', { formula: 'LOWER(A4)' }]);
    ws.addRow(['Dario', 'dario@pec.it', { formula: 'A99', result: 0 }]);
    ws.addRow(['Elsa', '', { formula: 'A6', result: 'Elsa' }]);
    ws.addRow(['Franco', 'franco@pec.it', 'non un indirizzo']);
    await wb.xlsx.writeFile(file);
    const plan = await planFile(contacts, file);
    const row = (n: number) => plan.rows.find((r) => r.row === n)!;
    assert.equal(row(2).outcome, 'create');
    assert.equal(row(2).contact!.email, 'anna@example.it', 'a formula\u2019s saved result is the cell\u2019s value');
    assert.equal(row(3).outcome, 'create');
    assert.equal(row(3).contact!.email, '');
    assert.equal(messages(row(3)), 'Email (cella C3): la formula dà «bruno», che non è un indirizzo e-mail: cella lasciata vuota, importata la sola PEC');
    assert.equal(row(4).outcome, 'create');
    assert.match(messages(row(4)), /^Email \(cella C4\): formula senza valore salvato/);
    assert.equal(row(5).outcome, 'create');
    assert.equal(row(6).outcome, 'invalid', 'without a PEC the e-mail is the address, and a wrong one is still wrong');
    assert.equal(row(7).outcome, 'invalid', 'a typed wrong e-mail is still refused: only a formula is set aside');
    assert.match(messages(row(7)), /^Email: manca la @/);

    // A CSV holds a formula as its text, with no result to read.
    const csv = path.join(dir, 'formule.csv');
    fs.writeFileSync(csv, 'Nome;PEC;Email\r\nGino;gino@pec.it;"=LOWER(A2)&""@example.it"""\r\nIvo;;=A3\r\n');
    const fromCsv = await planFile(contacts, csv);
    assert.deepEqual(fromCsv.rows.map((r) => [r.row, r.outcome]), [[2, 'create'], [3, 'invalid']]);
    assert.equal(
      messages(fromCsv.rows[0]),
      'Email (cella C2): la cella contiene la formula «=LOWER(A2)&"@example.it"» senza un valore calcolato: cella lasciata vuota, importata la sola PEC',
    );
  }));

test('leading TAB and CR in notes and free fields stay as written; addresses around them are still cleaned', () =>
  withContacts(async (contacts, _s, dir) => {
    const file = path.join(dir, 'tab.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Contatti');
    ws.addRow(['Nome', 'PEC', 'Note', 'Reparto']);
    ws.addRow(['Anna Neri', '\t Anna@PEC.it\r', '\t- primo punto\n\t- secondo punto', '\r\nAmministrazione']);
    ws.addRow(['\tBruno', 'bruno@pec.it', '   ', '']);
    await wb.xlsx.writeFile(file);
    const plan = await planFile(contacts, file);
    ok(contacts.commitImport(plan));
    const anna = contacts.list().rows.find((c) => c.pec === 'anna@pec.it')!;
    assert.equal(anna.notes, '\t- primo punto\n\t- secondo punto');
    assert.equal(anna.fields.reparto, '\nAmministrazione', 'an xlsx stores CR LF as LF (XML line ends); the leading break stays');
    const bruno = contacts.list().rows.find((c) => c.pec === 'bruno@pec.it')!;
    assert.equal(bruno.name, 'Bruno');
    assert.equal(bruno.notes, '', 'a cell of spaces is empty');
    assert.match(messages(plan.rows.find((r) => r.row === 3)!), /^Nome: tabulazioni e a capo sostituiti da uno spazio \(«Bruno»\)$/);

    const csv = path.join(dir, 'tab.csv');
    fs.writeFileSync(csv, 'Nome;PEC;Note\r\nCarla;carla@pec.it;"\r\tcon CR e TAB iniziali"\r\n');
    ok(contacts.commitImport(await planFile(contacts, csv)));
    assert.equal(contacts.list().rows.find((c) => c.pec === 'carla@pec.it')!.notes, '\r\tcon CR e TAB iniziali');
  }));
