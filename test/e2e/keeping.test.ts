// Keeping mail in PecDesk, in a real browser against `npm run web -- --sandbox`:
// - an .eml opened from disk is kept with "Conserva in Importati" and then listed in the local
//   folder "Importati" under "Su questo computer", and opens from there;
// - `pecdesk import` into the app's data folder lists its files in "Importati" too;
// - "Archivia…" (a folder's context menu, the toolbar) writes a .zip of the message byte-exact
//   with its manifest into the save folder, removes it from the server only after the read-back,
//   and the archive imported back brings the message into "Importati";
// - "Salva come PDF" of a sent PEC: the print view (what the desktop app renders with printToPDF)
//   printed to PDF by Chromium holds its PEC facts and every receipt with its verdict (pdftotext);
// - a new PEC and a mancata consegna show as notices in the app (headless Chromium's system
//   notifications cannot be seen; the desktop app shows them from the main process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzip } from '../main/send/helpers';
import { runCli } from '../main/store/helpers';
import { DEMO_UNKNOWN_RECIPIENT } from '../../src/main/webbridge/sandbox-demo';
import { messageRow, receiveUntilListed, screenshot, selectFolder, sendThroughSandbox, until, useWebApp } from './helpers';
import { openSent, sendPec, waitForConsegna } from './sent-helpers';

const MARIO = 'mario.rossi@pec.alfa.test';

const app = useWebApp();
const FIXTURES = path.resolve(__dirname, '../fixtures/pec-real');

test('an .eml opened and kept is listed in Importati with its real subject, and opens from there', async (t) => {
  const page = await app.newPage(t);
  const bytes = fs.readFileSync(path.join(FIXTURES, 'aruba-2023-posta-certificata-completa.eml'));
  await page.getByTestId('open-eml-input').setInputFiles({ name: 'busta.eml', mimeType: 'message/rfc822', buffer: bytes });
  const reader = page.locator('[role=tabpanel]:not([hidden]) [data-testid=reader]');
  await reader.getByTestId('keep-opened').click();
  await reader.getByRole('status').filter({ hasText: 'Importati' }).waitFor();

  await page.getByRole('tab', { name: 'Posta' }).click();
  await page.getByTestId('folder-imported').click();
  const row = messageRow(page, '[XDCR] xdcr_2022_02_00583.txt');
  await row.waitFor();
  assert.match(await page.getByTestId('local-folders').innerText(), /Su questo computer\s+Importati/);
  await row.click();
  assert.equal(await page.locator('.preview [data-testid=reader-from]').innerText(), 'Sviluppo DMIT <sviluppo@pec.datamanagementitalia.it>');
});

test('pecdesk import into the app\'s data folder lists the files in Importati', async (t) => {
  const imported = await runCli(['import', '--store', app.launch.dataDir, '--account', 'mario.rossi@pec.alfa.test', path.join(FIXTURES, 'aruba-2014-posta-certificata-completa.eml')]);
  assert.equal(imported.code, 0, imported.stderr);
  const page = await app.newPage(t);
  await page.getByTestId('folder-imported').click();
  await messageRow(page, 'Re: archetipo').waitFor();
});

test('"Archivia…" from a folder\'s context menu offers that folder, a date, and removal from the server after the check', async (t) => {
  const page = await app.newPage(t);
  await page.locator('section.account', { has: page.locator(`header[title="${MARIO}"]`) }).locator('button[data-role="inbox"]').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Archivia…' }).click();
  const dialog = page.getByTestId('archive-dialog');
  await dialog.waitFor();
  assert.ok(await dialog.getByRole('radio', { name: 'La cartella «Posta in arrivo»' }).isChecked());
  await dialog.getByTestId('archive-remove').check();
  await dialog.getByText('Dal server si tolgono solo i messaggi').waitFor();
  await screenshot(page, 'archive');
});

