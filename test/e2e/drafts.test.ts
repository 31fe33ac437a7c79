// Drafts in the real renderer in Chromium, against `npm run web` on a data folder whose account is
// a mailbox of the PEC sandbox (real Dovecot). The sandbox runs in this process, so the web app
// can be killed with SIGKILL and started again on the same data folder and the same mailbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Browser, Locator, Page } from 'playwright-core';
import { createApi } from '../../src/main/api';
import { createServices, headlessSecretStore } from '../../src/main/services';
import { configureSandboxAccounts } from '../../src/main/webbridge/sandbox-demo';
import { webHost } from '../../src/main/webbridge/launch';
import { startSandbox, type Sandbox } from '../../sandbox';
import { closeWhenDone, expectText, expectValue, launchChromium, screenshot, selectFolder, startWebApp, until } from './helpers';

const MARIO = 'mario.rossi@pec.alfa.test';
const CONTACT = 'ufficio@pec.beta.test';
/** A second account whose IMAP server cannot be reached (its port is closed): offline, as far as its drafts know. */
const OFFLINE = 'ufficio@pec.beta.test';
const PDF = Buffer.from('%PDF-1.4 ordine del giorno\n');

let sandbox: Sandbox;
let dir: string;
let dataDir: string;
let web: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;

/** A data folder with Mario's sandbox mailbox, a contact and a bulk-send template, as a user would have set them up. */
async function prepareDataFolder(): Promise<void> {
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  const api = createApi(services, webHost('test', dir), () => undefined);
  try {
    const [mario, offline] = await configureSandboxAccounts(services, sandbox, [MARIO, OFFLINE]);
    const password = sandbox.accounts.find((a) => a.address === OFFLINE)!.password;
    assert.ok((await services.saveAccount({ ...offline, imap: { ...offline.imap, port: 1 } }, password)).ok);
    assert.ok(services.contacts.save({ name: 'Anna Bianchi', pec: CONTACT }).ok);
    const campaign = await api.dispatch('campaignCreate', {
      accountId: mario.id,
      subject: 'Convocazione assemblea per {{nome}}',
      html: '<p>Gentile {{nome}}, la convocazione n. {{protocollo}} è allegata.</p>',
      attachments: [{ filename: 'odg.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') }],
      receiptVariant: 'completa',
      zipAttachments: false,
      cc: [],
      recipients: [],
    });
    assert.ok(campaign.ok, JSON.stringify(campaign));
    const saved = await api.dispatch('campaignTemplateSave', { campaignId: (campaign.value as { id: number }).id, name: 'Convocazione' });
    assert.ok(saved.ok, JSON.stringify(saved));
  } finally {
    api.dispose();
    await services.close();
  }
}

before(async () => {
  sandbox = await startSandbox({ onError: () => undefined });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-drafts-e2e-'));
  dataDir = path.join(dir, 'data');
  await prepareDataFolder();
  web = await startWebApp(['--data', dataDir, '--save-dir', dir], { sandbox: false });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await web?.stop();
  await sandbox?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens the app and waits for Mario's Bozze in the folder tree (the first sync listed it). */
async function openApp(t: { after(fn: () => Promise<void>): void }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  closeWhenDone(t, page, () => web.log());
  await page.goto(web.launch.url);
  await page.locator(`section.account:has(header[title="${MARIO}"]) button[data-role="drafts"]`).waitFor({ timeout: 60_000 });
  return page;
}

function composerOf(page: Page): Locator {
  return page.locator('[role=tabpanel]:not([hidden]) form.composer');
}

/** A new composer with To, subject and a line of text typed, as a user writes them. */
async function write(page: Page, subject: string, text: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Nuovo', exact: true }).click();
  const composer = composerOf(page);
  await composer.waitFor();
  await composer.locator('input[name="to"]').fill(CONTACT);
  await composer.locator('input[name="subject"]').fill(subject);
  await composer.locator('.composer-body').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(text);
  return composer;
}

/** Waits until the composer says its last change is saved here and in the server's Drafts. */
async function savedOnServer(composer: Locator): Promise<void> {
  await composer.locator('[data-testid="draft-status"][data-state="saved"]').waitFor({ timeout: 30_000 });
}

/** Subjects of the drafts in the sandbox mailbox's Drafts folder (each must carry \Draft). */
async function serverDrafts(): Promise<string[]> {
  const mailbox = sandbox.accounts.find((a) => a.address === MARIO)!;
  const client = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap.port, secure: false, doSTARTTLS: false, logger: false, auth: { user: MARIO, pass: mailbox.password } });
  await client.connect();
  try {
    const box = await client.mailboxOpen('Drafts');
    if (box.exists === 0) return [];
    const subjects: string[] = [];
    for await (const msg of client.fetch('1:*', { envelope: true, flags: true })) if (msg.flags?.has('\\Draft')) subjects.push(msg.envelope?.subject ?? '');
    return subjects;
  } finally {
    await client.logout();
  }
}

