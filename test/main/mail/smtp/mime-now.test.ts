import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { encodeAttachments, EncodedAttachment, prepareMessage } from '../../../../src/main/mail/smtp';
import { buildNow } from '../../../../src/main/mail/smtp/mime-now';
import { account, letter } from './fixtures';

// Two trees compiled from the same options differ only in the random part of their boundaries.
const sameBoundaries = (raw: Buffer) => raw.toString('latin1').replace(/_NmP-[0-9a-f]+-Part_/g, '_NmP-<b>-Part_');

/** A tree as prepareMessage compiles it (CRLF, no file or URL access), with a fixed date and id. */
function compiled(options: Mail.Options) {
  const base = { from: { name: 'Studio Rossi', address: 'studio.rossi@pec.alfa.test' }, messageId: '<fisso@pec.alfa.test>', date: new Date('2026-03-02T09:00:00Z') };
  return new MailComposer({ ...base, ...options, newline: 'win', disableFileAccess: true, disableUrlAccess: true }).compile();
}

async function assertSameAsStreams(name: string, options: Mail.Options): Promise<void> {
  const now = buildNow(compiled(options));
  assert.ok(now, `${name}: written in one pass`);
  const streamed = await compiled(options).build();
  assert.equal(sameBoundaries(now), sameBoundaries(streamed), name);
}

const accented = 'Gentile Sig.ra Maria Luisa D’Amico,\n\nle comunichiamo che la sua pratica è stata accolta: può ritirare il documento già firmato presso il nostro studio, così come indicato.\n\nCordiali saluti\n';
const longAscii = `${'parola '.repeat(40)}\n${'x'.repeat(200)}\nriga con spazi in fondo   \nultima riga senza fine`;
const pdf = { filename: 'comunicazione è.pdf', content: Buffer.from(Array.from({ length: 5_000 }, (_, i) => i % 256)), contentType: 'application/pdf' };
const textFile = { filename: 'nota.txt', content: Buffer.from('prima riga\nseconda riga con è\n') };
const forwarded = { filename: 'inoltrato.eml', content: Buffer.from('Subject: inoltro\r\n\r\ntesto\r\n') };

const cases: [string, Mail.Options][] = [
  ['a short ASCII letter (7bit)', { to: { name: 'Cliente 1', address: 'cliente1@pec.beta.test' }, subject: 'Comunicazione per Cliente 1', text: 'Gentile Cliente 1,\n\nin allegato la comunicazione.\n' }],
  ['accented Italian (quoted-printable), accented name and subject', { to: { name: 'Niccolò Ferrè', address: 'n.ferre@pec.beta.test' }, subject: 'Comunicazione già inviata: è urgente', text: accented }],
  ['long lines, trailing spaces, no final line end', { to: 'a@pec.beta.test', subject: 'righe lunghe', text: longAscii }],
  ['mostly non-Latin text (base64)', { to: 'a@pec.beta.test', subject: '通知', text: '通知'.repeat(300) }],
  ['CRLF and LF mixed, a lone CR', { to: 'a@pec.beta.test', subject: 'a capo', text: 'uno\r\ndue\ntre\rquattro\r\n' }],
  ['a text alone starting with LF and ending with a lone CR (line ends across pieces)', { to: 'a@pec.beta.test', subject: 'bordi', text: '\nprima\rseconda\r' }],
  ['an empty text', { to: 'a@pec.beta.test', subject: 'vuoto', text: '' }],
  ['a text over 64 KiB (the encoder streams work in slices)', { to: 'a@pec.beta.test', subject: 'lungo', text: accented.repeat(400) }],
  ['HTML and text (multipart/alternative)', { to: 'a@pec.beta.test', subject: 'html', text: accented, html: `<p>${accented.replace(/\n/g, '<br>')}</p>` }],
  ['an inline image (multipart/related)', { to: 'a@pec.beta.test', subject: 'logo', html: '<p><img src="cid:logo@x"></p>', attachments: [{ filename: 'logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), cid: 'logo@x' }] }],
  ['files as content: binary, text with a bare LF, a forwarded message', { to: 'a@pec.beta.test', subject: 'allegati', text: 'vedi allegati', attachments: [pdf, textFile, forwarded] }],
  ['Cc, a receipt variant, a reply', { to: 'a@pec.beta.test', cc: ['b@pec.gamma.test'], subject: 'risposta', text: 'ok', headers: { 'X-TipoRicevuta': 'breve' }, inReplyTo: '<prima@pec.beta.test>', references: ['<prima@pec.beta.test>'] }],
];

for (const [name, options] of cases) {
  test(`one pass writes the bytes nodemailer's streams write: ${name}`, () => assertSameAsStreams(name, options));
}

test('one pass writes the bytes nodemailer\'s streams write with files encoded once (a bulk send\'s letter)', async () => {
  const encoded = await encodeAttachments([pdf, textFile, forwarded]);
  assert.equal(encoded.filter((a) => a instanceof EncodedAttachment).length, 2);
  const attachments = encoded.map((a) => (a instanceof EncodedAttachment ? { filename: a.filename, raw: a.part } : a));
  await assertSameAsStreams('encoded files', { to: 'a@pec.beta.test', subject: 'allegati', text: accented, attachments, headers: { 'X-TipoRicevuta': 'sintetica' } });
});

test('a tree with a stream in it is left to nodemailer\'s streams', async () => {
  const options = (): Mail.Options => ({ to: 'a@pec.beta.test', subject: 'flusso', text: 'testo', attachments: [{ filename: 'dati.bin', content: Readable.from([Buffer.from('dati')]) }] });
  assert.equal(buildNow(compiled(options())), null);
  // What prepareMessage does then: the streams build it, whole.
  const streamed = await compiled(options()).build();
  assert.match(streamed.toString('latin1'), /ZGF0aQ==/);
});

test('a prepared message is the message nodemailer\'s streams build, ending with CRLF', async () => {
  const prepared = await prepareMessage(account(25), { ...letter, text: accented, date: new Date('2026-03-02T09:00:00Z') });
  assert.ok(prepared.ok);
  const { raw, messageId } = prepared.message;
  const again = compiled({
    from: { name: 'Studio Rossi', address: 'studio.rossi@pec.alfa.test' },
    to: letter.to as Mail.Options['to'],
    cc: letter.cc as Mail.Options['cc'],
    bcc: [],
    subject: letter.subject,
    text: accented,
    attachments: letter.attachments as Mail.Attachment[],
    messageId: `<${messageId}>`,
    headers: {},
  });
  assert.equal(sameBoundaries(raw), sameBoundaries(await again.build()));
  assert.ok(raw.subarray(-2).equals(Buffer.from('\r\n')));
});
