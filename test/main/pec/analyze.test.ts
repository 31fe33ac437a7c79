import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { analyzeMessage } from '../../../src/main/pec';
import type { PecAnalysis, ReceiptType, ReceiptVariant } from '../../../src/shared/pec';
import { REAL_DIR, REAL_FIXTURES } from './helpers/real-fixtures';
import { daticertXml, entity, envelopeHeaders, multipart, originalMessage, pecMessage, receiptHeaders, testPki, toLf } from './helpers/pec-factory';

async function analyze(raw: Buffer, options = {}): Promise<PecAnalysis> {
  const result = await analyzeMessage(raw, options);
  assert.ok(result.ok, `not read as a message: ${JSON.stringify(result)}`);
  return result.analysis;
}

test('every real provider file in pec-real has an expectation', () => {
  const files = readdirSync(REAL_DIR).filter((f) => f.endsWith('.eml'));
  assert.deepEqual(files.sort(), REAL_FIXTURES.map((e) => e.file).sort());
});

for (const expected of REAL_FIXTURES) {
  test(`${expected.file} reads as ${expected.kind}${expected.receiptType ? ` ${expected.receiptType}` : ''}`, async () => {
    const a = await analyze(readFileSync(path.join(REAL_DIR, expected.file)));
    assert.equal(a.kind, expected.kind);
    assert.equal(a.receipt?.type, expected.receiptType);
    if (expected.receiptType) {
      assert.equal(a.receipt?.variant, expected.variant);
      assert.equal(a.receipt?.refMessageId, expected.refMessageId);
    }
    if (expected.identificativo !== undefined) assert.equal(a.identificativo, expected.identificativo);
    assert.equal(a.signature.present, expected.signature !== null);
    assert.equal(a.signature.valid, expected.signature);
    if (expected.original === null) assert.equal(a.original, null);
    else if (expected.original) {
      assert.ok(a.original);
      assert.equal(a.original.from, expected.original.from);
      assert.equal(a.original.subject, expected.original.subject);
      assert.equal(a.original.messageId, expected.original.messageId);
      assert.deepEqual(
        a.original.attachments.map((x) => x.filename),
        expected.original.attachments,
      );
    }
    if (expected.problems) assert.match(a.problems.join('\n'), expected.problems);
  });
}

test('the Aruba 2018 consegna gives every receipt fact from daticert.xml', async () => {
  const a = await analyze(readFileSync(path.join(REAL_DIR, 'aruba-2018-avvenuta-consegna-completa.eml')));
  assert.deepEqual(a.receipt, {
    type: 'avvenuta-consegna',
    variant: 'completa',
    refMessageId: '1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550',
    identificativo: 'opec288.20181113163926.01838.310.1.63@pec.aruba.it',
    issuer: 'ARUBA PEC S.p.A.',
    timestamp: '2018-11-13T16:39:27+01:00',
    recipients: [{ address: 'l.battistini@pec.it', type: 'certificato' }],
    deliveredTo: 'l.battistini@pec.it',
    error: 'nessuno',
    errorDetail: null,
  });
  assert.deepEqual(a.original?.attachments, [{ filename: 'IT03339130126_00009.xml', contentType: 'application/octet-stream', size: 2126 }]);
  assert.equal(a.original?.date, '2018-11-13T15:39:26.000Z');
  assert.deepEqual(a.problems, []);
});

test('the fakepec non-delivery notice reports no-dest with the provider text', async () => {
  const a = await analyze(readFileSync(path.join(REAL_DIR, 'fakepec-2024-errore-consegna-no-dest-anonymized.eml')));
  assert.equal(a.receipt?.error, 'no-dest');
  assert.equal(a.receipt?.errorDetail, '5.1.1 - FAKE Pec S.p.A. - indirizzo non valido');
  assert.equal(a.receipt?.deliveredTo, 'rec@fakepec.it');
  assert.equal(a.receipt?.timestamp, '2024-11-15T18:21:03+01:00');
});

