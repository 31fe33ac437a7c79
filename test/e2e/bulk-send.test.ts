// A bulk send from the UI against `npm run web -- --sandbox`: composed with a {{nome}}
// placeholder, checked, confirmed and sent to five recipients of which one does not exist, then
// tracked until the receipts (arriving through the sync) give D/A/C/E = 5/5/4/1, and its evidence
// exported as a .zip. Then a campaign with a Cc the provider does not know: its counters, watched
// in the open view, reach the final D/A/C/E after it is done, and each failing Cc has its own row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { downloadZipEntries, expectCount, expectEqual, expectText, screenshot, until, useWebApp } from './helpers';

const app = useWebApp();

const SENDER = 'mario.rossi@pec.alfa.test';
/** Four sandbox mailboxes and one address the sandbox's provider does not know (an errore-consegna). */
const RECIPIENTS = [
  ['studio@pec.alfa.test', 'Studio Alfa'],
  ['ufficio@pec.beta.test', 'Ufficio Beta'],
  ['protocollo@pec.beta.test', 'Protocollo Beta'],
  [SENDER, 'Mario Rossi'],
  ['nessuno@pec.beta.test', 'Nessuno'],
] as const;

const dac = async (page: Page) =>
  Object.fromEntries(await Promise.all((['D', 'A', 'C', 'E'] as const).map(async (k) => [k, Number(await page.getByTestId(`dac-${k}`).textContent())])));

test('a bulk PEC composed in the UI reaches D/A/C/E 5/5/4/1 with one unknown recipient, and its evidence exports as a .zip', async (t) => {
  const page = await app.newPage(t);

  await page.getByRole('button', { name: 'Nuovo invio massivo' }).click();
  const composer = page.getByTestId('bulk-composer');
  await composer.waitFor();
  const from = composer.locator('select[name="bulk-account"]');
  const senderOption = await from.locator('option', { hasText: SENDER }).getAttribute('value');
  await from.selectOption(senderOption!);
  await composer.locator('textarea[name="bulk-pasted"]').fill(RECIPIENTS.map(([a, n]) => `${a}; ${n}`).join('\n'));
  await composer.locator('.bulk-add-row', { has: page.locator('textarea') }).getByRole('button').click();
  // The list is kept in the engine: the count follows once it has stored the addition.
  await page.getByTestId('bulk-recipient-count').filter({ hasText: '5 destinatari' }).waitFor();
  // The file has its own sandbox (useWebApp), so the subject needs no stamp to be unique; it shows in the README.
  const subject = 'Convocazione assemblea ordinaria dei soci';
  await composer.locator('input[name="bulk-subject"]').fill(subject);
  await composer.locator('.composer-body').click();
  await page.keyboard.type('Gentile {{nome}}, la convochiamo in assemblea.');
  await composer.getByText('Bozza salvata.').waitFor({ timeout: 15_000 });
  // The line is true only of the text on screen: the next change takes it away until that change is saved too.
  await page.keyboard.type(' ');
  await composer.getByText('Bozza salvata.').waitFor({ state: 'detached' });
  await composer.getByText('Bozza salvata.').waitFor({ timeout: 15_000 });

  await composer.getByRole('button', { name: 'Anteprima' }).click();
  await until(async () => /Gentile Studio Alfa, la convochiamo/.test((await page.getByTestId('preview-body').textContent()) ?? ''), 'the preview of the first recipient');
  await screenshot(page, 'bulk-composer');

  await composer.getByRole('button', { name: 'Verifica' }).click();
  const confirm = page.getByTestId('bulk-confirm');
  await confirm.waitFor();
  assert.match((await confirm.textContent()) ?? '', /Verranno inviati 5 messaggi PEC, uno per destinatario/);
  await confirm.getByRole('button', { name: 'Invia 5 messaggi' }).click();

  const view = page.getByTestId('campaign-view');
  await view.waitFor();
  let seen = '';
  await until(
    async () => {
      await page.getByRole('button', { name: 'Ricevi' }).click();
      const counters = await dac(page);
      seen = `${JSON.stringify(counters)}; ${await view.innerText()}`;
      return counters.D === 5 && counters.A === 5 && counters.C === 4 && counters.E === 1;
    },
    () => `D/A/C/E = 5/5/4/1, the campaign view said: ${seen}`,
    90_000,
  );
  assert.deepEqual(await dac(page), { D: 5, A: 5, C: 4, E: 1 });
  // The rows are a query of their own, reloaded after the counters: they may still be arriving.
  await expectCount(view.locator('tr[data-status="delivered"]'), 4);
  await expectText(view.locator('tr[data-status="error"]'), /nessuno@pec\.beta\.test/);
  await screenshot(page, 'campaign-view');

  const names = await downloadZipEntries(page, page.getByTestId('campaign-export'));
  assert.ok(names.includes('manifest.json'), names.join(', '));
  for (const [address] of RECIPIENTS) {
    assert.ok(
      names.some((n) => n.includes(`_${address}/messaggio-inviato.eml`)),
      `a folder with the sent message for ${address}: ${names.join(', ')}`,
    );
  }
});

