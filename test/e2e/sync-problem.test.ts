// A sync that stopped says why in the window's language, also in a window opened after it stopped
// (the status bar starts from the accounts' last known state, and the quota the window asks for
// must not leave it "syncing" when its connection is refused too); "Prova connessione" says the
// same refusal in the window's language too. The account is on a real Dovecot that refuses its
// password.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServices, headlessSecretStore } from '../../src/main/services';
import { startDovecot } from '../../sandbox/dovecot';
import { launchChromium, startWebApp, until, type WebLaunch } from './helpers';
import en from '../../src/renderer/i18n/en.json';
import it from '../../src/renderer/i18n/it.json';

const ADDRESS = 'studio@pec.alfa.test';

let dovecot: Awaited<ReturnType<typeof startDovecot>>;
let web: { launch: WebLaunch; stop(): Promise<void> };
let browser: Browser;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sync-problem-e2e-'));
  dovecot = await startDovecot({ dir: path.join(dir, 'dovecot'), users: [{ address: ADDRESS, password: 'quella giusta' }] });
  const data = path.join(dir, 'data');
  const services = await createServices({ dataDir: data, secrets: headlessSecretStore(data) });
  try {
    const endpoint = { host: '127.0.0.1', port: dovecot.imapPort, security: 'none' as const, username: ADDRESS };
    const saved = await services.saveAccount({ name: 'Studio', address: ADDRESS, kind: 'pec', imap: endpoint, smtp: endpoint, receiptsMode: 'local' }, 'una sbagliata');
    assert.ok(saved.ok, JSON.stringify(saved));
  } finally {
    await services.close();
  }
  web = await startWebApp(['--data', data], { sandbox: false });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await web?.stop();
  await dovecot?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openIn(browser: Browser, url: string, language: 'it' | 'en', t: { after(fn: () => Promise<void>): void }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  t.after(() => page.close());
  await page.addInitScript((lng) => localStorage.setItem('pecdesk.language', lng), language);
  await page.goto(url);
  return page;
}

test('a sync stopped by a refused password is told in the status bar, in English and in Italian, to a window opened after it stopped', async (t) => {
  let last = '';
  const bar = async (page: Page) => (last = await page.getByTestId('statusbar').innerText());
  const english = await openIn(browser, web.launch.url, 'en', t);
  const refusedEn = 'The server 127.0.0.1 refused the user name or password: correct them in the account settings';
  await until(async () => (await bar(english)).includes(refusedEn), () => `the English words in the status bar: ${last}`);
  assert.doesNotMatch(await bar(english), /rifiutato|Pronto/, 'no Italian, and not "ready"');
  // The warning beside the account in the folder tree says the same on hover.
  assert.equal(await english.locator('.account-error').getAttribute('title'), refusedEn);

  // The sync stays stopped (a wrong password is not tried again by itself) and a second window says why.
  const italian = await openIn(browser, web.launch.url, 'it', t);
  await until(async () => (await bar(italian)).includes("Il server 127.0.0.1 ha rifiutato nome utente o password: correggili nelle impostazioni dell'account"), () => `the Italian words in the status bar: ${last}`);
  assert.doesNotMatch(await bar(italian), /refused|Pronto/);
});

test('"Prova connessione" says the refused password in the window\'s language, naming the server', async (t) => {
  const server = `127.0.0.1:${dovecot.imapPort}`;
  for (const [language, words, refused, other] of [
    ['en', en, `The server ${server} refused the user name or password`, /rifiutato|risposta/],
    ['it', it, `Il server ${server} ha rifiutato nome utente o password`, /refused|reply/],
  ] as const) {
    const page = await openIn(browser, web.launch.url, language, t);
    await page.getByRole('button', { name: words.toolbar.accounts, exact: true }).click();
    const form = page.getByTestId('account-form');
    await form.getByRole('button', { name: words.accounts.test, exact: true }).click();
    const imap = form.getByTestId('connection-report').locator('li').first();
    let said = '';
    await until(async () => (said = await imap.innerText().catch(() => '')).includes(refused), () => `${language}: the IMAP step says "${said}"`);
    assert.doesNotMatch(await imap.innerText(), other, `${language}: one language on the line`);
  }
});
