import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EncodedAttachment, encodeAttachments, prepareMessage, type OutgoingMessage } from '../../../../src/main/mail/smtp';
import { account, letter } from './fixtures';

// Everything that differs between two preparations of one letter: its Message-ID and the random
// part of its MIME boundaries.
function comparable(raw: Buffer, messageId: string): string {
  return raw.toString('latin1').split(messageId).join('<id>').replace(/_NmP-[0-9a-f]+-Part_/g, '_NmP-<b>-Part_');
}

const files = [
  // A binary file over several base64 lines, a text file with a bare LF, an accented name.
  { filename: 'comunicazione è.pdf', content: Buffer.from(Array.from({ length: 5_000 }, (_, i) => i % 256)), contentType: 'application/pdf' },
  { filename: 'nota.txt', content: Buffer.from('prima riga\nseconda riga\n') },
  // A forwarded message: nodemailer does not encode message/*, so it stays as given.
  { filename: 'inoltrato.eml', content: Buffer.from('Subject: inoltro\r\n\r\ntesto\r\n') },
];

test('a message with its files encoded once is byte for byte the message with the files given as content', async () => {
  const date = new Date('2026-03-02T09:00:00Z');
  const input: OutgoingMessage = { ...letter, html: '<p>Gentile collega</p>', attachments: files, date };
  const encoded = await encodeAttachments(files);
  assert.equal(encoded.filter((a) => a instanceof EncodedAttachment).length, 2, 'the pdf and the text are encoded, the message/rfc822 is not');
  const [plain, reused] = await Promise.all([prepareMessage(account(25), input), prepareMessage(account(25), { ...input, attachments: encoded })]);
  assert.ok(plain.ok && reused.ok);
  assert.equal(comparable(reused.message.raw, reused.message.messageId), comparable(plain.message.raw, plain.message.messageId));
  assert.equal(reused.message.raw.length, plain.message.raw.length);
});

test('encoded files serve many messages, each with its own Message-ID', async () => {
  const encoded = await encodeAttachments(files.slice(0, 1));
  const [a, b] = await Promise.all([prepareMessage(account(25), { ...letter, attachments: encoded }), prepareMessage(account(25), { ...letter, attachments: encoded })]);
  assert.ok(a.ok && b.ok);
  assert.notEqual(a.message.messageId, b.message.messageId);
  const part = (encoded[0] as EncodedAttachment).part.toString('latin1');
  assert.ok(a.message.raw.toString('latin1').includes(part) && b.message.raw.toString('latin1').includes(part));
});
