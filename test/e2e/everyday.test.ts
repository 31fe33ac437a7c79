// The shell a studio keeps open all day, in Chromium against `npm run web -- --sandbox`:
// - Impostazioni: theme (kept after a reload), language, data folder and backups;
// - keyboard shortcuts and their help screen (F1), J/K through the list, Ctrl+Shift+T;
// - many tabs: the overflow menu, "Chiudi le altre schede", "Riapri scheda chiusa";
// - every main screen walked in Italian and in English: no string of the other language, no
//   missing key, and axe-core finds no serious or critical accessibility violation;
// - first run (no account): the guide with its three steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import en from '../../src/renderer/i18n/en.json';
import it from '../../src/renderer/i18n/it.json';
import { SHORTCUTS } from '../../src/renderer/features/shell/shortcuts';
import { expectCount, expectEqual, expectValue, launchChromium, messageRow, receiveUntilListed, screenshot, selectFolder, sendThroughSandbox, startWebApp, until, useWebApp } from './helpers';

const app = useWebApp();
const INBOX = 'mario.rossi@pec.alfa.test';
const SUBJECT = 'Trasmissione atto di citazione';
const AXE = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');

type Strings = typeof it;

/** The page's background colour (the theme's --bg). */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

test('Impostazioni: the dark theme applies at once and after a reload, with the data folder and the backups listed', async (t) => {
  const page = await app.newPage(t);
  const light = await background(page);
  await page.keyboard.press('Control+,');
  const settings = page.getByTestId('settings');
  await settings.waitFor();
  assert.equal(await settings.getByTestId('settings-data-dir').innerText(), app.launch.dataDir);
  await settings.getByRole('radio', { name: 'Scuro' }).check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await background(page);
  assert.notEqual(dark, light, 'the background changes with the theme');
  await screenshot(page, 'settings-dark');

  await page.reload();
  await page.getByTestId('message-row').first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the choice is remembered');
  assert.equal(await background(page), dark);
  await page.keyboard.press('Control+,');
  await page.getByRole('radio', { name: 'Chiaro' }).check();
  assert.equal(await background(page), light);
});

test('keyboard: F1 lists every shortcut; J and K walk the list; Ctrl+N, Ctrl+W and Ctrl+Shift+T open, close and reopen a tab', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, INBOX, 'inbox');
  await messageRow(page, SUBJECT).waitFor();

  await page.keyboard.press('F1');
  const help = page.getByTestId('shortcuts-help');
  await help.waitFor();
  assert.equal(await help.locator('tbody tr').count(), SHORTCUTS.length);
  assert.ok((await help.innerText()).includes('Rispondi a tutti'));
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const selected = () => page.locator('[data-testid=message-row][aria-selected=true]').innerText().catch(() => '');
  const press = async (key: string, changed: (text: string) => boolean, what: string) => {
    await page.keyboard.press(key);
    let text = '';
    await until(async () => changed((text = await selected())), what);
    return text;
  };
  const first = await press('j', (text) => text !== '', 'J selects the first message');
  // New mail lands above the selection: J goes on from the selected message, not from where it was.
  const arrived = 'Nuova notifica arrivata durante la lettura';
  await sendThroughSandbox(app.launch, { from: 'protocollo@pec.beta.test', to: INBOX, subject: arrived, html: '<p>Arrivata adesso.</p>' });
  await receiveUntilListed(page, arrived);
  assert.ok((await page.getByTestId('message-row').first().innerText()).includes(arrived), 'the new message is listed first');
  assert.equal(await selected(), first, 'the selection stays on the message the user was reading');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const second = await press('j', (text) => text !== '' && text !== first, 'J goes on to the next one');
  assert.ok(!second.includes(arrived), 'J went down the list, past the message the user was reading');
  assert.equal(await press('k', (text) => text === first, 'K goes back'), first);

  const tabs = page.getByRole('tab');
  const before = await tabs.count();
  await page.keyboard.press('Control+n');
  await until(async () => (await tabs.count()) === before + 1, 'a composer tab');
  await page.keyboard.press('Control+w');
  await until(async () => (await tabs.count()) === before, 'the composer tab closed');
  await page.keyboard.press('Control+Shift+T');
  await until(async () => (await tabs.count()) === before + 1, 'the composer tab back');
  assert.equal(await page.getByRole('tab', { selected: true }).getAttribute('title'), it.composer.new);
});