test('an envelope names the real sender, not the provider that sent it "per conto di"', async () => {
  const a = await analyze(readFileSync(path.join(REAL_DIR, 'aruba-2023-posta-certificata-completa.eml')));
  assert.equal(a.outer.from, 'posta-certificata@pec.aruba.it');
  assert.equal(a.original?.from, 'sviluppo@pec.datamanagementitalia.it');
  assert.equal(a.requestedVariant, 'completa');
  assert.equal(a.outer.refMessageId, 'RZLFE1$D00882600B2330420CAE7B3643F81CDD@pec.datamanagementitalia.it');
});

const { provider } = testPki();
const sign = { signer: provider, digest: 'sha1' as const };
const consegnaTypes: Array<{ type: ReceiptType; extra?: Partial<Parameters<typeof daticertXml>[0]> }> = [
  { type: 'accettazione' },
  { type: 'non-accettazione', extra: { errore: 'altro', erroreEsteso: 'Destinatari in Bcc non ammessi' } },
  { type: 'presa-in-carico', extra: { ricezione: ['ufficio@pec.beta.test'] } },
  { type: 'avvenuta-consegna', extra: { ricevuta: 'completa', consegna: 'ufficio@pec.beta.test' } },
  { type: 'errore-consegna', extra: { errore: 'no-dominio', consegna: 'ufficio@pec.beta.test', erroreEsteso: '5.1.2 - dominio non valido' } },
  { type: 'preavviso-errore-consegna', extra: { errore: 'altro', consegna: 'ufficio@pec.beta.test', erroreEsteso: '5.4.1 - tempo massimo superato' } },
  { type: 'rilevazione-virus', extra: { errore: 'virus', consegna: 'ufficio@pec.beta.test', erroreEsteso: 'virus rilevato' } },
];

for (const { type, extra } of consegnaTypes) {
  test(`a signed ${type} receipt reads as that receipt with its daticert facts`, async () => {
    const raw = pecMessage({ headers: receiptHeaders(type), daticert: { xml: daticertXml({ tipo: type, ...extra }) }, sign });
    const a = await analyze(raw);
    assert.equal(a.kind, 'receipt');
    assert.equal(a.receipt?.type, type);
    assert.equal(a.receipt?.variant, type === 'avvenuta-consegna' ? 'completa' : null);
    assert.equal(a.receipt?.identificativo, 'opec210.20240515101500.12345.67.1.89@pec.alfa.test');
    assert.equal(a.receipt?.timestamp, '2024-05-15T10:15:00+02:00');
    assert.equal(a.receipt?.issuer, 'Alfa PEC S.p.A.');
    assert.equal(a.receipt?.error, (extra?.errore as string | undefined) ?? 'nessuno');
    assert.equal(a.receipt?.errorDetail, extra?.erroreEsteso ?? null);
    assert.equal(a.receipt?.deliveredTo, extra?.consegna ?? null);
    assert.equal(a.signature.valid, true);
    assert.deepEqual(a.problems, []);
  });
}

const variantCases: Array<{ variant: ReceiptVariant; postacert: boolean; inDaticert: boolean }> = [
  { variant: 'completa', postacert: true, inDaticert: true },
  { variant: 'breve', postacert: true, inDaticert: true },
  { variant: 'sintetica', postacert: false, inDaticert: true },
  { variant: 'completa', postacert: true, inDaticert: false },
  { variant: 'sintetica', postacert: false, inDaticert: false },
];
for (const { variant, postacert, inDaticert } of variantCases) {
  test(`an avvenuta-consegna ${variant}${inDaticert ? '' : ' whose daticert omits <ricevuta>'} reads as ${variant}`, async () => {
    const original = originalMessage({ attachments: [{ filename: 'contratto.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') }] });
    const raw = pecMessage({
      headers: receiptHeaders('avvenuta-consegna'),
      daticert: { xml: daticertXml({ tipo: 'avvenuta-consegna', ricevuta: inDaticert ? variant : undefined, consegna: 'ufficio@pec.beta.test' }) },
      postacert: postacert ? { raw: original } : null,
      sign,
    });
    const a = await analyze(raw);
    assert.equal(a.receipt?.variant, variant);
    assert.equal(a.original === null, !postacert);
    if (postacert) {
      assert.equal(a.original?.messageId, '20240515.abc123@client.test');
      assert.deepEqual(a.original?.attachments, [{ filename: 'contratto.pdf', contentType: 'application/pdf', size: 13 }]);
    }
  });
}

