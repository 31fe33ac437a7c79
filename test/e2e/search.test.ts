// The search field of the message list in a real browser against `npm run web -- --sandbox`: the
// sandbox's demo PEC, synced over IMAP from Dovecot, found by the words and the syntax a user types
// (filters, OR, phrases), with each result's folder and account, a typing mistake explained under
// the field, and "Tutta la corrispondenza con…" from the reader's addresses and the contacts.
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

  await search.fill('zqxwvj');
  await footerSays(page, '0 risultati');
  assert.equal(await page.getByTestId('message-row').count(), 0);
  await page.locator('.message-list .pane-empty', { hasText: 'Nessun messaggio trovato. Prova altre parole.' }).waitFor();
  await page.getByRole('button', { name: 'Cancella la ricerca (Esc)' }).click();
  assert.equal(await search.inputValue(), '');
});

test('filters find by attachment name, real sender and PEC type; results say their folder and account; the help lists the syntax', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  const search = page.getByTestId('message-search');

  await search.fill('allegato:procura');
  await footerSays(page, '1 risultato');
  const row = page.getByTestId('message-row');
  assert.match(await row.innerText(), /Trasmissione atto di citazione/);
  assert.equal(await row.locator('.col-folder').innerText(), 'Posta in arrivo', 'the folder as the folder tree names it');
  assert.match(await row.locator('.col-account').innerText(), /Mario Rossi/);
  assert.equal(await row.locator('.badge-pec').count(), 1, 'the PEC type badge');

  await search.fill('da:ufficio@pec.beta.test -allegato:procura');
  await footerSays(page, '0 risultati');

  await page.getByTestId('message-search-scope').selectOption('all');
  await search.fill('tipo:consegna "Richiesta documentazione"');
  // The previous results stay on screen until the new ones arrive: wait for rows that are all consegne.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid=message-row]')];
    return rows.length > 0 && rows.every((r) => r.querySelector('[data-receipt="avvenuta-consegna"]'));
  });
  const receipts = page.getByTestId('message-row');
  for (const r of await receipts.all()) {
    assert.equal(await r.locator('[data-receipt="avvenuta-consegna"]').count(), 1, 'only consegne');
    assert.notEqual(await r.locator('.col-folder').innerText(), '', 'its folder');
  }

  await search.fill('oggetto:citazione OR tipo:consegna');
  await footerSays(page, /^\d+ risultat[oi]$/);
  await messageRow(page, 'Trasmissione atto di citazione').first().waitFor();
  await page.getByTestId('search-help-button').click();
  const help = page.getByTestId('search-help');
  await help.waitFor();
  for (const name of ['da:rossi', 'allegato:', 'tipo:consegna', 'cartella:', 'prima:', 'con:']) assert.match(await help.innerText(), new RegExp(name));
  await page.getByTestId('search-help-button').click();
  await help.waitFor({ state: 'hidden' });
  assert.equal(await search.inputValue(), 'oggetto:citazione OR tipo:consegna');
  await screenshot(page, 'search-syntax');
});

test('text that cannot be searched for is explained under the field, in words, instead of an empty list', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  const search = page.getByTestId('message-search');
  const problem = page.getByTestId('search-problem');
  const cases: [string, RegExp][] = [
    ['"atto di citazione', /Manca la virgoletta di chiusura dopo "atto di citazione/],
    ['colore:rosso', /Filtro sconosciuto «colore:»/],
    ['dopo:31/2/2026', /«31\/2\/2026» non è una data/],
    ['tipo:raccomandata', /«raccomandata» non è un tipo di PEC/],
    ['fattura OR', /OR va messo tra due parole/],
  ];
  for (const [typed, says] of cases) {
    await search.fill(typed);
    await problem.filter({ hasText: says }).waitFor();
    await footerSays(page, 'Ricerca non valida');
    assert.equal(await page.getByTestId('message-row').count(), 0, typed);
    assert.equal(await search.getAttribute('aria-invalid'), 'true');
  }
  // What a lawyer pastes is words, not an error.
  await search.fill('"atto" - citazione (NEAR)');
  await footerSays(page, /^\d+ risultat[oi]$/);
  assert.equal(await problem.count(), 0);
  await search.fill('Trasmissione atto');
  await footerSays(page, '1 risultato');
});

test('"Tutta la corrispondenza con…" from an address in the reader and from the contacts lists what was sent and received and the receipts, newest first', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Trasmissione atto di citazione').click();
  const reader = page.locator('[data-testid=reader]').first();
  await reader.getByTestId('reader-from').getByTestId('correspondent-link').click();

  const search = page.getByTestId('message-search');
  assert.equal(await search.inputValue(), 'con:ufficio@pec.beta.test');
  assert.equal(await page.getByTestId('message-search-scope').inputValue(), 'all');
  await page.getByTestId('correspondence-banner').filter({ hasText: 'Tutta la corrispondenza con ufficio@pec.beta.test' }).waitFor();
  await messageRow(page, 'Trasmissione atto di citazione').first().waitFor();
  await messageRow(page, 'Richiesta documentazione contratto n. 4521').first().waitFor();
  const rows = page.getByTestId('message-row');
  const texts = await rows.allInnerTexts();
  assert.ok(await rows.locator('[data-receipt="avvenuta-consegna"]').count() >= 1, 'the consegna of the message sent to it');
  assert.ok(!texts.some((text) => /Sollecito pagamento/.test(text)), 'nothing exchanged with another address');
  const folders = new Set(await rows.locator('.col-folder').allInnerTexts());
  assert.ok(folders.size >= 2, `from several folders: ${[...folders].join(', ')}`);

  // The same from the contacts pane, once the sender is a contact.
  await search.press('Escape');
  await selectFolder(page, 'mario.rossi@pec.alfa.test', 'inbox');
  await messageRow(page, 'Trasmissione atto di citazione').click();
  await page.getByRole('button', { name: 'Aggiungi ai contatti' }).click();
  const contacts = page.getByTestId('contacts-pane');
  await contacts.getByText('ufficio@pec.beta.test').first().waitFor();
  await contacts.locator('li', { hasText: 'ufficio@pec.beta.test' }).getByTestId('contact-correspondence').click();
  assert.equal(await search.inputValue(), 'con:ufficio@pec.beta.test');
  await messageRow(page, 'Richiesta documentazione contratto n. 4521').first().waitFor();
});