test('many tabs: the overflow menu lists them all, "Chiudi le altre schede" keeps one, "Riapri scheda chiusa" brings one back', async (t) => {
  const page = await app.newPage(t);
  await page.setViewportSize({ width: 900, height: 700 });
  // A studio's day: a dozen messages being written at once.
  const count = 12;
  for (let i = 0; i < count; i++) await page.keyboard.press('Control+n');
  const tabs = page.getByRole('tab');
  await expectCount(tabs, count + 1);
  const overflow = page.getByTestId('tab-overflow');
  await overflow.waitFor();
  await overflow.click();
  const list = page.getByRole('menu', { name: `Tutte le ${count + 1} schede aperte` });
  await expectCount(list.getByRole('menuitem'), count + 1);
  await page.getByRole('tab', { name: it.tabs.mail }).click();
  await overflow.click();
  await list.getByRole('menuitem').last().click();
  assert.equal(await page.getByRole('tab', { selected: true }).getAttribute('aria-selected'), 'true');
  await expectEqual(() => tabs.nth(count).getAttribute('aria-selected'), 'true', 'the last tab, chosen from the menu, is in front');
  await screenshot(page, 'tabs-overflow');

  await tabs.nth(count).click({ button: 'right' });
  await page.getByRole('menuitem', { name: it.tabs.closeOthers }).click();
  await expectCount(tabs, 2, 'the mailbox and the chosen tab');
  await tabs.nth(1).click({ button: 'right' });
  await page.getByRole('menuitem', { name: it.tabs.reopen }).click();
  await expectCount(tabs, 3);
});

test("Ritmo di invio: an account's own pace is saved and shown again, an empty field says what applies instead", async (t) => {
  const page = await app.newPage(t);
  await page.getByRole('button', { name: it.toolbar.accounts, exact: true }).click();
  const form = page.getByTestId('account-form');
  await form.waitFor();
  const perMinute = form.getByTestId('pace-fields').getByLabel(it.accounts.pace.perMinute);
  assert.match((await perMinute.getAttribute('placeholder')) ?? '', /^vuoto: \d+ \(gestore\)$/);
  await perMinute.fill('12');
  await form.getByRole('button', { name: it.common.save, exact: true }).click();
  await form.getByRole('status').filter({ hasText: it.accounts.saved }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: it.toolbar.accounts, exact: true }).click();
  // The dialog loads the accounts again from the engine when it opens.
  await expectValue(page.getByTestId('account-form').getByTestId('pace-fields').getByLabel(it.accounts.pace.perMinute), '12');
});

/** Leaf strings of a translation file, by key path. */
function leaves(o: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** Strings of `mine` that would give away the other language on screen: long, without placeholders, different in `other`. */
function telltales(mine: object, other: object): string[] {
  const a = leaves(mine);
  const b = leaves(other);
  return [...a].filter(([key, value]) => value.length >= 12 && !value.includes('{{') && b.get(key) !== value && ![...b.values()].includes(value)).map(([, value]) => value);
}

const axeSerious = (page: Page) =>
  page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const res = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });

/** The main screens, opened one after the other with the words of language `L`. */
function screens(L: Strings): { name: string; open(page: Page): Promise<void> }[] {
  const dialogClosed = async (page: Page) => {
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
  };
  return [
    { name: 'mailbox with a message', open: async (page) => { await selectFolder(page, INBOX, 'inbox'); await messageRow(page, SUBJECT).click(); await page.getByTestId('reader').first().waitFor(); } },
    { name: 'reader tab', open: async (page) => { await messageRow(page, SUBJECT).dblclick(); await page.locator('[role=tabpanel]:not([hidden]) [data-testid=reader]').waitFor(); } },
    { name: 'composer', open: async (page) => { await page.getByRole('button', { name: L.toolbar.new, exact: true }).click(); await page.locator('[role=tabpanel]:not([hidden]) form, [role=tabpanel]:not([hidden]) .composer').first().waitFor(); } },
    { name: 'bulk composer', open: async (page) => { await page.getByRole('button', { name: L.campaign.new, exact: true }).click(); await page.locator('[role=tabpanel]:not([hidden]) [data-testid=bulk-composer]').waitFor(); } },
    { name: 'campaigns', open: async (page) => { await page.getByTestId('campaigns-button').click(); await page.locator('[role=tabpanel]:not([hidden]) [data-testid=campaign-list]').locator('tbody tr').or(page.getByText(L.campaign.none)).first().waitFor(); } },
    { name: 'receipts to verify', open: async (page) => { await page.getByTestId('to-verify-button').click(); await page.getByTestId('to-verify-row').or(page.getByText(L.trust.toVerify.empty)).first().waitFor(); } },
    { name: 'contacts', open: async (page) => { await page.getByRole('tab', { name: L.tabs.mail }).click(); await page.getByRole('button', { name: L.contacts.openBook }).first().click(); await page.getByTestId('contacts-view').locator('[data-testid=contact-row], .pane-empty').first().waitFor(); } },
    { name: 'settings', open: async (page) => { await page.keyboard.press('Control+,'); await page.getByTestId('settings').waitFor(); } },
    { name: 'shortcuts', open: async (page) => { await page.keyboard.press('F1'); await page.getByTestId('shortcuts-help').waitFor(); } },
    { name: 'accounts dialog', open: async (page) => { await dialogClosed(page); await page.getByRole('button', { name: L.toolbar.accounts, exact: true }).click(); await page.locator('dialog[open]').waitFor(); } },
    { name: 'providers index dialog', open: async (page) => { await dialogClosed(page); await page.keyboard.press('Control+,'); await page.getByRole('button', { name: L.settings.openProviderIndex }).click(); await page.locator('dialog[open]').waitFor(); } },
  ];
}

async function walk(browser: Browser, language: 'it' | 'en'): Promise<{ foreign: string[]; missing: string[]; a11y: string[] }> {
  const L = language === 'it' ? it : en;
  const foreignWords = language === 'it' ? telltales(en, it) : telltales(it, en);
  // axe-core is injected as a script, which the app's CSP rightly forbids; this context alone lifts it.
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, bypassCSP: true });
  const page = await context.newPage();
  const missing: string[] = [];
  page.on('console', (m) => m.text().includes('missing translation') && missing.push(m.text()));
  await page.addInitScript((lng) => localStorage.setItem('pecdesk.language', lng), language);
  await page.goto(app.launch.url);
  await page.getByTestId('message-row').first().waitFor({ timeout: 60_000 });
  const foreign: string[] = [];
  const a11y: string[] = [];
  for (const screen of screens(L)) {
    await screen.open(page);
    const text = await page.evaluate(() => document.body.innerText);
    for (const word of foreignWords) if (text.includes(word)) foreign.push(`${screen.name}: "${word}"`);
    await page.addScriptTag({ path: AXE });
    for (const v of await axeSerious(page)) a11y.push(`${screen.name}: ${v}`);
  }
  await context.close();
  return { foreign, missing, a11y };
}

for (const language of ['it', 'en'] as const) {
  test(`every main screen in ${language === 'it' ? 'Italian' : 'English'}: no string of the other language, no missing key, no serious accessibility violation`, async () => {
    const browser = await launchChromium();
    try {
      const { foreign, missing, a11y } = await walk(browser, language);
      assert.deepEqual(missing, [], 'keys missing from the translations');
      assert.deepEqual(foreign, [], 'strings of the other language on screen');
      assert.deepEqual(a11y, [], 'axe-core: serious or critical violations');
    } finally {
      await browser.close();
    }
  });
}

test('first run without an account: the guide offers the account, the contacts and the providers index, and its first step opens the accounts dialog', async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-first-run-'));
  const web = await startWebApp(['--data', data], { sandbox: false });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(web.launch.url);
    const welcome = page.getByTestId('welcome');
    await welcome.waitFor({ timeout: 60_000 });
    for (const step of [it.welcome.account.title, it.welcome.contacts.title, it.welcome.index.title]) assert.ok((await welcome.innerText()).includes(step), step);
    await screenshot(page, 'welcome');
    await page.getByTestId('welcome-step-1').click();
    await welcome.waitFor({ state: 'detached' });
    const accounts = page.locator('dialog[open]');
    await accounts.waitFor();
    assert.ok((await accounts.innerText()).includes(it.accounts.title) || (await accounts.getAttribute('aria-label')) === it.accounts.title);
  } finally {
    await browser.close();
    await web.stop();
    fs.rmSync(data, { recursive: true, force: true });
  }
});