function draftRow(page: Page, subject: string): Locator {
  return page.getByTestId('draft-row').filter({ hasText: subject });
}

async function closeActiveTab(page: Page): Promise<void> {
  await page.locator('.tab-active').getByTestId('tab-close').click();
}

/** Brings the mailbox tab (folders, lists) to the front. */
async function showMail(page: Page): Promise<void> {
  await page.locator('[role=tab]').first().click();
}

test('what is typed is autosaved, and the draft reopens from Bozze in the composer with its text and its file', async (t) => {
  const page = await openApp(t);
  const subject = 'Memoria difensiva, bozza autosalvata';
  const composer = await write(page, subject, 'Si deposita la memoria nei termini.');
  await composer.locator('.composer-attachments input[type=file]').setInputFiles({ name: 'memoria.pdf', mimeType: 'application/pdf', buffer: PDF });
  await composer.getByText('memoria.pdf').waitFor();
  await savedOnServer(composer);
  await until(async () => (await serverDrafts()).includes(subject), 'the copy in the server’s Drafts');
  await closeActiveTab(page);

  await selectFolder(page, MARIO, 'drafts');
  await draftRow(page, subject).click();
  const reopened = composerOf(page);
  await reopened.waitFor();
  assert.equal(await reopened.locator('input[name="subject"]').inputValue(), subject);
  assert.equal(await reopened.locator('input[name="to"]').inputValue(), CONTACT);
  await reopened.locator('.composer-body', { hasText: 'Si deposita la memoria nei termini.' }).waitFor();
  await reopened.getByText('memoria.pdf').waitFor();

  // Editing the reopened draft saves into the same draft: still one in Bozze and one on the server.
  await reopened.locator('.composer-body').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Con osservanza.');
  await savedOnServer(reopened);
  await screenshot(page, 'drafts');
  await until(async () => (await serverDrafts()).filter((s) => s === subject).length === 1, 'one copy on the server, not one per save');
  await showMail(page);
  assert.equal(await draftRow(page, subject).count(), 1);
});

test('closing the composer right after typing, before the autosave’s pause, still keeps what was typed', async (t) => {
  const page = await openApp(t);
  const subject = 'Nota scritta e chiusa subito';
  await write(page, subject, 'Scritta e chiusa senza attendere.');
  await closeActiveTab(page);
  await selectFolder(page, MARIO, 'drafts');
  await draftRow(page, subject).click();
  await composerOf(page).locator('.composer-body', { hasText: 'Scritta e chiusa senza attendere.' }).waitFor();
});

test('"Salva bozza" saves at once, without waiting for a pause in typing', async (t) => {
  const page = await openApp(t);
  const subject = 'Istanza di rinvio, salvata a mano';
  const composer = await write(page, subject, 'Si chiede il rinvio.');
  await composer.getByRole('button', { name: 'Salva bozza' }).click();
  await savedOnServer(composer);
  // An autosave that was already under way when the button was pressed is followed by one more save.
  await expectText(composer.getByTestId('draft-status'), /^Bozza salvata alle \d\d:\d\d:\d\d$/);
  await showMail(page);
  await selectFolder(page, MARIO, 'drafts');
  await draftRow(page, subject).waitFor();
});

