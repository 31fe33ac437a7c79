import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeMessage, extractPostacert, searchableText } from '../../../src/main/pec';
import type { OriginalMessage } from '../../../src/shared/pec';
import { REAL_DIR } from './helpers/real-fixtures';
import { daticertXml, entity, envelopeHeaders, multipart, originalMessage, pecMessage, type TransferEncoding } from './helpers/pec-factory';

function envelopeAround(raw: Buffer, postacert: { encoding?: TransferEncoding; filename?: string } = {}): Buffer {
  return pecMessage({ headers: envelopeHeaders('posta-certificata'), daticert: { xml: daticertXml({ tipo: 'posta-certificata', ricevuta: 'completa' }) }, postacert: { raw, ...postacert } });
}

function original(raw: Buffer): OriginalMessage {
  const postacert = extractPostacert(raw);
  assert.ok(postacert, 'no postacert.eml found');
  return postacert.original;
}

test('the postacert.eml of the Aruba consegna comes back byte for byte with its summary', () => {
  const raw = readFileSync(path.join(REAL_DIR, 'aruba-2018-avvenuta-consegna-completa.eml'));
  const postacert = extractPostacert(raw);
  assert.ok(postacert);
  assert.ok(postacert.raw.toString('latin1').startsWith('Received: from [127.0.1.1]'));
  assert.ok(postacert.raw.toString('latin1').trimEnd().endsWith('--===============3780602758959172333==--'));
  assert.deepEqual(postacert.original, {
    from: 'l.battistini@pec.it',
    to: ['l.battistini@pec.it'],
    cc: [],
    subject: 'IT03339130126_00009.xml',
    date: '2018-11-13T15:39:26.000Z',
    messageId: '1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550',
    attachments: [{ filename: 'IT03339130126_00009.xml', contentType: 'application/octet-stream', size: 2126 }],
  });
});

test('an accettazione has no postacert.eml', () => {
  assert.equal(extractPostacert(readFileSync(path.join(REAL_DIR, 'aruba-2018-accettazione.eml'))), null);
});

for (const name of ['plain', 'html', 'newline', 'plain_and_html']) {
  test(`the real postacert-inner-${name}.eml sample gives the sender's own id and the PDF, not the body texts`, () => {
    const o = original(envelopeAround(readFileSync(path.join(REAL_DIR, `postacert-inner-${name}.eml`))));
    assert.equal(o.from, 'original.sende@pec.example.server.com');
    assert.deepEqual(o.to, ['PECUSER@PEC.EXAMPLE.IT']);
    assert.equal(o.subject, 'Test message with attachment');
    assert.equal(o.messageId, '222222222222222222222.JavaMail.root@drlinux0c.pec.example.server.com');
    assert.equal(o.date, '2017-06-05T14:56:38.000Z');
    assert.deepEqual(o.attachments, [{ filename: 'test.pdf', contentType: 'application/octet-stream', size: 73 }]);
  });
}

test('a postacert.eml that a webmail named after the subject is found by its type and place', () => {
  const o = original(envelopeAround(originalMessage({ subject: 'Richiesta documenti' }), { filename: 'Richiesta documenti.eml' }));
  assert.equal(o.subject, 'Richiesta documenti');
  assert.equal(o.messageId, '20240515.abc123@client.test');
});

test('a postacert.eml sent as application/octet-stream is found by its name', () => {
  const inner = originalMessage({ subject: 'Ottetti' });
  const container = multipart('multipart/mixed', [
    entity(['Content-Type: text/plain'], 'testo\r\n'),
    entity(['Content-Type: application/octet-stream; name="postacert.eml"', 'Content-Disposition: attachment; filename="postacert.eml"', 'Content-Transfer-Encoding: base64'], inner.toString('base64')),
  ]);
  const raw = Buffer.concat([Buffer.from(envelopeHeaders('posta-certificata').join('\r\n') + '\r\nMIME-Version: 1.0\r\n', 'latin1'), container]);
  assert.equal(original(raw).subject, 'Ottetti');
});

for (const encoding of ['7bit', '8bit', 'binary', 'base64', 'quoted-printable'] as const) {
  test(`a postacert.eml sent as ${encoding} is read`, () => {
    const o = original(envelopeAround(originalMessage({ subject: 'Codifica' }), { encoding }));
    assert.equal(o.subject, 'Codifica');
    assert.equal(o.messageId, '20240515.abc123@client.test');
  });
}

