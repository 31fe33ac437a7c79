import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { readMessage } from '../../../../src/main/attachments';
import { outgoingMessageSchema, prepareCheckedMessage, prepareMessage } from '../../../../src/main/mail/smtp';
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

test('a logo pasted as a data: image goes out once as an inline cid: part, and reads back as part of the body, not as an attachment', async () => {
  const logo = fs.readFileSync(path.join(__dirname, '../../../fixtures/images/logo-studio.png'));
  const src = `data:image/png;base64,${logo.toString('base64')}`;
  const html = `<p>Buongiorno,</p><p><img src="${src}" alt="logo"></p><div class="signature"><img alt="Studio" src="${src}"> Studio Rossi</div>`;
  const result = await prepareMessage(account(25), { to: ['bianchi@pec.beta.test'], subject: 'Con logo', html, attachments: [{ filename: 'atto.pdf', content: Buffer.from('%PDF-1.4\n'), contentType: 'application/pdf' }] });
  assert.ok(result.ok);
  const text = result.message.raw.toString('latin1');
  assert.doesNotMatch(text, /data:image/, 'no data: URI is left in the HTML');
  assert.match(text, /multipart\/related/);

  const parsed = await simpleParser(result.message.raw);
  const inline = parsed.attachments.filter((a) => a.related);
  assert.equal(inline.length, 1, 'the same image twice travels once');
  assert.ok(inline[0].content.equals(logo), 'the image bytes are the logo');
  assert.equal(inline[0].contentType, 'image/png');
  assert.equal(inline[0].cid, `img1.${result.message.messageId}`);
  assert.equal(parsed.attachments.filter((a) => !a.related).map((a) => a.filename).join(), 'atto.pdf');

  const read = await readMessage(result.message.raw);
  assert.deepEqual(read.attachments.map((a) => a.filename), ['atto.pdf'], 'the reader lists the PDF, not the logo');
  assert.equal(read.html?.match(/src="data:image\/png;base64,/g)?.length, 2, 'both places show the logo when read');
});

test('HTML without data: images is sent as written', async () => {
  const html = '<p>Nessuna immagine: <img src="cid:esistente@x" alt=""> e <a href="data:text/plain,ciao">un link</a></p>';
  const result = await prepareMessage(account(25), { to: ['bianchi@pec.beta.test'], subject: 'x', html });
  assert.ok(result.ok);
  const parsed = await simpleParser(result.message.raw);
  assert.equal(String(parsed.html).trimEnd(), html);
  assert.equal(parsed.attachments.length, 0);
});

test('a message checked by its caller is built as the schema would have it, and a malformed address in it is still refused', async () => {
  const checked = outgoingMessageSchema.parse(letter);
  const [viaSchema, viaChecked] = await Promise.all([prepareMessage(account(25), letter), prepareCheckedMessage(account(25), checked)]);
  assert.ok(viaSchema.ok && viaChecked.ok);
  assert.deepEqual(viaChecked.message.envelope, viaSchema.message.envelope);
  // The same bytes but for what each preparation draws anew (Message-ID, MIME boundaries, date).
  const drawn = (raw: Buffer, id: string) => raw.toString('latin1').replaceAll(id, 'ID').replace(/^Date: .*$/m, 'Date').replace(/--_NmP-[0-9a-f-]+-Part_\d+/g, 'B');
  assert.equal(drawn(viaChecked.message.raw, viaChecked.message.messageId), drawn(viaSchema.message.raw, viaSchema.message.messageId));
  for (const [field, address] of [['to', 'non-un-indirizzo'], ['to', ' bianchi@pec.beta.test'], ['cc', 'neri@pec.delta.test\r\nBcc: x@y.it']] as const) {
    const result = await prepareCheckedMessage(account(25), { ...checked, [field]: [{ name: '', address }] });
    assert.ok(!result.ok);
    assert.equal(result.code, 'invalid-message');
    assert.match(result.detail, new RegExp(`^${field}: `));
  }
});