test('the live counters reach the final D/A/C/E after the campaign is done, without reopening the view, and a failing Cc shows under each message', async (t) => {
  const page = await app.newPage(t);
  await page.getByRole('button', { name: 'Nuovo invio massivo' }).click();
  const composer = page.getByTestId('bulk-composer');
  await composer.waitFor();
  const from = composer.locator('select[name="bulk-account"]');
  await from.selectOption((await from.locator('option', { hasText: SENDER }).getAttribute('value'))!);
  await composer.locator('textarea[name="bulk-pasted"]').fill('studio@pec.alfa.test; Studio Alfa\nufficio@pec.beta.test; Ufficio Beta');
  await composer.locator('.bulk-add-row', { has: page.locator('textarea') }).getByRole('button').click();
  // Every message goes in Cc to an address the sandbox's provider does not know: one error each.
  await composer.locator('input[name="bulk-cc"]').fill('nessuno@pec.beta.test');
  await composer.locator('input[name="bulk-subject"]').fill('Avviso di chiusura uffici');
  await composer.locator('.composer-body').click();
  await page.keyboard.type('Gli uffici resteranno chiusi.');
  await composer.getByText('Bozza salvata.').waitFor({ timeout: 15_000 });
  await composer.getByRole('button', { name: 'Verifica' }).click();
  await page.getByTestId('bulk-confirm').getByRole('button', { name: 'Invia 2 messaggi' }).click();

  const view = page.getByTestId('campaign-view');
  await view.waitFor();
  // Done as soon as both are submitted: every receipt arrives after the last send.
  await until(async () => (await view.getByTestId('campaign-state').innerText()) === 'Completato', 'the campaign done', 60_000);
  let seen = '';
  await until(
    async () => {
      await page.getByRole('button', { name: 'Ricevi' }).click();
      const counters = await dac(page);
      seen = `${JSON.stringify(counters)}; ${await view.innerText()}`;
      // D counts each message's Cc too: 2 recipients + 2 copies.
      return counters.D === 4 && counters.A === 4 && counters.C === 2 && counters.E === 2;
    },
    () => `D/A/C/E = 4/4/2/2 in the open view, it said: ${seen}`,
    90_000,
  );
  const copies = view.locator('tr[data-field="cc"]');
  await expectCount(copies, 2);
  for (const row of await copies.all()) {
    await expectEqual(() => row.getAttribute('data-status'), 'error');
    assert.match(await row.innerText(), /nessuno@pec\.beta\.test \(Cc\)/);
    assert.notEqual((await row.locator('.campaign-error').innerText()).trim(), '', 'the Cc shows the provider’s reason');
  }
  await expectCount(view.locator('tr[data-field="to"][data-status="delivered"]'), 2);
});
