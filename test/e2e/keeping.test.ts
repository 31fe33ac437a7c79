// Keeping mail in PecDesk, in a real browser against `npm run web -- --sandbox`:
// - an .eml opened from disk is kept with "Conserva in Importati" and then listed in the local
//   folder "Importati" under "Su questo computer", and opens from there;
// - `pecdesk import` into the app's data folder lists its files in "Importati" too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../main/store/helpers';
import { messageRow, useWebApp } from './helpers';

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
