// A PEC sent from the composer is in "Posta inviata" as soon as it leaves, without "Ricevi":
// listed from the copy PecDesk stored, then replaced by the server's copy without a duplicate; its
// deliveries say the send queue handed it to the provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { messageRow, selectFolder, until, useWebApp } from './helpers';
import { sendPec } from './sent-helpers';

const app = useWebApp();
const MARIO = 'mario.rossi@pec.alfa.test';

test('a PEC sent in the composer is listed in Posta inviata without pressing Ricevi, and once after it', async (t) => {
  const page = await app.newPage(t);
  await page.getByRole('button', { name: 'Nuovo', exact: true }).click();
  const composer = page.locator('[role=tabpanel]:not([hidden]) form.composer');
  await composer.waitFor();
  const from = composer.locator('select').first();
  await from.selectOption((await from.locator('option', { hasText: MARIO }).getAttribute('value'))!);
  await composer.locator('input[name="to"]').fill('ufficio@pec.beta.test');
  const subject = 'Trasmissione memoria difensiva';
  await composer.locator('input[name="subject"]').fill(subject);
  await composer.locator('.composer-body').click();
  await page.keyboard.type('Si trasmette la memoria difensiva.');
  await composer.getByRole('button', { name: 'Invia' }).click();
  await page.getByText(/^Messaggio inviato/).waitFor({ timeout: 30_000 });

  await selectFolder(page, MARIO, 'sent');
  await messageRow(page, subject).waitFor();

  // The sync files the server's copy: wait until the message's only Sent location has a server UID.
  const db = new Database(path.join(app.launch.dataDir, 'pecdesk.sqlite'), { readonly: true });
  t.after(() => db.close());
  const uids = () =>
    (db.prepare(
      `SELECT l.uid FROM message_locations l JOIN messages m ON m.id = l.message_row_id JOIN folders f ON f.id = l.folder_id
       WHERE m.subject = ? AND f.role = 'sent'`,
    ).all(subject) as { uid: number }[]).map((r) => r.uid);
  await until(async () => {
    await page.getByRole('button', { name: 'Ricevi' }).click();
    const now = uids();
    return now.length === 1 && now[0] > 0;
  }, () => `one Sent location with a server UID (now ${JSON.stringify(uids())})`);
  await messageRow(page, subject).first().waitFor();
  assert.equal(await messageRow(page, subject).count(), 1, 'listed once, not once per copy');

  // Opened, it says where its sending stands: the send queue handed it to the provider.
  await messageRow(page, subject).first().click();
  const state = page.getByTestId('submission-state');
  await state.waitFor();
  assert.equal(await state.getAttribute('data-state'), 'submitted');
  assert.match((await state.textContent()) ?? '', /Preso in carico dal gestore/);
});

test('the composer that closes itself once its PEC is sent leaves alone the tabs opened meanwhile', async (t) => {
  const page = await app.newPage(t);
  await sendPec(page, 'ufficio@pec.beta.test', 'Nota spese pratica 2026/9');
  // Opened in the moment between "Messaggio inviato" and the composer closing itself.
  await page.getByTestId('to-verify-button').click();
  await page.getByTestId('to-verify').waitFor();
  await until(async () => (await page.locator('form.composer').count()) === 0, 'the composer closed by itself');
  assert.ok(await page.getByTestId('to-verify').isVisible(), 'the tab opened meanwhile is still open and shown');
});
