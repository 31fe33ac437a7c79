// Keeping mail in PecDesk, in a real browser against `npm run web -- --sandbox`:
// - an .eml opened from disk is kept with "Conserva in Importati" and then listed in the local
//   folder "Importati" under "Su questo computer", and opens from there;
// - `pecdesk import` into the app's data folder lists its files in "Importati" too;
// - "Archivia…" (a folder's context menu, the toolbar) writes a .zip of the message byte-exact
//   with its manifest into the save folder, removes it from the server only after the read-back,
//   and the archive imported back brings the message into "Importati".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzip } from '../main/send/helpers';
import { runCli } from '../main/store/helpers';
import { messageRow, receiveUntilListed, screenshot, selectFolder, sendThroughSandbox, useWebApp } from './helpers';

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