test('a draft written in another program (webmail) is in Bozze, opens in the composer, and its first save here replaces it on the server', async (t) => {
  const page = await openApp(t);
  const subject = `Istanza scritta in webmail ${Date.now()}`;
  const mailbox = sandbox.accounts.find((a) => a.address === MARIO)!;
  const client = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap.port, secure: false, doSTARTTLS: false, logger: false, auth: { user: MARIO, pass: mailbox.password } });
  await client.connect();
  try {
    const raw = [`From: ${MARIO}`, `To: ${CONTACT}`, `Subject: ${subject}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'Istanza di accesso agli atti, da rileggere.', ''].join('\r\n');
    await client.append('Drafts', Buffer.from(raw), ['\\Draft', '\\Seen']);
  } finally {
    await client.logout();
  }
  await selectFolder(page, MARIO, 'drafts');
  const other = page.getByTestId('other-draft-row').filter({ hasText: subject });
  await until(async () => {
    await page.getByRole('button', { name: 'Ricevi' }).click();
    return other.waitFor({ timeout: 2_000 }).then(() => true);
  }, 'the webmail’s draft listed in Bozze after a sync');
  await expectText(other, /da un altro programma/);

  await other.click();
  const composer = composerOf(page);
  await composer.waitFor();
  await expectValue(composer.locator('input[name="subject"]'), subject);
  assert.equal(await composer.locator('input[name="to"]').inputValue(), CONTACT);
  await composer.locator('.composer-body', { hasText: 'Istanza di accesso agli atti, da rileggere.' }).waitFor();
  await composer.getByRole('button', { name: 'Salva bozza' }).click();
  await savedOnServer(composer);
  await until(async () => (await serverDrafts()).filter((s) => s === subject).length === 1, 'one copy on the server: the webmail’s was replaced');
  await showMail(page);
  await draftRow(page, subject).waitFor();
  assert.equal(await other.count(), 0, 'no longer listed as another program’s');
});

test('discarding asks first, and once confirmed removes the draft here and on the server', async (t) => {
  const page = await openApp(t);
  const subject = 'Diffida da scartare';
  const composer = await write(page, subject, 'Testo che non serve più.');
  await savedOnServer(composer);
  await until(async () => (await serverDrafts()).includes(subject), 'the copy in the server’s Drafts');

  await composer.getByRole('button', { name: 'Scarta', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Scartare la bozza?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /eliminati da questo computer e dalla cartella Bozze del server/);
  await dialog.getByRole('button', { name: 'Annulla' }).click();
  assert.equal(await composer.isVisible(), true, 'Annulla keeps the composer and its draft');

  await composer.getByRole('button', { name: 'Scarta', exact: true }).click();
  await page.getByRole('dialog', { name: 'Scartare la bozza?' }).getByRole('button', { name: 'Scarta bozza' }).click();
  await composer.waitFor({ state: 'detached' });
  await selectFolder(page, MARIO, 'drafts');
  await page.getByTestId('draft-list').waitFor();
  assert.equal(await draftRow(page, subject).count(), 0);
  assert.ok(!(await serverDrafts()).includes(subject), 'the server copy is gone too');
});

test('a draft survives kill -9 of the app: after a restart on the same data folder it is in Bozze with its text', async (t) => {
  const first = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await first.goto(web.launch.url);
  await first.locator(`section.account:has(header[title="${MARIO}"]) button[data-role="drafts"]`).waitFor({ timeout: 60_000 });
  const subject = 'Ricorso scritto prima del crash';
  const composer = await write(first, subject, 'Questo testo deve sopravvivere a kill -9.');
  await composer.locator('[data-testid="draft-status"]:is([data-state="saved"], [data-state="failed"])').waitFor({ timeout: 30_000 });
  await web.kill('SIGKILL');
  await first.close();

  web = await startWebApp(['--data', dataDir, '--save-dir', dir], { sandbox: false });
  const page = await openApp(t);
  await selectFolder(page, MARIO, 'drafts');
  await draftRow(page, subject).click();
  const reopened = composerOf(page);
  await reopened.waitFor();
  // The body is filled once the accounts are loaded: wait for it rather than read it at once.
  await reopened.locator('.composer-body', { hasText: 'Questo testo deve sopravvivere a kill -9.' }).waitFor();
  assert.equal(await reopened.locator('input[name="subject"]').inputValue(), subject);
});

test('"Nuovo da modello" opens a bulk-send template filled from the recipient’s contact, naming the placeholder it has no value for', async (t) => {
  const page = await openApp(t);
  await page.getByRole('button', { name: 'Nuovo da modello' }).click();
  const dialog = page.getByTestId('template-draft-dialog');
  await dialog.locator('input[name="template-to"]').fill(CONTACT);
  await dialog.getByRole('button', { name: /Convocazione/ }).click();
  const composer = composerOf(page);
  await composer.waitFor();
  assert.equal(await composer.locator('input[name="subject"]').inputValue(), 'Convocazione assemblea per Anna Bianchi');
  assert.equal(await composer.locator('input[name="to"]').inputValue(), CONTACT);
  await composer.locator('.composer-body', { hasText: 'Gentile Anna Bianchi, la convocazione n. {{protocollo}} è allegata.' }).waitFor();
  assert.equal(await composer.getByTestId('template-missing').innerText(), 'Segnaposto senza valore, rimasti nel testo: {{protocollo}}. Sostituiscili prima di inviare.');
  await composer.getByText('odg.pdf').waitFor();
});

test('with its server unreachable, a draft is kept on this computer, says so, and is in that account’s Bozze', async (t) => {
  const page = await openApp(t);
  const subject = 'Bozza scritta senza rete';
  const composer = await write(page, subject, 'Il server non risponde.');
  const from = composer.locator('select').first();
  await from.selectOption((await from.locator('option', { hasText: OFFLINE }).getAttribute('value'))!);
  const status = composer.locator('[data-testid="draft-status"][data-state="failed"]');
  await status.waitFor({ timeout: 30_000 });
  assert.match(await status.innerText(), /^Bozza salvata su questo computer alle \d\d:\d\d:\d\d, ma non nella cartella Bozze del server \(.+\): PecDesk riprova da sé tra poco/);
  await closeActiveTab(page);
  // The account's server has never listed a Drafts folder: Bozze is PecDesk's own.
  await selectFolder(page, OFFLINE, 'drafts');
  await draftRow(page, subject).waitFor();
  assert.match(await draftRow(page, subject).innerText(), /solo su questo computer/);
});
