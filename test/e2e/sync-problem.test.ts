// A sync that stopped says why in the window's language, also in a window opened after it stopped
// (the status bar starts from the accounts' last known state, and the quota the window asks for
// must not leave it "syncing" when its connection is refused too). The account is on a real
// Dovecot that refuses its password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServices, headlessSecretStore } from '../../src/main/services';
import { startDovecot } from '../../sandbox/dovecot';
import { launchChromium, startWebApp, until } from './helpers';

const ADDRESS = 'studio@pec.alfa.test';

async function openIn(browser: Browser, url: string, language: 'it' | 'en', t: { after(fn: () => Promise<void>): void }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  t.after(() => page.close());
  await page.addInitScript((lng) => localStorage.setItem('pecdesk.language', lng), language);
  await page.goto(url);
  return page;
}

test('a sync stopped by a refused password is told in the status bar, in English and in Italian, to a window opened after it stopped', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sync-problem-e2e-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const dovecot = await startDovecot({ dir: path.join(dir, 'dovecot'), users: [{ address: ADDRESS, password: 'quella giusta' }] });
  t.after(() => dovecot.stop());
  const data = path.join(dir, 'data');
  const services = await createServices({ dataDir: data, secrets: headlessSecretStore(data) });
  try {
    const endpoint = { host: '127.0.0.1', port: dovecot.imapPort, security: 'none' as const, username: ADDRESS };
    const saved = await services.saveAccount({ name: 'Studio', address: ADDRESS, kind: 'pec', imap: endpoint, smtp: endpoint, receiptsMode: 'local' }, 'una sbagliata');
    assert.ok(saved.ok, JSON.stringify(saved));
  } finally {
    await services.close();
  }

  const web = await startWebApp(['--data', data], { sandbox: false });
  t.after(() => web.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
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
