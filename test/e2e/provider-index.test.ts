// "Elenco gestori PEC" in a real browser against `npm run web -- --sandbox`: the sandbox's index,
// downloaded on first run through the real download path, is in force; a file imported from the
// page replaces it, a damaged one is refused with the reason and changes nothing, and "Aggiorna"
// downloads the sandbox's index again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { providerIndexLdif } from '../../sandbox/provider';
import { ARUBA_2018, realSignerDer } from '../main/trust/helpers';
import { until, useWebApp } from './helpers';

const app = useWebApp();
let dir: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-e2e-index-'));
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openIndexDialog(page: Page) {
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Elenco gestori PEC…' }).click();
  const dialog = page.getByTestId('provider-index');
  await dialog.waitFor();
  return dialog;
}

test('the sandbox index is in force from the first run; import a file, refuse a damaged one, and Aggiorna', async (t) => {
  const page = await app.newPage(t);
  const dialog = await openIndexDialog(page);
  const providers = dialog.getByTestId('provider-index-providers');
  await until(async () => (await providers.textContent()) === '2', 'the sandbox index (2 providers)');
  assert.equal(await dialog.getByTestId('provider-index-domains').textContent(), '2');
  assert.match((await dialog.getByTestId('provider-index-url').inputValue()) ?? '', /^http:\/\/127\.0\.0\.1:\d+\/indice-gestori-pec\.ldif$/);
  assert.equal(await dialog.getByTestId('provider-index-stale').count(), 0);

  const file = path.join(dir, 'indice-aruba.ldif');
  fs.writeFileSync(
    file,
    providerIndexLdif([{ name: 'ArubaPEC S.p.A.', certificatesDer: [realSignerDer(ARUBA_2018)], managedDomains: ['pec.aruba.it', 'arubapec.it', 'pec.it'], mailReceipt: 'posta-certificata@pec.aruba.it' }]),
  );
  await dialog.getByTestId('provider-index-file-input').setInputFiles(file);
  await until(async () => (await providers.textContent()) === '1', 'the imported file (1 provider)');
  assert.equal(await dialog.getByTestId('provider-index-domains').textContent(), '3');
  assert.match((await dialog.getByTestId('provider-index-message').textContent()) ?? '', /Elenco importato: 1 gestori, 3 domini/);
  assert.match((await dialog.locator('.provider-index-source').first().textContent()) ?? '', /indice-aruba\.ldif/);

  const damaged = path.join(dir, 'troncato.ldif');
  fs.writeFileSync(damaged, fs.readFileSync(file, 'utf8').slice(0, 900));
  await dialog.getByTestId('provider-index-file-input').setInputFiles(damaged);
  const message = dialog.getByTestId('provider-index-message');
  await until(async () => /incompleto/.test((await message.textContent()) ?? ''), 'the refusal of the truncated file');
  assert.match((await message.textContent()) ?? '', /L’elenco in uso non è cambiato/);
  assert.equal(await providers.textContent(), '1');

  await dialog.getByRole('button', { name: 'Aggiorna' }).click();
  await until(async () => (await providers.textContent()) === '2', 'the sandbox index downloaded again');
  assert.match((await dialog.locator('.provider-index-source').first().textContent()) ?? '', /^http:\/\/127\.0\.0\.1/);
});
