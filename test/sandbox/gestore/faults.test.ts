// The access point's fault injection (sandbox/gestore/faults.ts) seen from a plain SMTP client: a
// refusal is the exact reply and nothing is taken, a drop after DATA takes the message (it is in the
// submission log, its accettazione goes out) but the client never gets the 250.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { FAULT_REPLIES, SANDBOX_PASSWORD, startSandbox, type Sandbox } from '../../../sandbox';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ onError: () => undefined });
});
after(() => sandbox.stop());

const SENDER = 'mario.rossi@pec.alfa.test';

function send(to: string, subject: string): Promise<unknown> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtp.port, secure: false, ignoreTLS: true, auth: { user: SENDER, pass: SANDBOX_PASSWORD } });
  return transport.sendMail({ from: SENDER, to, subject, text: 'Prova.' }).finally(() => transport.close());
}

test('a planned reply refuses the message with that code and text, and the gestore takes nothing', async () => {
  const to = 'ufficio@pec.beta.test';
  sandbox.setSmtpFaults((envelope) => (envelope.recipients.includes(to) ? FAULT_REPLIES[451] : null));
  try {
    const before = sandbox.log.accepted().length;
    await assert.rejects(send(to, 'Rifiutato'), (err: { responseCode?: number; response?: string }) => err.responseCode === 451 && /4\.3\.0/.test(err.response ?? ''));
    assert.equal(sandbox.log.accepted().length, before);
  } finally {
    sandbox.setSmtpFaults(null);
  }
  await send(to, 'Accettato');
  assert.ok(sandbox.log.accepted().some((r) => r.subject === 'Accettato'), 'without a plan the message goes through');
});

test('a drop after DATA takes the message but the client gets no answer', async () => {
  sandbox.setSmtpFaults(() => ({ kind: 'drop-after-data' }));
  try {
    await assert.rejects(send('ufficio@pec.beta.test', 'Caduta'), (err: { responseCode?: number }) => err.responseCode === undefined);
  } finally {
    sandbox.setSmtpFaults(null);
  }
  assert.ok(sandbox.log.accepted().some((r) => r.subject === 'Caduta'), 'the provider took it before the connection dropped');
});
