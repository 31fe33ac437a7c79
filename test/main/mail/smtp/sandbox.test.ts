// End to end against the PEC sandbox (sandbox/: Dovecot + the simulated access point): the
// preset, testConnection, a real submission with its receipts, and InfoCert-style throttling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import { settingsFromPreset, testConnection, type AccountSettings } from '../../../../src/main/accounts';
import { appendToSent, createSmtpSender } from '../../../../src/main/mail/smtp';
import { SANDBOX_PASSWORD, startSandbox, type Sandbox } from '../../../../sandbox';

const SENDER = 'mario.rossi@pec.alfa.test';
const RECIPIENT = 'ufficio@pec.beta.test';
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ starttls: true, onError: () => undefined });
});
after(async () => {
  await sandbox.stop();
});

function account(address = SENDER): AccountSettings {
  const settings = settingsFromPreset('sandbox', {
    name: 'Mario Rossi',
    address,
    imap: { port: sandbox.imap.port },
    smtp: { port: sandbox.smtp.port, security: 'starttls' },
  });
  assert.ok(settings.ok, JSON.stringify(settings));
  return settings.settings;
}

async function inbox(address: string): Promise<string[]> {
  const client = new ImapFlow({ host: sandbox.imap.host, port: sandbox.imap.port, secure: false, doSTARTTLS: false, logger: false, auth: { user: address, pass: SANDBOX_PASSWORD } });
  await client.connect();
  try {
    await client.mailboxOpen('INBOX');
    const out: string[] = [];
    if (client.mailbox && client.mailbox.exists > 0) for await (const m of client.fetch('1:*', { source: true })) if (m.source) out.push(m.source.toString('latin1'));
    return out;
  } finally {
    await client.logout();
  }
}

test('the sandbox preset passes the connection test, STARTTLS trusted through the sandbox CA', async () => {
  const report = await testConnection(account(), SANDBOX_PASSWORD, { ca: sandbox.caCertPem });
  assert.equal(report.ok, true, JSON.stringify(report));
});

test('a message sent through the sandbox access point gets an accettazione quoting our Message-ID', async () => {
  const settings = account();
  const sender = createSmtpSender(settings, SANDBOX_PASSWORD, { ca: sandbox.caCertPem });
  try {
    const prepared = await sender.prepare({ to: [RECIPIENT], subject: 'Prova sandbox', text: 'Messaggio di prova.\n', receiptVariant: 'breve' });
    assert.ok(prepared.ok);
    const result = await sender.send(prepared.message);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.accepted, [RECIPIENT]);
    await sandbox.whenIdle();
    const ref = `X-Riferimento-Message-ID: <${prepared.message.messageId}>`;
    const receipts = (await inbox(SENDER)).filter((m) => m.includes(ref));
    assert.ok(receipts.some((m) => /^X-Ricevuta: accettazione/im.test(m)), 'no accettazione for our Message-ID');
    assert.ok((await inbox(RECIPIENT)).some((m) => m.includes(ref) && /^X-Trasporto: posta-certificata/im.test(m)), 'no busta di trasporto');
    const copy = await appendToSent(settings, SANDBOX_PASSWORD, prepared.message.raw);
    assert.ok(copy.ok, JSON.stringify(copy));
  } finally {
    sender.close();
  }
});

test('past the InfoCert limit the sandbox throttles and the sender says so', async () => {
  sandbox.setRateLimit('infocert');
  const sender = createSmtpSender(account('studio@pec.alfa.test'), SANDBOX_PASSWORD, { ca: sandbox.caCertPem });
  try {
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const prepared = await sender.prepare({ to: [RECIPIENT], subject: `Invio ${i + 1}`, text: 'x\n' });
      assert.ok(prepared.ok);
      const result = await sender.send(prepared.message);
      codes.push(result.ok ? 'ok' : result.code);
    }
    assert.deepEqual(codes, ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'throttled']);
  } finally {
    sender.close();
    sandbox.setRateLimit(null);
  }
});
