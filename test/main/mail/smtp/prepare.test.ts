import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareMessage } from '../../../../src/main/mail/smtp';
import { ADDRESS, account, letter } from './fixtures';

test('a prepared message carries its Message-ID on the sender\'s domain, in CRLF lines', async () => {
  const result = await prepareMessage(account(25), letter);
  assert.ok(result.ok);
  const { messageId, raw, envelope } = result.message;
  assert.match(messageId, /^pecdesk\.[0-9a-f]{32}@pec\.alfa\.test$/);
  const text = raw.toString('utf8');
  assert.ok(text.includes(`\r\nMessage-ID: <${messageId}>\r\n`) || text.startsWith(`Message-ID: <${messageId}>\r\n`));
  assert.doesNotMatch(text, /[^\r]\n/, 'a bare LF would be changed on the wire');
  assert.ok(text.endsWith('\r\n'));
  assert.deepEqual(envelope, { from: ADDRESS, to: ['bianchi@pec.beta.test', 'verdi@pec.gamma.test', 'neri@pec.delta.test'] });
});

test('two preparations of the same letter get different Message-IDs', async () => {
  const [a, b] = await Promise.all([prepareMessage(account(25), letter), prepareMessage(account(25), letter)]);
  assert.ok(a.ok && b.ok);
  assert.notEqual(a.message.messageId, b.message.messageId);
});

test('a recipient named twice (To and Cc, any case) is submitted once', async () => {
  const result = await prepareMessage(account(25), { to: ['bianchi@pec.beta.test'], cc: ['Bianchi@PEC.beta.test'], subject: 'x', text: 'x' });
  assert.ok(result.ok);
  assert.deepEqual(result.message.envelope.to, ['bianchi@pec.beta.test']);
});

test('a PEC message with Bcc is refused before anything is sent', async () => {
  const result = await prepareMessage(account(25), { ...letter, bcc: ['nascosto@pec.beta.test'] });
  assert.ok(!result.ok);
  assert.equal(result.code, 'bcc-forbidden');
  assert.match(result.detail, /Bcc/);
});

test('a PEC message needs a To recipient, and any message needs one recipient', async () => {
  const onlyCc = await prepareMessage(account(25), { cc: ['neri@pec.delta.test'], subject: 'x', text: 'x' });
  assert.ok(!onlyCc.ok);
  assert.equal(onlyCc.code, 'invalid-message');
  const nobody = await prepareMessage(account(25, { kind: 'ordinary' }), { subject: 'x', text: 'x' });
  assert.ok(!nobody.ok);
  assert.equal(nobody.code, 'invalid-message');
});

test('a malformed recipient address is an invalid message, named by position', async () => {
  const result = await prepareMessage(account(25), { ...letter, to: ['bianchi@pec.beta.test', 'non-un-indirizzo'] });
  assert.ok(!result.ok);
  assert.equal(result.code, 'invalid-message');
  assert.match(result.detail, /^to\.1/);
});

test('size × recipients over the provider limit is refused before sending, with the numbers', async () => {
  const result = await prepareMessage(account(25, { maxMessageBytes: 2000 }), letter);
  assert.ok(!result.ok && result.code === 'too-large');
  assert.equal(result.recipientCount, 3);
  assert.equal(result.maxMessageBytes, 2000);
  assert.ok(result.sizeBytes * 3 > 2000 && result.sizeBytes <= 2000, `size ${result.sizeBytes}`);
  assert.match(result.detail, /× 3 recipients/);
});

test('more recipients than the provider allows is refused', async () => {
  const result = await prepareMessage(account(25, { maxRecipients: 2 }), letter);
  assert.ok(!result.ok && result.code === 'too-large');
  assert.equal(result.maxRecipients, 2);
  assert.match(result.detail, /3 recipients, the provider accepts at most 2/);
});
