// The search field of the message list in a real browser against `npm run web -- --sandbox`: the
// sandbox's demo PEC, synced over IMAP from Dovecot, found by the words a user types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { messageRow, screenshot, selectFolder, useWebApp } from './helpers';

const app = useWebApp();

/** Waits until the line under the list says exactly `text` ("3 risultati", "12 messaggi"). */
async function footerSays(page: Page, text: string | RegExp): Promise<void> {
  await page.getByTestId('list-footer').filter({ hasText: typeof text === 'string' ? new RegExp(`^${text}$`) : text }).waitFor();
}

test('part of a word of a PEC\'s subject finds it in the folder, so does a word of its text, Esc brings the folder back, and the result opens like any message', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Aggiornamento orari di apertura').waitFor();
  const search = page.getByTestId('message-search');
  assert.equal(await search.getAttribute('placeholder'), 'Cerca nella cartella (oggetto, mittente, testo, allegati)');

  await search.fill('citaz');
  await footerSays(page, '1 risultato');
  assert.equal(await page.getByTestId('message-row').count(), 1);
  assert.match(await page.getByTestId('message-row').innerText(), /Trasmissione atto di citazione/);
  assert.match(await page.getByTestId('message-row').locator('.col-from').innerText(), /ufficio@pec\.beta\.test/, 'the real sender, not the provider');

  await search.press('Escape');
  assert.equal(await search.inputValue(), '');
  await messageRow(page, 'Aggiornamento orari di apertura').waitFor();
  await footerSays(page, /^\d+ messaggi$/);

  // A word only the sender's text has ("trasmettiamo in allegato l'atto di citazione …").
  await search.fill('trasmettiamo');
  await footerSays(page, '1 risultato');
  assert.match(await page.getByTestId('message-row').innerText(), /Trasmissione atto di citazione/);
  await screenshot(page, 'search');

  await search.fill('CITAZIONE 2024');
  await messageRow(page, 'Trasmissione atto di citazione').dblclick();
  const reader = page.locator('[role=tabpanel]:not([hidden]) [data-testid=reader]');
  await reader.waitFor();
  assert.match(await reader.getByTestId('reader-from').innerText(), /ufficio@pec\.beta\.test/);
});

test('"Tutte le cartelle" finds a message of another account, and words found nowhere say "0 risultati" without an error', async (t) => {
  const page = await app.newPage(t);
  // Mario sent the reminder to a mailbox of no demo account: it is in none of ufficio's folders.
  await selectFolder(page, 'ufficio@pec.beta.test', 'inbox');
  const search = page.getByTestId('message-search');
  await search.fill('sollecito 118');
  await footerSays(page, '0 risultati');
  await page.locator('.message-list .pane-empty', { hasText: 'Nessun messaggio trovato in questa cartella' }).waitFor();

  await page.getByTestId('message-search-scope').selectOption('all');
  assert.equal(await search.getAttribute('placeholder'), 'Cerca in tutte le cartelle (oggetto, mittente, testo, allegati)');
  await messageRow(page, 'Sollecito pagamento fattura 118/2024').first().waitFor();
  await footerSays(page, /^\d+ risultat[oi]$/);

  for (const nonsense of ['zqxwvj', '"NEAR( * -x OR']) {
    await search.fill(nonsense);
    await footerSays(page, '0 risultati');
    assert.equal(await page.getByTestId('message-row').count(), 0, nonsense);
  }
  await page.locator('.message-list .pane-empty', { hasText: 'Nessun messaggio trovato. Prova altre parole.' }).waitFor();
  await page.getByRole('button', { name: 'Cancella la ricerca (Esc)' }).click();
  assert.equal(await search.inputValue(), '');
});
