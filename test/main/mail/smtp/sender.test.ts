import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSettings } from '../../../../src/main/accounts';
import { createSmtpSender, prepareMessage, type OutgoingMessage, type SenderOptions } from '../../../../src/main/mail/smtp';
import { ADDRESS, PASSWORD, account, letter } from './fixtures';
import { freePort } from '../../../../sandbox/ports';
import { makeSelfSignedCert, startTestSmtpServer, type TestSmtpOptions, type TestSmtpServer } from './smtp-test-server';

async function withServer(options: TestSmtpOptions, run: (server: TestSmtpServer) => Promise<void>): Promise<void> {
  const server = await startTestSmtpServer({ users: { [ADDRESS]: PASSWORD }, ...options });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

async function sendOnce(settings: AccountSettings, message: OutgoingMessage, opts: SenderOptions = {}, password = PASSWORD) {
  const sender = createSmtpSender(settings, password, { timeoutMs: 5000, ...opts });
  try {
    const prepared = await sender.prepare(message);
    assert.ok(prepared.ok, JSON.stringify(prepared));
    return { prepared: prepared.message, result: await sender.send(prepared.message) };
  } finally {
    sender.close();
  }
}

test('the server receives exactly the prepared bytes, with the Message-ID returned to the caller', async () => {
  await withServer({}, async (server) => {
    const { prepared, result } = await sendOnce(account(server.port), letter);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.messageId, prepared.messageId);
    assert.match(prepared.messageId, /^pecdesk\.[0-9a-f]{32}@pec\.alfa\.test$/);
    assert.equal(server.received.length, 1);
    const got = server.received[0];
    assert.ok(got.raw.equals(prepared.raw), 'received bytes differ from the prepared bytes');
    assert.match(got.raw.toString('utf8'), new RegExp(`^Message-ID: <${prepared.messageId.replace(/\./g, '\\.')}>\\r$`, 'm'));
    assert.deepEqual(result.accepted.sort(), ['bianchi@pec.beta.test', 'neri@pec.delta.test', 'verdi@pec.gamma.test']);
    assert.deepEqual(result.rejected, []);
    assert.match(result.response, /^250/);
  });
});

test('the envelope sender is the account address and the recipients are exactly To + Cc', async () => {
  await withServer({}, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.ok(result.ok);
    assert.equal(server.received[0].from, ADDRESS);
    assert.deepEqual(server.received[0].to, ['bianchi@pec.beta.test', 'verdi@pec.gamma.test', 'neri@pec.delta.test']);
  });
});

test('the requested receipt type travels as X-TipoRicevuta', async () => {
  await withServer({}, async (server) => {
    const { result } = await sendOnce(account(server.port), { ...letter, receiptVariant: 'sintetica' });
    assert.ok(result.ok);
    assert.match(server.received[0].raw.toString('utf8'), /^X-TipoRicevuta: sintetica\r$/im);
  });
});

test('an ordinary account may use Bcc: the hidden recipient gets it but no header names it', async () => {
  await withServer({}, async (server) => {
    const { result } = await sendOnce(account(server.port, { kind: 'ordinary' }), { ...letter, bcc: ['nascosto@beta.test'] });
    assert.ok(result.ok);
    assert.ok(server.received[0].to.includes('nascosto@beta.test'));
    assert.doesNotMatch(server.received[0].raw.toString('utf8'), /nascosto/);
  });
});

test('InfoCert\'s "Too much traffic from this sender" (550) is throttling, with a delay to wait', async () => {
  const infocert = { code: 550, text: `MAIL from: "<${ADDRESS}>" blocked "Class Of Service" - Too much traffic from this sender` };
  await withServer({ onMailFrom: () => infocert }, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.code, 'throttled');
    assert.equal(result.responseCode, 550);
    assert.equal(result.retryAfterMs, 60_000);
    assert.equal(server.received.length, 0);
  });
});

test('a 451 rate-limit reply says when to retry', async () => {
  await withServer({ onRcptTo: () => ({ code: 451, text: '4.7.1 Rate limit exceeded, try again in 30 seconds' }) }, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.ok(!result.ok);
    assert.equal(result.code, 'throttled');
    assert.equal(result.retryAfterMs, 30_000);
  });
});

