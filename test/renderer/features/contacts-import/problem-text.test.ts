// An import report's row problems and notes read in the window's language: the import gives each a
// text and values (the column, the address, the row…), the window words them from its own catalog,
// inner wordings included, so an English window never shows an Italian line or half of one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportPlan } from '../../../../src/main/contacts';
import { IMPORT_PROBLEM_TEXTS } from '../../../../src/shared/import-problem-texts';
import { importProblemText } from '../../../../src/renderer/features/contacts-import/problem-text';
import { ok, withContacts } from '../../../main/contacts/helpers';
import { translator } from '../../translator';

const variables = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();

// Row 2 is good; 3 has no address; 4 a PEC without a dot in its domain; 5 repeats row 2; 6 mixes
// Cyrillic into a domain; 7 repeats a stored contact; 8 has a partita IVA that lost its zeros.
const CSV = [
  'Nominativo;PEC;Partita IVA',
  'Mario Rossi;mario.rossi@pec.it;',
  'Anna Neri;;',
  'Luca Verdi;luca.verdi@pec;',
  'Mario R.;MARIO.ROSSI@pec.it;',
  'Studio;studio@p\u0435c.it;',
  'Ditta Bianchi;bianchi@legalmail.it;',
  'Zaccà;zacca@pec.it;123456789',
].join('\r\n');

/** The plan of the CSV above, from the real import, with one contact already stored. */
function planned(): Promise<ImportPlan> {
  return withContacts(async (contacts, _store, dir) => {
    ok(contacts.save({ name: 'Ditta Bianchi', pec: 'bianchi@legalmail.it' }));
    const file = path.join(dir, 'contatti.csv');
    fs.writeFileSync(file, CSV, 'utf8');
    const preview = ok(await contacts.previewImport(file));
    return ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip', groupName: 'Fornitori' }));
  });
}

const problemsOf = (plan: ImportPlan, row: number) => plan.rows.find((r) => r.row === row)!.problems;

test('every text has Italian and English words naming the same values', () => {
  for (const [key, text] of Object.entries(IMPORT_PROBLEM_TEXTS)) {
    assert.ok(text.it.trim() && text.en.trim(), `${key} has words in both languages`);
    assert.deepEqual(variables(text.en), variables(text.it), `${key} names the same values`);
  }
});

test('an English window words a real import\u2019s problems and notes in English', async () => {
  const [t, plan] = await Promise.all([translator('en'), planned()]);
  const words = (row: number) => problemsOf(plan, row).map((p) => importProblemText(t, p));
  assert.deepEqual(words(2), []);
  assert.deepEqual(words(3), ['no PEC or e-mail address']);
  assert.deepEqual(words(4), ['PEC: the domain after the @ is not valid (“luca.verdi@pec”)']);
  assert.deepEqual(words(5), ['same address as row 2: skipped (the contact of that row stays)']);
  assert.deepEqual(words(6), [
    'PEC: the domain mixes different alphabets (Latin and Cyrillic) and may imitate another address: written in punycode it is “xn--pc-nlc.it”. Check the address with the recipient (“studio@p\u0435c.it”)',
  ]);
  const stored = plan.rows.find((r) => r.row === 7)!.existingContactId;
  assert.deepEqual(words(7), [`address already in the address book (contact no. ${stored}): left as it is and added to the group “Fornitori”`]);
  assert.deepEqual(words(8), ['Partita IVA: completed to 11 digits with the leading zeros the spreadsheet lost (00123456789)']);
  for (const row of plan.rows) for (const p of row.problems) assert.doesNotMatch(importProblemText(t, p), /[«»]|indirizzo|riga|dominio/, p.message);
});

test('an Italian window words every problem as the import\u2019s own message', async () => {
  const [t, plan] = await Promise.all([translator('it'), planned()]);
  const problems = plan.rows.flatMap((r) => r.problems);
  assert.equal(problems.length, 6);
  for (const p of problems) assert.equal(importProblemText(t, p), p.message);
  assert.equal(problemsOf(plan, 4)[0].message, 'PEC: il dominio dopo la @ non è valido («luca.verdi@pec»)', 'the Italian words are those the report always had');
});

test('a column without a header and a cell problem are named in the window\u2019s language', async () => {
  const [t, tIt] = await Promise.all([translator('en'), translator('it')]);
  const inner = { text: 'cell-error', params: { error: '#N/A' } } as const;
  const column = { text: 'cell-in-column', params: { column: { text: 'column-letter', params: { letter: 'D' } }, cell: 'D5' } } as const;
  const problem = { code: 'cell-error', column: 'D5', message: 'Colonna D (cella D5): cella con errore #N/A', text: 'in-column', params: { column, problem: inner } } as const;
  assert.equal(importProblemText(t, problem), 'Column D (cell D5): cell with error #N/A');
  assert.equal(importProblemText(tIt, problem), problem.message);
});

test('a problem without a text shows its message as it came', async () => {
  const t = await translator('en');
  assert.equal(importProblemText(t, { code: 'address-missing', column: null, message: 'nessun indirizzo PEC o e-mail' }), 'nessun indirizzo PEC o e-mail');
});
