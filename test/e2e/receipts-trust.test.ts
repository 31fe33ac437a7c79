// The verdict on receipts in a real browser against `npm run web -- --sandbox`: a forged, unsigned
// consegna put in the sender's mailbox is named in red on its recipient's row, does not count in
// D/A/C/E and is listed in "Ricevute da verificare"; a genuine consegna of the sandbox gestore is
// attendibile (green) against the sandbox's providers' index, which the web sandbox imports at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import { daticertXml, pecMessage, testPki, type SignSpec } from '../main/pec/helpers/pec-factory';
import { until, useWebApp, type WebLaunch } from './helpers';
import { counters, openSent, sendPec, waitForConsegna } from './sent-helpers';

const app = useWebApp();
const SENDER = 'mario.rossi@pec.alfa.test';

/** An IMAP session as a sandbox mailbox, closed after `run`. */
async function asMailbox<T>(launch: WebLaunch, address: string, run: (client: ImapFlow) => Promise<T>): Promise<T> {
  const account = launch.sandbox.accounts.find((a) => a.address === address)!;
  const client = new ImapFlow({ host: '127.0.0.1', port: launch.sandbox.imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: address, pass: account.password } });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.logout();
  }
}

/** The Message-ID the sandbox's accettazione of `subject` speaks of, wherever the sync filed it. */
async function acceptedMessageId(launch: WebLaunch, subject: string): Promise<string | null> {
  return asMailbox(launch, SENDER, async (client) => {
    for (const box of await client.list()) {
      const lock = await client.getMailboxLock(box.path);
      try {
        const uids = await client.search({ subject, header: { 'x-ricevuta': 'accettazione' } }, { uid: true });
        if (!uids || uids.length === 0) continue;
        const message = await client.fetchOne(String(uids[0]), { headers: ['x-riferimento-message-id'] }, { uid: true });
        const match = message ? /<([^>]+)>/.exec(message.headers?.toString('latin1') ?? '') : null;
        if (match) return match[1];
      } finally {
        lock.release();
      }
    }
    return null;
  });
}

/** An avvenuta-consegna for `recipient` of the message `messageId`, with no provider signature at all (or `sign`'s). */
function unsignedConsegna(subject: string, messageId: string, recipient: string, sign: SignSpec | null = null): Buffer {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return pecMessage({
    headers: [
      `Subject: CONSEGNA: ${subject}`,
      `X-Riferimento-Message-ID: <${messageId}>`,
      `Date: ${now.toUTCString()}`,
      `To: ${SENDER}`,
      'X-Ricevuta: avvenuta-consegna',
      'From: posta-certificata@pec.beta.test',
      `Message-ID: <falsa.${now.getTime()}@pec.beta.test>`,
    ],
    daticert: {
      xml: daticertXml({
        tipo: 'avvenuta-consegna',
        mittente: SENDER,
        destinatari: [{ address: recipient, type: 'certificato' }],
        oggetto: subject,
        gestore: 'Beta PEC S.r.l.',
        giorno: `${two(now.getUTCDate())}/${two(now.getUTCMonth() + 1)}/${now.getUTCFullYear()}`,
        ora: `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`,
        zona: '+0000',
        identificativo: `falsa.${now.getTime()}@pec.beta.test`,
        msgid: `<${messageId}>`,
        consegna: recipient,
      }),
    },
    sign,
  });
}

/** The same consegna signed by a provider, then one byte of its signed text changed. */
function alteredConsegna(subject: string, messageId: string, recipient: string): Buffer {
  const signed = unsignedConsegna(subject, messageId, recipient, { signer: testPki().provider }).toString('latin1');
  return Buffer.from(signed.replace('Messaggio di servizio PEC.', 'Messaggio di servizio PEC!'), 'latin1');
}