test('one refused recipient is reported by address while the others receive the message', async () => {
  const onRcptTo = (a: string) => (a === 'verdi@pec.gamma.test' ? { code: 550, text: '5.1.1 <verdi@pec.gamma.test>: Recipient address rejected' } : null);
  await withServer({ onRcptTo }, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.accepted.sort(), ['bianchi@pec.beta.test', 'neri@pec.delta.test']);
    assert.equal(result.rejected.length, 1);
    assert.equal(result.rejected[0].address, 'verdi@pec.gamma.test');
    assert.equal(result.rejected[0].responseCode, 550);
    assert.equal(result.rejected[0].temporary, false);
    assert.deepEqual(server.received[0].to, ['bianchi@pec.beta.test', 'neri@pec.delta.test']);
  });
});

test('when every recipient is refused the result lists each of them', async () => {
  await withServer({ onRcptTo: (a) => ({ code: 553, text: `5.1.3 <${a}>: bad address syntax` }) }, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.ok(!result.ok);
    assert.equal(result.code, 'recipient-rejected');
    assert.deepEqual(result.recipients?.map((r) => r.address).sort(), ['bianchi@pec.beta.test', 'neri@pec.delta.test', 'verdi@pec.gamma.test']);
    assert.ok(result.recipients?.every((r) => r.responseCode === 553 && !r.temporary));
  });
});

test('a message refused after DATA (554) is a message rejection, not a recipient one', async () => {
  await withServer({ onData: () => ({ code: 554, text: '5.7.1 Message rejected: attachment type not allowed' }) }, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.ok(!result.ok);
    assert.equal(result.code, 'message-rejected');
    assert.equal(result.responseCode, 554);
    assert.match(result.detail, /attachment type not allowed/);
  });
});

test('a sender the provider does not own (Aruba\'s 553 on MAIL FROM) rejects the message', async () => {
  await withServer({ onMailFrom: () => ({ code: 553, text: '5.7.1 Sender address rejected: not owned by user' }) }, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.ok(!result.ok);
    assert.equal(result.code, 'message-rejected');
    assert.equal(result.responseCode, 553);
  });
});

test('a wrong password is an auth failure', async () => {
  await withServer({}, async (server) => {
    const { result } = await sendOnce(account(server.port), letter, {}, 'sbagliata');
    assert.ok(!result.ok);
    assert.equal(result.code, 'auth');
    assert.equal(result.responseCode, 535);
  });
});

test('a port where nothing listens is a connection failure', async () => {
  const { result } = await sendOnce(account(await freePort()), letter);
  assert.ok(!result.ok);
  assert.equal(result.code, 'connection');
  assert.equal(result.stage, 'connect');
});

test('STARTTLS with a self-signed certificate works when its CA is given and fails at TLS without', async () => {
  const cert = makeSelfSignedCert();
  await withServer({ tls: 'starttls', cert }, async (server) => {
    const settings = account(server.port, { smtp: { host: '127.0.0.1', port: server.port, security: 'starttls', username: ADDRESS } });
    const trusted = await sendOnce(settings, letter, { ca: cert.cert });
    assert.ok(trusted.result.ok, JSON.stringify(trusted.result));
    const untrusted = await sendOnce(settings, letter);
    assert.ok(!untrusted.result.ok);
    assert.equal(untrusted.result.code, 'connection');
    assert.equal(untrusted.result.stage, 'tls');
    assert.equal(server.received.length, 1);
  });
});

test('implicit TLS (port 465 style) delivers with the CA given', async () => {
  const cert = makeSelfSignedCert();
  await withServer({ tls: 'tls', cert }, async (server) => {
    const settings = account(server.port, { smtp: { host: 'localhost', port: server.port, security: 'tls', username: ADDRESS } });
    const { result } = await sendOnce(settings, letter, { ca: cert.cert });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(server.received.length, 1);
  });
});

test('a message over the server\'s own SIZE limit is refused by the server (552) as a whole', async () => {
  await withServer({ size: 200 }, async (server) => {
    const { result } = await sendOnce(account(server.port), letter);
    assert.ok(!result.ok);
    assert.equal(result.code, 'message-rejected');
    assert.equal(result.responseCode, 552);
    assert.equal(server.received.length, 0);
  });
});

