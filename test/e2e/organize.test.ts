// Organizing mail in a real browser against `npm run web -- --sandbox`: folders made, renamed and
// refused on the sandbox's Dovecot, messages dragged onto a folder, tags and a private note, a rule
// written in the rules editor that files a new PEC and says so, and the quota warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { messageRow, screenshot, selectFolder, sendThroughSandbox, until, useWebApp } from './helpers';

// A small quota, so that filling one mailbox up takes a moment (the demo mail fits well within it).
const QUOTA = 3 * 1024 * 1024;
const app = useWebApp(['--mailbox-quota', String(QUOTA)]);
const MARIO = 'mario.rossi@pec.alfa.test';
const UFFICIO = 'ufficio@pec.beta.test';

/** A client of the sandbox's Dovecot of its own, logged in as `address`. */
async function imap<T>(address: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const mailbox = app.launch.sandbox.accounts.find((a) => a.address === address);
  assert.ok(mailbox, `no sandbox mailbox ${address}`);
  const client = new ImapFlow({ host: '127.0.0.1', port: app.launch.sandbox.imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: address, pass: mailbox.password } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

const serverFolders = (address: string) => imap(address, async (c) => (await c.list()).map((f) => f.path));
const serverSubjects = (address: string, path: string) =>
  imap(address, async (c) => {
    const lock = await c.getMailboxLock(path);
    try {
      if (!c.mailbox || c.mailbox.exists === 0) return [];
      const subjects: string[] = [];
      for await (const m of c.fetch('1:*', { envelope: true })) subjects.push(m.envelope?.subject ?? '');
      return subjects;
    } finally {
      lock.release();
    }
  });

const account = (page: Page, address: string) => page.locator('section.account', { has: page.locator(`header[title="${address}"]`) });
const folderButton = (page: Page, address: string, path: string) => account(page, address).locator(`button[data-folder-path="${path}"]`);

async function createFolder(page: Page, address: string, name: string): Promise<void> {
  await account(page, address).getByTestId('new-folder').click();
  await page.getByTestId('folder-name').fill(name);
  await page.getByTestId('folder-submit').click();
  await folderButton(page, address, name).waitFor();
}

test('a folder is created, renamed and refused a taken name on the server, and the tree shows what the server did', async (t) => {
  const page = await app.newPage(t);

  await createFolder(page, MARIO, 'Pratiche 2026');
  assert.ok((await serverFolders(MARIO)).includes('Pratiche 2026'));

  await folderButton(page, MARIO, 'Pratiche 2026').click({ button: 'right' });
  await page.getByTestId('folder-rename').click();
  await page.getByTestId('folder-name').fill('Trash');
  await page.getByTestId('folder-submit').click();
  assert.match(await page.getByTestId('folder-error').innerText(), /Esiste già una cartella con questo nome/);
  assert.ok((await serverFolders(MARIO)).includes('Pratiche 2026'), 'the refusal changed nothing on the server');

  await page.getByTestId('folder-name').fill('Contenzioso');
  await page.getByTestId('folder-submit').click();
  await folderButton(page, MARIO, 'Contenzioso').waitFor();
  assert.equal(await folderButton(page, MARIO, 'Pratiche 2026').count(), 0);
  const onServer = await serverFolders(MARIO);
  assert.ok(onServer.includes('Contenzioso') && !onServer.includes('Pratiche 2026'));
});

test('a message dragged from the list onto a folder is moved there on the server, and the counts follow', async (t) => {
  const page = await app.newPage(t);
  await createFolder(page, UFFICIO, 'Archivio clienti');
  await selectFolder(page, UFFICIO, 'inbox');
  const subject = 'Richiesta documentazione contratto n. 4521';

  await messageRow(page, subject).dragTo(folderButton(page, UFFICIO, 'Archivio clienti'));

  await messageRow(page, subject).waitFor({ state: 'detached' });
  await until(async () => (await folderButton(page, UFFICIO, 'Archivio clienti').getByTestId('folder-total').innerText()) === '1', 'the folder count of 1');
  assert.ok((await serverSubjects(UFFICIO, 'Archivio clienti')).some((s) => s.includes(subject)));
  await folderButton(page, UFFICIO, 'Archivio clienti').click();
  await messageRow(page, subject).waitFor();
});

test('a tag added in the reader shows as a chip in the list, and the private note is kept', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, MARIO, 'inbox');
  const subject = 'Trasmissione atto di citazione';
  await messageRow(page, subject).click();

  await page.getByTestId('tag-input').fill('Urgente');
  await page.getByTestId('tag-input').press('Enter');
  await messageRow(page, subject).locator('.tag-chip[data-tag="urgente"]').waitFor();
  await page.getByTestId('note-input').fill('Udienza fissata: chiamare il cliente');
  await page.getByTestId('note-save').click();
  await page.getByText('Nota salvata').waitFor();

  await page.reload();
  await selectFolder(page, MARIO, 'inbox');
  await messageRow(page, subject).click();
  await until(async () => (await page.getByTestId('note-input').inputValue()) === 'Udienza fissata: chiamare il cliente', 'the saved note');
  assert.deepEqual(await page.getByTestId('annotations').locator('.tag-chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('data-tag'))), ['urgente']);
});

test('a rule written in the editor (errors in words first) files a new PEC in its folder and shows a notification', async (t) => {
  const page = await app.newPage(t);
  await createFolder(page, MARIO, 'Fatture');
  await page.getByTestId('rules-button').click();
  await page.getByTestId('rule-add').click();

  await page.getByTestId('rule-save').click();
  assert.equal(await page.getByTestId('rule-error-name').innerText(), 'Da compilare.');
  assert.equal(await page.getByTestId('rule-error-conditions.0').innerText(), 'Da compilare.');

  const editor = page.getByTestId('rule-editor');
  await page.getByTestId('rule-name').fill('Fatture dei fornitori');
  const marioOption = await page.getByTestId('rule-account').locator('option', { hasText: MARIO }).getAttribute('value');
  await page.getByTestId('rule-account').selectOption(marioOption ?? '');
  await editor.getByTestId('rule-condition').locator('input').fill('Fattura');
  const action = editor.getByTestId('rule-action').first();
  await action.locator('select').first().selectOption('move');
  await action.locator('select').nth(1).selectOption('Fatture');
  await page.getByTestId('rule-add-action').click();
  await page.getByTestId('rule-add-action').click();
  await editor.getByTestId('rule-action').nth(2).locator('select').selectOption('tag');
  await editor.getByTestId('rule-action').nth(2).locator('input').fill('fornitori');
  await page.getByTestId('rule-save').click();
  await page.getByTestId('rule-item').filter({ hasText: 'Fatture dei fornitori' }).waitFor();
  await screenshot(page, 'rules');
  await page.keyboard.press('Escape');

  const subject = 'Fattura n. 12/2026 - studio legale';
  await sendThroughSandbox(app.launch, { from: 'studio@pec.alfa.test', to: MARIO, subject, html: '<p>In allegato la fattura.</p>' });
  await until(async () => {
    await page.getByRole('button', { name: 'Ricevi' }).click();
    return page.getByTestId('rule-notice').filter({ hasText: 'Fatture dei fornitori' }).waitFor({ timeout: 2_000 }).then(() => true);
  }, 'the rule\'s notification');
  assert.match(await page.getByTestId('rule-notice').first().innerText(), /Fattura n\. 12\/2026/);
  await folderButton(page, MARIO, 'Fatture').click();
  await messageRow(page, subject).locator('.tag-chip[data-tag="fornitori"]').waitFor();
  assert.ok((await serverSubjects(MARIO, 'Fatture')).some((s) => s.includes(subject)), 'moved on the server');
  assert.ok(!(await serverSubjects(MARIO, 'INBOX')).some((s) => s.includes(subject)));
});

test('a mailbox more than 80 % full shows the quota warning with the way to archive', async (t) => {
  const used = await imap(UFFICIO, async (c) => {
    const quota = await c.getQuota('INBOX');
    assert.ok(quota && quota.storage?.limit === QUOTA, `the sandbox's quota: ${JSON.stringify(quota)}`);
    return quota.storage.usage ?? 0;
  });
  const filler = Math.ceil(0.85 * QUOTA) - used;
  const raw = Buffer.from(`From: archivio@mail.gamma.test\r\nTo: ${UFFICIO}\r\nSubject: Allegati voluminosi\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(76).concat('\r\n').repeat(Math.ceil(filler / 78))}`);
  await imap(UFFICIO, (c) => c.append('Junk', raw));

  const page = await app.newPage(t);
  const warning = page.getByTestId('quota').filter({ hasText: 'Casella quasi piena' });
  await warning.waitFor();
  assert.equal(await warning.getAttribute('data-level'), 'warning');
  assert.match(await warning.innerText(), /\(8\d%\)/);
  assert.equal(await warning.getByTestId('quota-archive').getAttribute('data-action'), 'archive');
});