test('a busta di anomalia reads as anomaly with the message it wraps, without daticert', async () => {
  const received = originalMessage({ subject: 'Posta ordinaria', messageId: 'plain.1@mail.example' });
  const raw = pecMessage({ headers: envelopeHeaders('errore'), postacert: { raw: received }, sign });
  const a = await analyze(raw);
  assert.equal(a.kind, 'anomaly');
  assert.equal(a.receipt, null);
  assert.equal(a.original?.subject, 'Posta ordinaria');
  assert.equal(a.original?.messageId, 'plain.1@mail.example');
  assert.deepEqual(a.problems, []);
});

test('a generated busta di trasporto gives the original with To, Cc and the requested variant', async () => {
  const original = originalMessage({ to: ['ufficio@pec.beta.test'], cc: ['info@beta.test'] });
  const raw = pecMessage({
    headers: envelopeHeaders('posta-certificata', ['X-TipoRicevuta: breve']),
    daticert: { xml: daticertXml({ tipo: 'posta-certificata', ricevuta: 'breve' }) },
    postacert: { raw: original },
    sign,
  });
  const a = await analyze(raw);
  assert.equal(a.kind, 'envelope');
  assert.equal(a.requestedVariant, 'breve');
  assert.deepEqual(a.original?.to, ['ufficio@pec.beta.test']);
  assert.deepEqual(a.original?.cc, ['info@beta.test']);
  assert.equal(a.identificativo, 'opec210.20240515101500.12345.67.1.89@pec.alfa.test');
});

test('an ordinary message with the subject "CONSEGNA: …" stays ordinary', async () => {
  const raw = Buffer.from(
    'From: truffa@example.com\r\nTo: mario@pec.alfa.test\r\nSubject: CONSEGNA: Richiesta documenti\r\nX-Riferimento-Message-ID: <20240515.abc123@client.test>\r\nMessage-ID: <x1@example.com>\r\n\r\nConsegnato, fidati.\r\n',
  );
  const a = await analyze(raw);
  assert.equal(a.kind, 'ordinary');
  assert.equal(a.receipt, null);
  assert.equal(a.original, null);
  assert.equal(a.signature.present, false);
});

test('a receipt forwarded as an attachment inside an ordinary message is not a receipt', async () => {
  const receipt = readFileSync(path.join(REAL_DIR, 'aruba-2018-avvenuta-consegna-completa.eml'));
  const forward = Buffer.concat([
    Buffer.from('From: collega@example.com\r\nTo: mario@pec.alfa.test\r\nSubject: Fwd: CONSEGNA: IT03339130126_00009.xml\r\nMIME-Version: 1.0\r\n', 'latin1'),
    multipart('multipart/mixed', [entity(['Content-Type: text/plain'], 'Ti inoltro la ricevuta.\r\n'), entity(['Content-Type: message/rfc822; name="ricevuta.eml"'], receipt)]),
  ]);
  const a = await analyze(forward);
  assert.equal(a.kind, 'ordinary');
  assert.equal(a.receipt, null);
  assert.equal(a.signature.present, false);
});

test('an LF-only copy of a signed receipt reads and verifies the same', async () => {
  const raw = pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml: daticertXml({ tipo: 'accettazione' }) }, sign });
  const a = await analyze(toLf(raw));
  assert.equal(a.receipt?.type, 'accettazione');
  assert.equal(a.receipt?.identificativo, 'opec210.20240515101500.12345.67.1.89@pec.alfa.test');
  assert.equal(a.signature.valid, true);
});

test('when X-Ricevuta and daticert disagree the header decides and a problem is reported', async () => {
  const raw = pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml: daticertXml({ tipo: 'non-accettazione' }) }, sign });
  const a = await analyze(raw);
  assert.equal(a.receipt?.type, 'accettazione');
  assert.match(a.problems.join('\n'), /X-Ricevuta says accettazione but daticert\.xml says non-accettazione/);
});

test('a receipt without daticert falls back on daticert-free facts and says what is missing', async () => {
  const raw = pecMessage({ headers: receiptHeaders('accettazione'), sign });
  const a = await analyze(raw);
  assert.equal(a.receipt?.refMessageId, '20240515.abc123@client.test');
  assert.equal(a.receipt?.identificativo, null);
  assert.equal(a.receipt?.error, 'nessuno');
  assert.match(a.problems.join('\n'), /daticert\.xml is missing/);
});