test('the selected PEC is archived byte-exact with its manifest, removed from the server after the read-back, and imported back into Importati', async (t) => {
  const page = await app.newPage(t);
  const subject = `Verbale da archiviare ${Date.now()}`;
  await sendThroughSandbox(app.launch, { from: 'protocollo@pec.beta.test', to: MARIO, subject, html: '<p>Si trasmette il verbale.</p>' });
  await selectFolder(page, MARIO, 'inbox');
  await receiveUntilListed(page, subject);
  await messageRow(page, subject).click();

  const before = new Set(fs.readdirSync(app.launch.saveDir));
  await page.getByTestId('archive-button').click();
  const dialog = page.getByTestId('archive-dialog');
  assert.ok(await dialog.getByRole('radio', { name: 'Il messaggio selezionato' }).isChecked());
  await dialog.getByTestId('archive-remove').check();
  await dialog.getByTestId('archive-start').click();
  const report = dialog.getByTestId('archive-report');
  await report.waitFor({ timeout: 60_000 });
  assert.match(await report.innerText(), /Archivio scritto e verificato: PecDesk-archivio-.*\.zip \(1 messaggi.*Tolto dal server: 1 messaggio/s);

  const [name] = fs.readdirSync(app.launch.saveDir).filter((n) => !before.has(n) && n.endsWith('.zip'));
  const entries = await unzip(path.join(app.launch.saveDir, name));
  const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as { files: { path: string; sha256: string; folder: string }[] };
  assert.equal(manifest.files.length, 1);
  const [file] = manifest.files;
  assert.equal(file.folder, 'INBOX');
  assert.equal(crypto.createHash('sha256').update(entries.get(file.path)!).digest('hex'), file.sha256);
  assert.match(entries.get('manifest.sha256')!.toString(), new RegExp(`^${file.sha256}  ${file.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
  await messageRow(page, subject).waitFor({ state: 'detached' });

  await dialog.getByTestId('archive-import-input').setInputFiles({ name, mimeType: 'application/zip', buffer: fs.readFileSync(path.join(app.launch.saveDir, name)) });
  await dialog.getByTestId('archive-import-report').filter({ hasText: 'Importati: 0 nuovi, 1 già presenti' }).waitFor();
  await dialog.getByRole('button', { name: 'Chiudi' }).click();
  await page.getByTestId('folder-imported').click();
  await messageRow(page, subject).waitFor();
});

test('a new PEC shows a notice with its real sender, and "Apri" opens it', async (t) => {
  const page = await app.newPage(t);
  const subject = `Convocazione ${Date.now()}`;
  await sendThroughSandbox(app.launch, { from: 'protocollo@pec.beta.test', to: MARIO, subject, html: '<p>Si convoca la riunione.</p>' });
  await selectFolder(page, MARIO, 'inbox');
  await receiveUntilListed(page, subject);
  const toast = page.getByTestId('notification-toast').filter({ hasText: subject });
  await toast.waitFor();
  assert.equal(await toast.getAttribute('data-kind'), 'new-pec');
  assert.match(await toast.innerText(), /Nuova PEC\s+protocollo@pec\.beta\.test: «Convocazione/);
  await toast.getByRole('button', { name: 'Apri' }).click();
  await page.locator('[role=tabpanel]:not([hidden]) [data-testid=reader-subject]').filter({ hasText: subject }).waitFor();
});

test('a PEC to a mailbox that does not exist shows a "Mancata consegna" notice naming the recipient', async (t) => {
  const page = await app.newPage(t);
  const subject = `Diffida ${Date.now()}`;
  await sendPec(page, DEMO_UNKNOWN_RECIPIENT, subject);
  const toast = page.getByTestId('notification-toast').filter({ hasText: 'Mancata consegna' }).filter({ hasText: subject });
  await until(async () => {
    await page.getByRole('button', { name: 'Ricevi' }).click();
    return toast.waitFor({ timeout: 2_000 }).then(() => true);
  }, 'the mancata consegna notice');
  assert.match(await toast.innerText(), new RegExp(`«${subject}» non è stata consegnata a ${DEMO_UNKNOWN_RECIPIENT.replace(/\./g, '\\.')}`));
});

test('"Notifiche…" keeps the wait for missing deliveries the user sets (24 hours by default)', async (t) => {
  const page = await app.newPage(t);
  await page.locator('nav.menubar').getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Notifiche…' }).click();
  const dialog = page.getByTestId('notification-settings');
  await until(async () => (await dialog.getByTestId('notify-hours').inputValue()) === '24', 'the default of 24 hours');
  await dialog.getByTestId('notify-hours').fill('6');
  await dialog.getByTestId('notify-save').click();
  await dialog.waitFor({ state: 'detached' });
  const saved = JSON.parse(fs.readFileSync(path.join(app.launch.dataDir, 'notifications.json'), 'utf8')) as { missingAfterHours: number };
  assert.equal(saved.missingAfterHours, 6);
});

/** Prints the print view page to PDF with Chromium and returns its text as pdftotext reads it. */
async function pdfText(page: Page, name: string): Promise<string> {
  await page.locator('body[data-print-ready="1"]').waitFor();
  const file = path.join(app.launch.saveDir, name);
  await page.pdf({ path: file, format: 'A4' });
  assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const read = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(read.status, 0, read.stderr);
  return read.stdout.replace(/\s+/g, ' ');
}

test('"Salva come PDF" of a sent PEC: the print view as PDF holds its facts and every receipt with its verdict', async (t) => {
  const page = await app.newPage(t);
  const subject = `Nota di deposito ${Date.now()}`;
  await sendPec(page, 'ufficio@pec.beta.test', subject);
  const deliveries = await openSent(page, subject);
  await waitForConsegna(page, deliveries);
  const [printView] = await Promise.all([page.context().waitForEvent('page'), page.locator('.preview').getByTestId('save-pdf').click()]);
  t.after(() => printView.close());
  await printView.getByTestId('print-receipts').locator('tbody tr').nth(1).waitFor();
  const text = await pdfText(printView, 'nota.pdf');
  assert.ok(text.includes(subject), text);
  assert.match(text, /Dati PEC Tipo Posta ordinaria/);
  assert.match(text, /Ricevute Ricevuta Destinatario Ora Esito della firma/);
  assert.match(text, /Ricevuta di accettazione .*attendibile/);
  assert.match(text, /Ricevuta di avvenuta consegna ufficio@pec\.beta\.test .*attendibile/);
  assert.match(text, /Si trasmette la documentazione richiesta\./);
});

test('the print view of a received PEC names the real sender and what daticert.xml certifies', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, MARIO, 'inbox');
  // The sandbox's demo envelope from ufficio@, with the signed deed inside.
  await messageRow(page, 'Trasmissione atto di citazione').click();
  const [printView] = await Promise.all([page.context().waitForEvent('page'), page.locator('.preview').getByTestId('print-message').click()]);
  t.after(() => printView.close());
  const text = await pdfText(printView, 'busta.pdf');
  assert.match(text, /Tipo Busta di trasporto PEC Mittente reale [^<]*<ufficio@pec\.beta\.test> Mittente \(busta del gestore\) Per conto di: ufficio@pec\.beta\.test <posta-certificata@pec\.beta\.test>/);
  assert.match(text, /Firma del gestore attendibile/);
  assert.match(text, /Dati certificati \(daticert\.xml\) Tipo certificato posta-certificata/);
  assert.match(text, /Mittente certificato ufficio@pec\.beta\.test Destinatari mario\.rossi@pec\.alfa\.test \(certificato\)/);
  assert.match(text, /Identificativo opec\S+@pec\.beta\.test/);
});