test('a postacert.eml part without Content-Transfer-Encoding is read', () => {
  const raw = envelopeAround(originalMessage({ subject: 'Nessuna codifica' }));
  const without = Buffer.from(raw.toString('latin1').replace('Content-Disposition: inline; filename="postacert.eml"\r\nContent-Transfer-Encoding: 7bit\r\n', 'Content-Disposition: inline; filename="postacert.eml"\r\n'), 'latin1');
  assert.notDeepEqual(without, raw);
  assert.equal(original(without).subject, 'Nessuna codifica');
});

test('a message forwarded inside the original is an attachment, not the postacert', () => {
  const forwarded = originalMessage({ subject: 'Messaggio inoltrato', messageId: 'inner@example.com' });
  const inner = Buffer.concat([
    Buffer.from('From: mario@pec.alfa.test\r\nTo: ufficio@pec.beta.test\r\nSubject: Ti giro questo\r\nMessage-ID: <opec.1@pec.alfa.test>\r\nX-Riferimento-Message-ID: <mine@client.test>\r\nMIME-Version: 1.0\r\n', 'latin1'),
    multipart('multipart/mixed', [entity(['Content-Type: text/plain'], 'vedi sotto\r\n'), entity(['Content-Type: message/rfc822'], forwarded)]),
  ]);
  const o = original(envelopeAround(inner));
  assert.equal(o.subject, 'Ti giro questo');
  assert.equal(o.messageId, 'mine@client.test');
  assert.deepEqual(
    o.attachments.map((a) => a.contentType),
    ['message/rfc822'],
  );
});

test('attachment names in RFC 2047 and RFC 2231 form are decoded', () => {
  const inner = Buffer.concat([
    Buffer.from('From: mario@pec.alfa.test\r\nTo: ufficio@pec.beta.test\r\nSubject: =?utf-8?Q?Fattura_n=C2=B0_12_=E2=80=93_cos=C3=AC?=\r\nMIME-Version: 1.0\r\n', 'latin1'),
    multipart('multipart/mixed', [
      entity(['Content-Type: text/plain'], 'ciao\r\n'),
      entity(['Content-Type: text/plain; name="=?utf-8?Q?xdcr=5F2022=5F02.txt?="', 'Content-Disposition: attachment'], 'x'),
      entity(["Content-Type: application/pdf", "Content-Disposition: attachment; filename*0*=utf-8''citt%C3%A0%20di; filename*1*=%20Forl%C3%AC.pdf"], 'y'),
      entity(['Content-Type: application/pdf; name="=?iso-8859-1?B?cGVyY2jpLnBkZg==?="'], 'z'),
    ]),
  ]);
  const o = original(envelopeAround(inner));
  assert.equal(o.subject, 'Fattura n° 12 – così');
  assert.deepEqual(
    o.attachments.map((a) => a.filename),
    ['xdcr_2022_02.txt', 'città di Forlì.pdf', 'perché.pdf'],
  );
});

test('an ordinary message has no original: its own headers are in outer', async () => {
  const result = await analyzeMessage(originalMessage({ subject: 'Posta normale', attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('x') }] }));
  assert.ok(result.ok);
  assert.equal(result.analysis.original, null);
  assert.equal(result.analysis.outer.subject, 'Posta normale');
  assert.equal(result.analysis.outer.from, 'mario@pec.alfa.test');
});

test('a postacert.eml that nests message/rfc822 10,000 deep is read at its own level only', async () => {
  const nested = Buffer.from(`${'Content-Type: message/rfc822\r\n\r\n'.repeat(10_000)}From: x@y.test\r\n\r\nfondo\r\n`);
  const inner = Buffer.concat([Buffer.from('From: mario@pec.alfa.test\r\nSubject: Matrioska\r\nContent-Type: message/rfc822\r\n\r\n'), nested]);
  const result = await analyzeMessage(envelopeAround(inner));
  assert.ok(result.ok);
  assert.equal(result.analysis.original?.subject, 'Matrioska');
  assert.deepEqual(result.analysis.original?.attachments.map((a) => a.contentType), ['message/rfc822']);
  assert.equal(searchableText(envelopeAround(inner), 'envelope').senderNames, '');
});
