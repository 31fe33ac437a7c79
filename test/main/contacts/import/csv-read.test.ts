import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture, ok, withContacts } from '../helpers';

async function importAll(contacts: Parameters<Parameters<typeof withContacts>[0]>[0], file: string) {
  const preview = ok(await contacts.previewImport(file));
  const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip' }));
  ok(contacts.commitImport(plan));
  return { preview, plan, rows: contacts.list().rows };
}

test('quoted CSV fields keep their commas, doubled quotes and line breaks', () =>
  withContacts(async (contacts) => {
    const { preview, rows } = await importAll(contacts, fixture('quoted-comma-newline.csv'));
    assert.equal(preview.delimiter, ',');
    const rossi = rows.find((r) => r.pec === 'mario.rossi@pec.it')!;
    assert.equal(rossi.name, 'Rossi, Mario');
    assert.equal(rossi.notes, 'prima riga\nseconda riga');
    assert.equal(rows.find((r) => r.pec === 'anna.neri@legalmail.it')!.organization, 'Studio "Neri" associati');
  }));

test('Italian Excel "CSV UTF-8" (BOM, semicolons) keeps its accents and no BOM in the first header', () =>
  withContacts(async (contacts) => {
    const { preview, rows } = await importAll(contacts, fixture('bom-semicolon.csv'));
    assert.equal(preview.encoding, 'utf-8');
    assert.equal(preview.delimiter, ';');
    assert.equal(preview.columns[0].header, 'Nome');
    assert.deepEqual(rows.map((r) => [r.name, r.fields.comune]), [['Giulia Russo', 'Cantù'], ['Nicolò Zaccà', 'Forlì']]);
  }));

test('a Windows-1252 CSV reads à, è, ò and € right', () =>
  withContacts(async (contacts) => {
    const { preview, rows } = await importAll(contacts, fixture('cp1252-semicolon.csv'));
    assert.equal(preview.encoding, 'windows-1252');
    assert.deepEqual(preview.columns.map((c) => c.header), ['Ragione sociale', 'PEC', 'Città', 'Note']);
    const caffe = rows.find((r) => r.pec === 'caffe@pec.it')!;
    assert.equal(caffe.organization, 'Caffè Nicolò S.r.l.');
    assert.equal(caffe.notes, 'sconto 10 € già applicato');
    assert.equal(caffe.fields.citta, 'Forlì');
  }));

test('Excel "Testo Unicode" (UTF-16, TAB-separated) is read', () =>
  withContacts(async (contacts) => {
    const { preview, rows } = await importAll(contacts, fixture('unicode-text.txt'));
    assert.equal(preview.encoding, 'utf-16le');
    assert.equal(preview.delimiter, '\t');
    assert.deepEqual(rows.map((r) => [r.name, r.pec]), [['Élise Dupré', 'elise.dupre@pec.it']]);
  }));

test('a CSV with an unclosed quote lists the damaged row instead of importing a merged one', () =>
  withContacts(async (contacts) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-csv-'));
    try {
      const file = path.join(dir, 'rotto.csv');
      fs.writeFileSync(file, 'Nome;PEC\r\nAnna;anna@pec.it\r\n"Bruno;bruno@pec.it\r\nCarla;carla@pec.it\r\n');
      const preview = ok(await contacts.previewImport(file));
      const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip' }));
      assert.equal(plan.counts.create, 1);
      const damaged = plan.rows.find((r) => r.row === 3)!;
      assert.equal(damaged.outcome, 'invalid');
      assert.match(damaged.problems[0].message, /virgolette non chiuse/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));

test('a CSV without a header row is read from its first line, addresses found by their values', () =>
  withContacts(async (contacts) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-csv-'));
    try {
      const file = path.join(dir, 'senza-intestazione.csv');
      fs.writeFileSync(file, 'Anna Neri;anna@legalmail.it;anna@example.it\nBruno Blu;bruno@pec.it;\n');
      const preview = ok(await contacts.previewImport(file));
      assert.equal(preview.headerRowIndex, -1);
      assert.deepEqual(preview.suggestedMapping.columns, ['name', 'pec', 'email']);
      const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip' }));
      assert.deepEqual(plan.rows.map((r) => [r.row, r.outcome]), [[1, 'create'], [2, 'create']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }));