test('a prepared message that no longer fits the account is refused by send, not submitted', async () => {
  await withServer({}, async (server) => {
    const sender = createSmtpSender(account(server.port, { maxRecipients: 1 }), PASSWORD);
    try {
      const prepared = await prepareMessage(account(server.port), letter);
      assert.ok(prepared.ok);
      const tooMany = await sender.send(prepared.message);
      assert.ok(!tooMany.ok);
      assert.equal(tooMany.code, 'too-large');
      const foreign = await sender.send({ ...prepared.message, envelope: { from: 'altro@pec.alfa.test', to: ['bianchi@pec.beta.test'] } });
      assert.ok(!foreign.ok);
      assert.equal(foreign.code, 'invalid-message');
      assert.equal(server.received.length, 0);
    } finally {
      sender.close();
    }
  });
});

test('with holdEnd the dialogue runs up to the message bytes and the server takes it only once holdEnd resolves', async () => {
  let release!: () => void;
  const holdEnd = new Promise<void>((resolve) => (release = resolve));
  let dataStarted!: () => void;
  const started = new Promise<void>((resolve) => (dataStarted = resolve));
  await withServer({ onDataStart: () => dataStarted() }, async (server) => {
    const sender = createSmtpSender(account(server.port), PASSWORD, { timeoutMs: 5000 });
    try {
      const prepared = await prepareMessage(account(server.port), letter);
      assert.ok(prepared.ok);
      const sending = sender.send(prepared.message, holdEnd);
      await started;
      assert.equal(server.received.length, 0, 'the server took the message before holdEnd resolved');
      release();
      const result = await sending;
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(server.received.length, 1);
      assert.ok(server.received[0].raw.equals(prepared.message.raw), 'received bytes differ from the prepared bytes');
    } finally {
      sender.close();
    }
  });
});

test('a holdEnd that rejects during DATA leaves the message unended: the server takes nothing, and the next message goes whole on a new connection', async () => {
  let fail!: (err: Error) => void;
  const holdEnd = new Promise<void>((_resolve, reject) => (fail = reject));
  await withServer({ onDataStart: () => fail(new Error('fsync: EIO')) }, async (server) => {
    const sender = createSmtpSender(account(server.port), PASSWORD, { timeoutMs: 5000 });
    try {
      const first = await prepareMessage(account(server.port), letter);
      const second = await prepareMessage(account(server.port), { ...letter, subject: 'Seconda diffida' });
      assert.ok(first.ok && second.ok);
      const failed = await sender.send(first.message, holdEnd);
      assert.ok(!failed.ok);
      assert.equal(server.received.length, 0);
      const next = await sender.send(second.message);
      assert.ok(next.ok, JSON.stringify(next));
      assert.equal(server.received.length, 1);
      assert.ok(server.received[0].raw.equals(second.message.raw), 'the next message must arrive alone and whole');
    } finally {
      sender.close();
    }
  });
});

test('a holdEnd that rejects after the server refused every recipient changes nothing: the refusal is the answer', async () => {
  await withServer({ onRcptTo: () => ({ code: 550, text: '5.1.1 Utente sconosciuto' }) }, async (server) => {
    const sender = createSmtpSender(account(server.port), PASSWORD, { timeoutMs: 5000 });
    try {
      const prepared = await prepareMessage(account(server.port), letter);
      assert.ok(prepared.ok);
      let fail!: (err: Error) => void;
      const holdEnd = new Promise<void>((_resolve, reject) => (fail = reject));
      const refused = await sender.send(prepared.message, holdEnd);
      fail(new Error('fsync: EIO'));
      assert.ok(!refused.ok);
      assert.equal(refused.code, 'recipient-rejected');
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.equal(server.received.length, 0);
    } finally {
      sender.close();
    }
  });
});

test('plaintext SMTP to a remote host is allowed but warned about', () => {
  const remote = account(25, { smtp: { host: 'smtp.example.test', port: 25, security: 'none', username: ADDRESS } });
  const sender = createSmtpSender(remote, PASSWORD);
  const local = createSmtpSender(account(25), PASSWORD);
  try {
    assert.deepEqual(sender.warnings, [{ service: 'smtp', host: 'smtp.example.test' }]);
    assert.deepEqual(local.warnings, []);
  } finally {
    sender.close();
    local.close();
  }
});
