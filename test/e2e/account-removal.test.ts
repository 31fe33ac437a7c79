// Removing an account in a real browser against `npm run web -- --sandbox`: the dialog asks
// whether to keep its mail as a read-only archive ("Archivio" in the folder tree, still readable)
// or to delete it, which takes a confirmation in words first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { expectCount, messageRow, receiveUntilListed, selectFolder, sendThroughSandbox, useWebApp } from './helpers';

const app = useWebApp();

const UFFICIO = 'ufficio@pec.beta.test';
// The sandbox configures these two; Mario goes last, in the last test.
const MARIO = 'mario.rossi@pec.alfa.test';

/** Opens Account, picks the account by address and presses "Elimina account". */
async function startRemoval(page: Page, address: string): Promise<void> {
  await page.getByRole('toolbar').getByRole('button', { name: 'Account', exact: true }).click();
  await page.locator('.accounts-list button', { hasText: address }).click();
  await page.getByRole('button', { name: 'Elimina account' }).click();
  await page.getByTestId('account-removal').waitFor();
}

test('an account removed keeping its mail shows as "Archivio" in the folder tree, its messages still open', async (t) => {
  const page = await app.newPage(t);
  const subject = 'Richiesta documentazione contratto n. 4521';
  await selectFolder(page, UFFICIO, 'inbox');
  await messageRow(page, subject).waitFor({ timeout: 60_000 });

  await startRemoval(page, UFFICIO);
  const dialog = page.getByTestId('account-removal');
  assert.ok(await dialog.getByLabel(/Tienila come archivio/).isChecked(), 'keeping the mail is the default');
  await dialog.getByRole('button', { name: 'Rimuovi e archivia' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');

  const archive = page.getByTestId('archived-account').filter({ hasText: 'Archivio' });
  await archive.waitFor();
  // The archives and the live accounts are two queries of the folder tree: either may answer first.
  await expectCount(page.locator(`.folder-tree header[title="${UFFICIO}"]`), 0, 'no longer a live account');
  await archive.locator('button[data-role="inbox"]').click();
  await messageRow(page, subject).click();
  const reader = page.locator('[role=tabpanel]:not([hidden]) [data-testid=reader]');
  assert.match(await reader.getByTestId('reader-from').innerText(), /mario\.rossi@pec\.alfa\.test/);
  const frame = page.frameLocator('[role=tabpanel]:not([hidden]) [data-testid=message-frame]');
  await frame.getByText('si richiede copia del contratto', { exact: false }).waitFor();
});

test('an archive is deleted from the folder tree after the same confirmation in words', async (t) => {
  const page = await app.newPage(t);
  const archive = page.getByTestId('archived-account').filter({ hasText: 'Archivio' });
  await archive.getByRole('button', { name: 'Elimina archivio' }).click();
  const dialog = page.getByTestId('account-removal');
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('radio').count(), 0, 'an archive can only be deleted');
  const confirm = dialog.getByRole('button', { name: 'Elimina definitivamente' });
  assert.ok(await confirm.isDisabled());
  await dialog.getByLabel(/Ho capito/).check();
  await confirm.click();
  await dialog.waitFor({ state: 'detached' });
  await archive.waitFor({ state: 'detached' });
});

test('an account removed deleting its mail asks for the confirmation in words, then its folders and messages are gone', async (t) => {
  const page = await app.newPage(t);
  const subject = 'Notifica da eliminare con l’account';
  await sendThroughSandbox(app.launch, { from: 'protocollo@pec.beta.test', to: MARIO, subject, html: '<p>Prova.</p>' });
  await selectFolder(page, MARIO, 'inbox');
  await receiveUntilListed(page, subject);

  await startRemoval(page, MARIO);
  const dialog = page.getByTestId('account-removal');
  await dialog.getByLabel(/Eliminala da questo computer/).check();
  const confirm = dialog.getByRole('button', { name: 'Elimina definitivamente' });
  assert.ok(await confirm.isDisabled(), 'nothing is deleted before the user confirms');
  await dialog.getByText('Questa operazione non si può annullare', { exact: false }).waitFor();
  await dialog.getByLabel(/Ho capito/).check();
  await confirm.click();
  await dialog.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');

  await page.locator(`.folder-tree header[title="${MARIO}"]`).waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('archived-account').filter({ hasText: 'Mario Rossi' }).count(), 0, 'deleted, not archived');
  const db = new Database(path.join(app.launch.dataDir, 'pecdesk.sqlite'), { readonly: true });
  try {
    const count = (sql: string, ...params: string[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    assert.equal(count('SELECT count(*) AS n FROM messages WHERE subject LIKE ?', `%${subject}%`), 0);
    // Mario's sent PECs (the sandbox demo sends from him) went with him: nothing left pointing nowhere.
    assert.equal(count('SELECT count(*) AS n FROM sent_messages WHERE account_id IS NULL'), 0);
    assert.equal(count('SELECT count(*) AS n FROM messages WHERE id NOT IN (SELECT message_row_id FROM message_locations)'), 0);
  } finally {
    db.close();
  }
});
