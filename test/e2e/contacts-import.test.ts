// The contacts UI in a real browser against `npm run web -- --sandbox`: a spreadsheet of recipients
// as an office keeps it (a title row above the headers, an address column whose header PecDesk
// cannot guess, a mistyped address, a row without address, an empty row, a repeated address and
// one already in the address book) goes through the import wizard into a new group, and a bulk
// PEC is sent to that group through the sandbox.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expectCount, expectEqual, expectText, screenshot, until, useWebApp } from './helpers';

const app = useWebApp();
let dir: string;
let sheet: string;

/** The recipients' sheet, written by exceljs as Excel would save it. */
async function writeRecipients(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Destinatari');
  ws.addRow(['Comunicazione ai fornitori — marzo 2026']);
  ws.addRow(['Ente', 'Referente', 'Indirizzo telematico', 'Comune', 'Codice fiscale']);
  ws.addRow(['Alfa S.p.A.', 'Mario Rossi', 'mario.rossi@pec.alfa.test', 'Forlì', 'RSSMRA80A01H501U']);
  ws.addRow(['Beta S.r.l.', 'Ufficio protocollo', 'protocollo@pec.beta.test', 'Cantù', '01234567890']);
  ws.addRow(['Gamma S.n.c.', 'Luca Verdi', 'luca.verdi@pec', 'Roma', '']);
  ws.addRow([]);
  ws.addRow(['Delta S.a.s.', 'Anna Neri', '', 'Torino', '']);
  ws.addRow(['Beta S.r.l.', 'Protocollo (copia)', 'PROTOCOLLO@pec.beta.test', 'Cantù', '']);
  ws.addRow(['Beta S.r.l.', 'Ufficio acquisti', 'ufficio@pec.beta.test', 'Cantù', '']);
  await wb.xlsx.writeFile(file);
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-e2e-contacts-'));
  sheet = path.join(dir, 'destinatari-marzo.xlsx');
  await writeRecipients(sheet);
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the address book tab from the contacts pane. */
async function openBook(page: Page) {
  await page.getByTestId('contacts-pane').getByRole('button', { name: 'Apri rubrica' }).click();
  const book = page.getByTestId('contacts-view');
  await book.waitFor();
  return book;
}

test('a spreadsheet imported through the wizard lands in a new group after a report listing every problem row, and a bulk PEC to the group reaches each member', async (t) => {
  const page = await app.newPage(t);
  const book = await openBook(page);

  // One of the sheet's addresses is already a contact, created with the contact dialog.
  await book.getByRole('button', { name: 'Nuovo contatto' }).click();
  const editor = page.getByTestId('contact-editor');
  await editor.locator('input[name=name]').fill('Ufficio Beta');
  await editor.locator('input[name=pec]').fill('ufficio@pec.beta.test');
  await editor.getByRole('button', { name: '+ Aggiungi campo libero' }).click();
  await editor.getByLabel('Nome del campo').fill('Comune');
  await editor.getByLabel('Valore').fill('Cantù');
  await editor.getByRole('button', { name: 'Salva' }).click();
  await book.getByTestId('contact-row').filter({ hasText: 'ufficio@pec.beta.test' }).waitFor();

  await book.getByRole('button', { name: 'Importa da Excel/CSV…' }).click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles(sheet);
  await page.locator('[data-testid=import-wizard][data-step=mapping]').waitFor();

  // The header row is found under the title; "Indirizzo telematico" is not recognised as PEC.
  assert.equal(await wizard.getByTestId('header-row').inputValue(), '1');
  const addressColumn = wizard.getByLabel('Campo per la colonna Indirizzo telematico');
  assert.equal(await addressColumn.inputValue(), 'free:indirizzo_telematico');
  await wizard.getByRole('button', { name: 'Controlla le righe' }).click();
  assert.match(await wizard.getByTestId('import-error').innerText(), /nessuna colonna è indicata come PEC o e-mail/);

  // The user fixes the mapping and names the group.
  await addressColumn.selectOption('pec');
  await wizard.getByTestId('new-group-name').fill('Fornitori marzo 2026');
  await wizard.getByRole('button', { name: 'Controlla le righe' }).click();
  await page.locator('[data-testid=import-wizard][data-step=report]').waitFor();

  const count = async (key: string) => Number(await wizard.locator(`[data-count=${key}] dd`).innerText());
  assert.equal(await count('create'), 2);
  assert.equal(await count('link'), 2, 'the repeated row and the contact already in the address book join the group as they are');
  assert.equal(await count('invalid'), 2);
  assert.equal(await count('empty'), 1);
  assert.equal(await count('duplicatesInFile'), 1);
  assert.equal(await count('duplicatesExisting'), 1);

  const reportRow = (n: number) => wizard.locator(`[data-testid=report-row][data-row="${n}"]`);
  assert.match(await reportRow(5).innerText(), /il dominio dopo la @ non è valido \(«luca\.verdi@pec»\)/);
  assert.match(await reportRow(6).innerText(), /vuota/);
  assert.match(await reportRow(7).innerText(), /nessun indirizzo PEC o e-mail/);
  assert.match(await reportRow(8).innerText(), /stesso indirizzo della riga 4/);
  assert.match(await reportRow(9).innerText(), /indirizzo già in rubrica/);
  await screenshot(page, 'contacts-import');

  await wizard.getByRole('button', { name: 'Importa 4 righe' }).click();
  const done = wizard.getByTestId('import-done');
  await done.waitFor({ timeout: 60_000 });
  assert.match(await done.innerText(), /2 nuovi contatti, 0 aggiornati, 2 già presenti/);
  assert.match(await done.innerText(), /3 contatti sono nel gruppo «Fornitori marzo 2026»/);

  await wizard.getByRole('button', { name: 'Mostra il gruppo «Fornitori marzo 2026»' }).click();
  const group = book.getByTestId('group').filter({ hasText: 'Fornitori marzo 2026' });
  await expectText(group.locator('.group-count'), '3');
  const members = book.getByTestId('contact-row');
  // The table starts over for the group: the rows shown before go, the group's page follows from the engine.
  await expectEqual(async () => (await members.locator('.contact-pec').allInnerTexts()).map((s) => s.split(/\s/)[0]).sort(), [
    'mario.rossi@pec.alfa.test',
    'protocollo@pec.beta.test',
    'ufficio@pec.beta.test',
  ]);
  await expectCount(members, 3);

  // And the point of it all (issue #7): a bulk PEC to the new group reaches each of its members.
  await page.getByRole('button', { name: 'Nuovo invio massivo' }).click();
  const composer = page.getByTestId('bulk-composer');
  await composer.waitFor();
  const from = composer.locator('select[name="bulk-account"]');
  await from.selectOption((await from.locator('option', { hasText: 'mario.rossi@pec.alfa.test' }).getAttribute('value'))!);
  await composer.getByLabel('Gruppo', { exact: true }).selectOption({ label: 'Fornitori marzo 2026 (3)' });
  await composer.getByRole('button', { name: 'Aggiungi gruppo' }).click();
  await composer.getByTestId('bulk-recipient-count').filter({ hasText: '3 destinatari' }).waitFor();
  // The count comes first; the rows are fetched a page at a time from the engine, so wait for them.
  await composer.getByTestId('bulk-recipient-list').getByText('<protocollo@pec.beta.test>').waitFor();
  await composer.locator('input[name="bulk-subject"]').fill(`Comunicazione ai fornitori ${Date.now()}`);
  await composer.locator('.composer-body').click();
  await page.keyboard.type('Gentile {{nome}}, vi comunichiamo le nuove condizioni.');
  await composer.getByText('Bozza salvata.').waitFor({ timeout: 15_000 });
  await composer.getByRole('button', { name: 'Verifica' }).click();
  await page.getByTestId('bulk-confirm').getByRole('button', { name: 'Invia 3 messaggi' }).click();
  await page.getByTestId('campaign-view').waitFor();
  const delivered = async () => Number(await page.getByTestId('dac-C').textContent());
  let seen = '';
  await until(
    async () => {
      await page.getByRole('button', { name: 'Ricevi' }).click();
      seen = await page.getByTestId('campaign-view').innerText();
      return (await delivered()) === 3;
    },
    () => `the avvenuta-consegna of the three members, the campaign view said: ${seen}`,
    90_000,
  );
  assert.equal(Number(await page.getByTestId('dac-D').textContent()), 3);
  assert.equal(Number(await page.getByTestId('dac-E').textContent()), 0);
});

test('the To field of the composer suggests contacts typed without accents and fills in the address', async (t) => {
  const page = await app.newPage(t);
  const book = await openBook(page);
  await book.getByRole('button', { name: 'Nuovo contatto' }).click();
  const editor = page.getByTestId('contact-editor');
  await editor.locator('input[name=name]').fill('Nicolò Zaccà');
  await editor.locator('input[name=organization]').fill('Zaccà Costruzioni');
  await editor.locator('input[name=pec]').fill('nicolo.zacca@pec.alfa.test');
  await editor.getByRole('button', { name: 'Salva' }).click();
  await book.getByTestId('contact-row').filter({ hasText: 'nicolo.zacca@pec.alfa.test' }).waitFor();

  await page.getByRole('button', { name: 'Nuovo', exact: true }).click();
  const to = page.locator('[role=tabpanel]:not([hidden]) [data-testid=composer] input[name=to]');
  await to.pressSequentially('zacca costr');
  const suggestions = page.locator('[role=tabpanel]:not([hidden]) [data-testid=address-suggestions]:not([hidden])');
  await suggestions.getByRole('option').first().waitFor();
  // The suggestions follow each key typed: the list shown may still be for an earlier prefix.
  await expectText(suggestions, /Nicolò Zaccà/);
  await to.press('Enter');
  assert.equal(await to.inputValue(), 'nicolo.zacca@pec.alfa.test, ');
});