test('a receipt without X-Riferimento-Message-ID links through daticert msgid', async () => {
  const headers = receiptHeaders('accettazione').filter((h) => !h.startsWith('X-Riferimento'));
  const raw = pecMessage({ headers, daticert: { xml: daticertXml({ tipo: 'accettazione', msgid: '<pecdesk.abc@pec.alfa.test>' }) }, sign });
  assert.equal((await analyze(raw)).receipt?.refMessageId, 'pecdesk.abc@pec.alfa.test');
});

test('a hostile daticert inside a receipt is reported as a problem, never expanded', async () => {
  const xml = '<?xml version="1.0"?><!DOCTYPE postacert [<!ENTITY x SYSTEM "file:///etc/passwd">]><postacert tipo="accettazione">&x;</postacert>';
  const a = await analyze(pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml }, sign }));
  assert.equal(a.kind, 'receipt');
  assert.match(a.problems.join('\n'), /declares entities/);
  assert.equal(a.receipt?.issuer, null);
});

test('a receipt whose daticert nests 100,000 elements deep is read as a receipt with the problem named, in bounded memory', async () => {
  // Once this ran out of memory at 3.7 GB and the message was lost.
  const xml = `<?xml version="1.0"?><postacert tipo="accettazione" errore="nessuno">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</postacert>`;
  const a = await analyze(pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml }, sign }));
  assert.equal(a.receipt?.type, 'accettazione');
  assert.equal(a.signature.valid, true);
  assert.match(a.problems.join('\n'), /daticert\.xml nests elements more than 64 deep/);
  assert.ok(process.resourceUsage().maxRSS < 1024 * 1024, `peak RSS ${process.resourceUsage().maxRSS} KB`);
});

test('a 50 MB daticert part is refused without hanging', async () => {
  const xml = Buffer.alloc(50 * 1024 * 1024, 'a');
  const a = await analyze(pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml, encoding: 'binary' }, sign: null }));
  assert.equal(a.receipt?.type, 'accettazione');
  assert.match(a.problems.join('\n'), /too large/);
});

test('a Content-Type parameter named constructor* is read as a parameter, and the message classified', async () => {
  const raw = Buffer.from(`From: a@pec.alfa.test\r\nSubject: x\r\nContent-Type: text/plain; constructor*="x"; charset=utf-8\r\n\r\nciao\r\n`);
  assert.equal((await analyze(raw)).kind, 'ordinary');
});

const notMessages: Array<[string, Buffer, string]> = [
  ['an empty file', Buffer.alloc(0), 'empty'],
  ['a file of blank lines', Buffer.from('\r\n\r\n  \n'), 'empty'],
  ['a PNG image', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), 'not-a-message'],
  ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'not-a-message'],
  ['a text with no header block', Buffer.from('Caro Mario,\nti scrivo per la riunione.\n\nCiao\n'), 'not-a-message'],
  ['a text whose first line merely has a colon', Buffer.from('Nota: comprare il latte\nE il pane.\n'), 'not-a-message'],
];
for (const [name, raw, code] of notMessages) {
  test(`${name} is not read as a message (${code})`, async () => {
    const result = await analyzeMessage(raw);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, code);
    assert.ok(!result.ok && result.detail.length > 0);
  });
}

test('a minimal header-only message is still a message', async () => {
  const a = await analyze(Buffer.from('Subject: solo intestazione\r\n'));
  assert.equal(a.kind, 'ordinary');
  assert.equal(a.outer.subject, 'solo intestazione');
});

test('damaged copies of real provider files (cut short, bytes overwritten) are read without throwing', async () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const file of ['aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2023-posta-certificata-completa.eml', 'fakepec-2024-errore-consegna-no-dest-anonymized-with-p7s.eml']) {
    const raw = readFileSync(path.join(REAL_DIR, file));
    for (let i = 0; i < 150; i++) {
      const damaged = Buffer.from(raw.subarray(0, i % 2 ? raw.length : Math.floor(random() * raw.length)));
      for (let j = 0; j < 10; j++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      const result = await analyzeMessage(damaged);
      assert.equal(typeof result.ok, 'boolean');
    }
  }
});
