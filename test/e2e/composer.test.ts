// Writing a PEC in the composer tab of the real renderer against `npm run web -- --sandbox`:
// formatted with the toolbar, with a picture, sent through the sandbox provider and read back
// by the recipient's account after a sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import { expectCount, expectText, screenshot, selectFolder, until, useWebApp } from './helpers';

const app = useWebApp();
const LOGO = path.join(__dirname, '..', 'fixtures', 'images', 'logo-studio.png');

test('a PEC written with bold text and a picture reaches the recipient with both, the picture shown in the body and not listed as an attachment', async (t) => {
  const page = await app.newPage(t);
  await page.getByRole('button', { name: 'Nuovo', exact: true }).click();
  const composer = page.locator('[role=tabpanel]:not([hidden]) form.composer');
  await composer.waitFor();
  const from = composer.locator('select').first();
  await from.selectOption((await from.locator('option', { hasText: 'mario.rossi@pec.alfa.test' }).getAttribute('value'))!);
  await composer.locator('input[name="to"]').fill('ufficio@pec.beta.test');
  const subject = 'Parcella con logo dello studio';
  await composer.locator('input[name="subject"]').fill(subject);

  const body = composer.locator('.composer-body');
  await body.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Importo dovuto: ');
  await composer.getByRole('button', { name: 'Grassetto' }).click();
  await page.keyboard.type('1.250,00 euro');
  await composer.getByRole('button', { name: 'Grassetto' }).click();
  await page.keyboard.type('. ');
  await composer.locator('.rich-toolbar-image input[type=file]').setInputFiles(LOGO);
  await body.locator('img[src^="data:image/png"]').waitFor();
  assert.equal(await body.locator('b, strong').first().innerText(), '1.250,00 euro');
  await screenshot(page, 'composer');

  await composer.getByRole('button', { name: 'Invia' }).click();
  // The tab closes itself a moment after saying so.
  await page.getByText(/^Messaggio inviato/).waitFor({ timeout: 30_000 });

  await selectFolder(page, 'ufficio@pec.beta.test', 'inbox');
  const row = page.getByTestId('message-row').filter({ hasText: subject });
  await until(async () => {
    await page.getByRole('button', { name: 'Ricevi' }).click();
    return row.waitFor({ timeout: 2_000 }).then(() => true);
  }, `"${subject}" in the recipient's inbox`);
  await row.click();
  const preview = page.locator('.preview');
  const frame = preview.frameLocator('[data-testid=message-frame]');
  await expectText(frame.locator('b, strong').first(), '1.250,00 euro');
  const img = frame.locator('img').first();
  await img.waitFor();
  assert.match((await img.getAttribute('src')) ?? '', /^data:image\/png;base64,/, 'the cid: picture is shown from the message itself');
  assert.ok(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth === 24), 'the picture decodes: 24 px wide like the logo');
  assert.equal(await preview.getByTestId('attachments').count(), 0, 'an inline picture is not an attachment');
});

test('a look-alike address (Cyrillic letters in pec.beta.test) is flagged under the field with its punycode and the composer refuses to send it', async (t) => {
  const page = await app.newPage(t);
  await page.getByRole('button', { name: 'Nuovo', exact: true }).click();
  const composer = page.locator('[role=tabpanel]:not([hidden]) form.composer');
  await composer.waitFor();
  // "е" and "с" are U+0435 and U+0441: the field looks like ufficio@pec.beta.test.
  await composer.locator('input[name="to"]').fill('ufficio@pес.beta.test');
  const note = composer.getByTestId('address-domain-notes').getByRole('alert');
  await note.waitFor();
  const text = await note.innerText();
  assert.match(text, /^«ufficio@pес\.beta\.test»: il dominio mescola alfabeti diversi \(latino \+ cirillico\)/);
  assert.ok(text.includes(`in punycode è «${domainToASCII('pес.beta.test')}»`), text);
  await composer.locator('input[name="subject"]').fill('Non deve partire');
  await composer.getByRole('button', { name: 'Invia' }).click();
  await composer.getByText(/^Un indirizzo ha un dominio che mescola alfabeti diversi/).waitFor();

  await composer.locator('input[name="to"]').fill('ufficio@pec.beta.test');
  assert.equal(await composer.getByTestId('address-domain-notes').count(), 0, 'a plain ASCII address has no note');
});

test('a bad address is named in Italian under To, and "in allegato" with nothing attached asks for confirmation before the PEC leaves', async (t) => {
  const page = await app.newPage(t);
  await page.getByRole('button', { name: 'Nuovo', exact: true }).click();
  const composer = page.locator('[role=tabpanel]:not([hidden]) form.composer');
  await composer.waitFor();
  const from = composer.locator('select').first();
  await from.selectOption((await from.locator('option', { hasText: 'mario.rossi@pec.alfa.test' }).getAttribute('value'))!);
  await composer.locator('input[name="to"]').fill('ufficio.pec.beta.test');
  const subject = 'Diffida con allegato dimenticato';
  await composer.locator('input[name="subject"]').fill(subject);
  await composer.locator('.composer-body').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Le invio in allegato la diffida firmata.');

  await composer.getByRole('button', { name: 'Invia', exact: true }).click();
  const toError = composer.getByTestId('to-error');
  await toError.waitFor();
  assert.equal(await toError.innerText(), 'Indirizzo non valido: ufficio.pec.beta.test. Scrivilo nella forma nome@dominio.it.');
  assert.doesNotMatch(await composer.innerText(), /Invalid input|to\.0/, 'no raw schema text reaches the user');
  const panel = composer.getByTestId('bulk-check');
  assert.equal(await panel.locator('[data-code="invalid-address"].finding-error').count(), 1);
  assert.ok(await panel.getByRole('button', { name: 'Invia comunque' }).isDisabled(), 'an error blocks sending');

  await composer.locator('input[name="to"]').fill('ufficio@pec.beta.test');
  await composer.getByRole('button', { name: 'Invia', exact: true }).click();
  const mention = panel.locator('[data-code="attachment-mentioned"].finding-warning');
  await mention.waitFor();
  assert.match(await mention.innerText(), /Il testo parla di un allegato \(«allegato»\) ma non hai allegato nessun file/);
  // The first check's panel (with the same warning) stays up until the second one answers.
  await expectCount(toError, 0, 'the corrected address has no error');
  assert.equal(await page.getByText(/^Messaggio inviato/).count(), 0, 'a warning waits for the user');

  await panel.getByRole('button', { name: 'Invia comunque' }).click();
  await page.getByText(/^Messaggio inviato/).waitFor({ timeout: 30_000 });
});