test('a forged, unsigned consegna is red on its recipient, does not count, and is listed in "Ricevute da verificare"', async (t) => {
  const page = await app.newPage(t);
  // lento@pec.beta.test never gets the message delivered: only the forged receipt says it did.
  const subject = 'Diffida ad adempiere, pratica 2026/118';
  await sendPec(page, 'lento@pec.beta.test', subject);

  let messageId: string | null = null;
  await until(async () => (messageId = await acceptedMessageId(app.launch, subject)) !== null, 'the accettazione in the sender’s mailbox');
  await asMailbox(app.launch, SENDER, (client) => client.append('INBOX', unsignedConsegna(subject, messageId!, 'lento@pec.beta.test')));

  const deliveries = await openSent(page, subject);
  const row = deliveries.locator('tbody tr', { hasText: 'lento@pec.beta.test' });
  let seen = '';
  await until(
    async () => {
      await page.getByRole('button', { name: 'Ricevi' }).click();
      seen = await deliveries.innerText();
      return (await row.getByTestId('unproven').count()) > 0;
    },
    () => `the forged consegna on the recipient's row; the panel said: ${seen}`,
    60_000,
  );
  const unproven = row.getByTestId('unproven');
  assert.match(await unproven.innerText(), /Ricevuta di avvenuta consegna non firmata: non vale come prova/);
  assert.equal(await unproven.locator('button').getAttribute('data-trust'), 'non-firmata');
  assert.equal(await unproven.locator('button').evaluate((el) => getComputedStyle(el).color), 'rgb(179, 38, 30)', 'red (--bad)');
  assert.notEqual(await row.getAttribute('data-status'), 'delivered');
  assert.match(await counters(deliveries), /D1 A1 C0/, 'the forged consegna is not counted');

  await page.getByTestId('to-verify-button').click();
  const view = page.getByTestId('to-verify');
  const listed = view.locator('[data-testid="to-verify-row"][data-trust="non-firmata"]').filter({ hasText: 'lento@pec.beta.test' });
  await listed.waitFor();
  assert.equal(await listed.getByTestId('to-verify-level').innerText(), 'non firmata');
  assert.equal(await listed.locator('[data-receipt]').getAttribute('data-receipt'), 'avvenuta-consegna');
  await listed.click();
  const summary = view.getByTestId('receipt-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Ricevuta di avvenuta consegna/);
  assert.equal(await view.getByTestId('pec-banner').getByTestId('trust-badge').getAttribute('data-trust'), 'non-firmata');
});

test('with the sandbox\'s providers\' index imported, a genuine consegna is attendibile (green) and counts, and no banner asks for an index', async (t) => {
  const page = await app.newPage(t);
  const subject = 'Trasmissione parere legale';
  await sendPec(page, 'ufficio@pec.beta.test', subject);
  const deliveries = await openSent(page, subject);
  const consegna = await waitForConsegna(page, deliveries);
  const badge = consegna.getByTestId('receipt-trust');
  assert.equal(await badge.getAttribute('data-trust'), 'attendibile');
  assert.match(await badge.innerText(), /attendibile/);
  assert.equal(await badge.evaluate((el) => getComputedStyle(el).color), 'rgb(19, 115, 51)', 'green (--ok)');
  assert.equal(await consegna.locator('.not-proof').count(), 0);
  assert.match(await counters(deliveries), /D1 A1 C1 E0/);
  assert.equal(await page.getByTestId('index-banner').count(), 0, 'an index is in force: no banner');
});

test('a consegna altered after signing and one signed by a certificate outside the providers\' index are flagged on the row, do not count, and wait in "Ricevute da verificare"', async (t) => {
  const page = await app.newPage(t);
  const subject = 'Atto di precetto, pratica 2026/131';
  await sendPec(page, 'lento@pec.beta.test', subject);
  let messageId: string | null = null;
  await until(async () => (messageId = await acceptedMessageId(app.launch, subject)) !== null, 'the accettazione in the sender’s mailbox');
  // A self-made certificate shaped like a provider's, which the sandbox's index does not list.
  const outsider = unsignedConsegna(subject, messageId!, 'lento@pec.beta.test', { signer: testPki().provider });
  const altered = alteredConsegna(subject, messageId!, 'lento@pec.beta.test');
  await asMailbox(app.launch, SENDER, async (client) => {
    await client.append('INBOX', outsider);
    await client.append('INBOX', altered);
  });

  const deliveries = await openSent(page, subject);
  const row = deliveries.locator('tbody tr', { hasText: 'lento@pec.beta.test' });
  const flagged = row.getByTestId('unproven').locator('button');
  let seen = '';
  await until(
    async () => {
      await page.getByRole('button', { name: 'Ricevi' }).click();
      seen = await deliveries.innerText();
      return (await flagged.count()) >= 2;
    },
    () => `both forged consegne on the recipient's row; the panel said: ${seen}`,
    60_000,
  );
  const levels = (await flagged.evaluateAll((els) => els.map((el) => el.getAttribute('data-trust')))).sort();
  assert.deepEqual(levels, ['alterata', 'integra']);
  assert.match(await row.getByTestId('unproven').innerText(), /non vale come prova/);
  assert.notEqual(await row.getAttribute('data-status'), 'delivered');
  assert.match(await counters(deliveries), /D1 A1 C0/, 'neither forged consegna is counted');

  await page.getByTestId('to-verify-button').click();
  const view = page.getByTestId('to-verify');
  for (const level of ['alterata', 'integra']) {
    await view.locator(`[data-testid="to-verify-row"][data-trust="${level}"]`).filter({ hasText: 'lento@pec.beta.test' }).first().waitFor();
  }
});
