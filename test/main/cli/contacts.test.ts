import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { CliError } from '../../../src/main/cli/command';
import { contactsCommand } from '../../../src/main/cli/contacts';

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'contacts');

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
  const stderr = new Writable({ write: (_chunk, _enc, done) => done() });
  const code = await contactsCommand.run(args, { stdout, stderr });
  return { code, out };
}

async function withStore(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-cli-contacts-'));
  try {
    await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('contacts import prints every row not imported, saves the rest into the group and exits 1', () =>
  withStore(async (dir) => {
    const file = path.join(fixtures, 'fornitori-2026.xlsx');
    const dry = await run(['import', file, '--store', dir, '--group', 'Fornitori', '--dry-run']);
    assert.match(dry.out, /riga 7: PEC: il dominio dopo la @ non è valido/);
    assert.match(dry.out, /Prova \(--dry-run\): nulla è stato salvato/);
    assert.equal((await run(['list', '--store', dir])).out, '', 'a dry run saves nothing');

    const real = await run(['import', file, '--store', dir, '--group', 'Fornitori', '--report', path.join(dir, 'report.xlsx')]);
    assert.equal(real.code, 1);
    for (const line of ['riga 8: nessun indirizzo PEC o e-mail', 'riga 9: stesso indirizzo della riga 4', 'Righe vuote: 6', 'Salvato: 4 nuovi contatti']) assert.ok(real.out.includes(line), line);
    assert.ok(fs.statSync(path.join(dir, 'report.xlsx')).size > 0);

    const listed = await run(['list', '--store', dir, '--group', 'fornitori']);
    assert.equal(listed.out.trim().split('\n').length, 4);
    assert.match(listed.out, /Nicolò Zaccà — ZACCÀ COSTRUZIONI SRL\tPEC nicolo\.zacca@pec\.it \[user\], e-mail nicolo@zacca\.it\tgruppi: Fornitori/);
  }));

test('contacts import --json gives counts and problem rows, and a clean file exits 0', () =>
  withStore(async (dir) => {
    const result = await run(['import', path.join(fixtures, 'bom-semicolon.csv'), '--store', dir, '--json', '--on-duplicate', 'update']);
    assert.equal(result.code, 0);
    const report = JSON.parse(result.out);
    assert.deepEqual(report.counts, { rows: 2, create: 2, update: 0, link: 0, invalid: 0, empty: 0, duplicatesInFile: 0, duplicatesExisting: 0 });
    assert.deepEqual(report.committed, { created: 2, updated: 0, linked: 0, groupId: null });
    assert.equal(report.options.duplicatePolicy, 'update');
  }));

test('contacts export writes the group in the format of the file name, and import --sheet reads a hidden sheet', () =>
  withStore(async (dir) => {
    await run(['import', path.join(fixtures, 'fornitori-2026.xlsx'), '--store', dir, '--group', 'Fornitori']);
    const out = path.join(dir, 'fornitori.csv');
    assert.equal((await run(['export', out, '--store', dir, '--group', 'Fornitori'])).out, `Esportati 4 contatti in ${out}\n`);
    assert.equal(fs.readFileSync(out, 'utf8').split('\r\n').filter(Boolean).length, 5);
    const hidden = await run(['import', path.join(fixtures, 'fornitori-2026.xlsx'), '--store', dir, '--sheet', 'Archivio 2019', '--json']);
    assert.equal(JSON.parse(hidden.out).sheetName, 'Archivio 2019');
  }));

test('contacts mistakes are one-line errors: unknown group, bad policy, missing file', () =>
  withStore(async (dir) => {
    await assert.rejects(run(['list', '--store', dir, '--group', 'Nessuno']), (err: unknown) => err instanceof CliError && /no group named "Nessuno"/.test(err.message));
    await assert.rejects(run(['import', 'x.csv', '--store', dir, '--on-duplicate', 'replace']), CliError);
    await assert.rejects(run(['import', path.join(dir, 'manca.xlsx'), '--store', dir]), (err: unknown) => err instanceof CliError && /Impossibile leggere/.test(err.message));
    await assert.rejects(run(['frobnicate']), CliError);
  }));
