// The app's shell in a real browser against `npm run web -- --sandbox`:
// - Aiuto ▸ Copia diagnostica shows the text that was (or, when the browser refuses the clipboard,
//   is to be) copied, with the demo accounts and their servers, and none of their passwords or of
//   the demo messages' words;
// - a signed .p7m opened on its own (the page's "Apri" file input, as File ▸ Open and a
//   double-click do in the desktop app) shows the document inside and its signer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPdf, demoSigningIdentity, signAsP7m } from '../../src/main/webbridge/demo-documents';
import { DEMO_ACCOUNTS } from '../../src/main/webbridge/sandbox-demo';
import { messageRow, selectFolder, useWebApp } from './helpers';

const app = useWebApp();

test('"Copia diagnostica" shows accounts as address and server, the data folder, and no password, subject or body', async (t) => {
  const page = await app.newPage(t);
  // Wait for the first sync, so the diagnostics have synced accounts and messages to leave out.
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Trasmissione atto di citazione').waitFor();

  await page.locator('nav.menubar').getByRole('button', { name: 'Aiuto' }).click();
  await page.getByRole('menuitem', { name: 'Copia diagnostica' }).click();
  const dialog = page.getByRole('dialog', { name: 'Diagnostica' });
  await dialog.waitFor();
  assert.match(await dialog.locator('p').first().innerText(), /appunti/);
  const text = await dialog.getByTestId('diagnostics-text').inputValue();

  assert.match(text, /^PecDesk \S+ \(web\)/);
  assert.ok(text.includes(`Cartella dati: ${app.launch.dataDir}`), 'the data folder');
  // The sandbox's passwords are the word "sandbox" itself: no log field or path may say it either.
  for (const address of DEMO_ACCOUNTS) {
    const { password } = app.launch.sandbox.accounts.find((a) => a.address === address) ?? { password: '' };
    assert.ok(password, `the sandbox has a password for ${address}`);
    assert.ok(text.includes(address), `${address} is listed`);
    assert.ok(!text.includes(password), `the password of ${address} is not`);
  }
  assert.match(text, /IMAP 127\.0\.0\.1 SMTP 127\.0\.0\.1/);
  for (const words of ['Trasmissione atto di citazione', 'trasmettiamo']) assert.ok(!text.includes(words), `"${words}" of a message is not in the diagnostics`);
});

test('an opened .p7m shows the signed document and who signed it, with the buttons to open and save the document', async (t) => {
  const page = await app.newPage(t);
  const identity = demoSigningIdentity({ commonName: 'Giulia Neri', fiscalCode: 'NREGLI80A41F205Z', email: 'giulia.neri@pec.alfa.test' });
  const p7m = signAsP7m(demoPdf('Procura alle liti'), identity);
  await page.getByTestId('open-eml-input').setInputFiles({ name: 'procura.pdf.p7m', mimeType: 'application/pkcs7-mime', buffer: p7m });

  const reader = page.locator('[role=tabpanel]:not([hidden]) [data-testid=reader]');
  const signed = reader.getByTestId('signed-document');
  await signed.waitFor();
  const text = await signed.innerText();
  assert.match(text, /Documento firmato: procura\.pdf/);
  assert.match(text, /Firmato da Giulia Neri · NREGLI80A41F205Z/);
  assert.ok(await signed.getByRole('button', { name: /Apri/ }).count(), 'the document can be opened');
});
