// Deleting and moving messages in a real browser against `npm run web -- --sandbox`: the demo PEC
// in the sandbox's Dovecot, moved there by PecDesk, checked in the UI and on the server itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import { expectText, messageRow, receiveUntilListed, selectFolder, sendThroughSandbox, until, useWebApp } from './helpers';

const app = useWebApp();

/** Subjects of a folder as the sandbox's Dovecot holds it, read by a client of its own. */
async function serverSubjects(address: string, path: string): Promise<string[]> {
  const mailbox = app.launch.sandbox.accounts.find((a) => a.address === address);
  assert.ok(mailbox, `no sandbox mailbox ${address}`);
  const client = new ImapFlow({ host: '127.0.0.1', port: app.launch.sandbox.imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: address, pass: mailbox.password } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(path);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const subjects: string[] = [];
      for await (const m of client.fetch('1:*', { envelope: true })) subjects.push(m.envelope?.subject ?? '');
      return subjects;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

// Mario's inbox must keep a message: every page of the app opens on it (helpers.openApp).
const MARIO = 'mario.rossi@pec.alfa.test';
const UFFICIO = 'ufficio@pec.beta.test';

test('the Delete key moves the selected message to the Cestino, on the server too, and the next message is selected', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, MARIO, 'inbox');
  const subject = 'Aggiornamento orari di apertura';
  await messageRow(page, subject).click();

  await page.keyboard.press('Delete');

  await messageRow(page, subject).waitFor({ state: 'detached' });
  const selected = page.locator('[data-testid=message-row][aria-selected=true]');
  await selected.waitFor();
  // The selection follows the list's re-query after the move: read it until it has settled.
  await expectText(selected, /Trasmissione atto di citazione/);
  await selectFolder(page, MARIO, 'trash');
  await messageRow(page, subject).waitFor();
  assert.ok((await serverSubjects(MARIO, 'Trash')).some((s) => s.includes(subject)));
  assert.ok(!(await serverSubjects(MARIO, 'INBOX')).some((s) => s.includes(subject)));
});

test('"Sposta in…" moves the selected message to the folder chosen, where the list shows it', async (t) => {
  const page = await app.newPage(t);
  await selectFolder(page, UFFICIO, 'inbox');
  const subject = 'Richiesta documentazione contratto n. 4521';
  await messageRow(page, subject).click();

  await page.getByTestId('move-to').selectOption({ label: 'Indesiderata' });

  await messageRow(page, subject).waitFor({ state: 'detached' });
  await selectFolder(page, UFFICIO, 'junk');
  await messageRow(page, subject).waitFor();
  assert.ok((await serverSubjects(UFFICIO, 'Junk')).some((s) => s.includes(subject)));
  assert.ok(!(await serverSubjects(UFFICIO, 'INBOX')).some((s) => s.includes(subject)));
});

test('"Elimina" in the Cestino asks first, and once confirmed the message is gone from the list and the server', async (t) => {
  const page = await app.newPage(t);
  const toolbarDelete = page.getByRole('toolbar').getByRole('button', { name: 'Elimina' });
  const subject = 'Verbale di conciliazione';
  await sendThroughSandbox(app.launch, { from: 'protocollo@pec.beta.test', to: UFFICIO, subject, html: '<p>Si trasmette il verbale.</p>' });
  await selectFolder(page, UFFICIO, 'inbox');
  await receiveUntilListed(page, subject);
  await messageRow(page, subject).click();
  await toolbarDelete.click();
  await messageRow(page, subject).waitFor({ state: 'detached' });
  await selectFolder(page, UFFICIO, 'trash');
  await messageRow(page, subject).click();

  await toolbarDelete.click();
  const confirm = page.getByRole('dialog', { name: 'Eliminare definitivamente?' });
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /Verbale di conciliazione.*per sempre/s);
  await confirm.getByRole('button', { name: 'Annulla' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal(await messageRow(page, subject).count(), 1, 'cancelling keeps the message');

  await toolbarDelete.click();
  await page.getByTestId('confirm-delete').click();

  await messageRow(page, subject).waitFor({ state: 'detached' });
  await until(async () => !(await serverSubjects(UFFICIO, 'Trash')).some((s) => s.includes(subject)), 'the message gone from the server Trash');
  assert.ok(!(await serverSubjects(UFFICIO, 'INBOX')).some((s) => s.includes(subject)));
});
