import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ReceiptType } from '../../../src/shared/pec';
import { createSandboxPki, type SandboxPki } from '../../../sandbox';
import {
  certifiedFacts,
  composeAnomaly,
  composeEnvelope,
  composeReceipt,
  readSubmission,
  type CertifiedFacts,
  type ReceiptSpec,
  type SubmittedMessage,
} from '../../../sandbox/provider';
import { assertSignedPecMessage, header, opensslVerifies } from '../helpers';

const ARUBA_ACCETTAZIONE = path.join(__dirname, '../../fixtures/pec-real/aruba-2018-accettazione.eml');

let pki: SandboxPki;
let tmp: string;
let ca: { pem: string; file: string };
let original: SubmittedMessage;
let facts: CertifiedFacts;
const attachment = Buffer.from('%PDF-1.4 contratto firmato '.repeat(20));

before(async () => {
  pki = await createSandboxPki();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-compose-'));
  ca = { pem: pki.ca.certPem, file: path.join(tmp, 'ca.pem') };
  fs.writeFileSync(ca.file, ca.pem);
  const raw = await new MailComposer({
    from: 'Mario Rossi <mario.rossi@pec.alfa.test>',
    to: 'ufficio@pec.beta.test, Info <info@mail.gamma.test>',
    cc: 'studio@pec.alfa.test',
    subject: 'Contratto – città di Prato',
    messageId: '<20240515.abc123@client.example>',
    text: 'Buongiorno, in allegato il contratto.',
    attachments: [{ filename: 'contratto.pdf', content: attachment }],
  })
    .compile()
    .build();
  original = readSubmission(raw);
  facts = certifiedFacts(original, 'opec210.20240515101500.12345.67.1.89@pec.alfa.test', (a) => a.includes('@pec.'));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const alfa = () => pki.providers[0];
const beta = () => pki.providers[1];

test('a submitted message is read as an access point reads it: one From, To and Cc, decoded subject, completa by default', () => {
  assert.deepEqual(original.from, ['mario.rossi@pec.alfa.test']);
  assert.deepEqual(original.to, ['ufficio@pec.beta.test', 'info@mail.gamma.test']);
  assert.deepEqual(original.cc, ['studio@pec.alfa.test']);
  assert.equal(original.subject, 'Contratto – città di Prato');
  assert.equal(original.tipoRicevuta, 'completa');
  assert.deepEqual(facts.destinatari.map((d) => d.type), ['certificato', 'esterno', 'certificato']);
  assert.equal(facts.risposte, 'mario.rossi@pec.alfa.test');
});

test('every receipt the composer makes is signed, verifies with openssl and reads as its type in PecDesk', async () => {
  const cases: [ReceiptSpec, ReceiptType, boolean][] = [
    [{ type: 'accettazione' }, 'accettazione', false],
    [{ type: 'non-accettazione', erroreEsteso: 'Destinatari in Bcc non ammessi' }, 'non-accettazione', false],
    [{ type: 'non-accettazione', errore: 'virus', erroreEsteso: 'Virus rilevato' }, 'non-accettazione', false],
    [{ type: 'presa-in-carico', ricezione: ['ufficio@pec.beta.test'] }, 'presa-in-carico', false],
    [{ type: 'avvenuta-consegna', consegna: 'ufficio@pec.beta.test', variant: 'completa', original: original.raw }, 'avvenuta-consegna', true],
    [{ type: 'avvenuta-consegna', consegna: 'ufficio@pec.beta.test', variant: 'breve', original: original.raw }, 'avvenuta-consegna', true],
    [{ type: 'avvenuta-consegna', consegna: 'ufficio@pec.beta.test', variant: 'sintetica', original: original.raw }, 'avvenuta-consegna', false],
    [{ type: 'avvenuta-consegna', consegna: 'studio@pec.alfa.test', variant: 'completa', original: original.raw, inCopia: true }, 'avvenuta-consegna', false],
    [{ type: 'errore-consegna', consegna: 'x@pec.beta.test', errore: 'no-dest', erroreEsteso: '5.1.1 - Beta PEC S.r.l. - indirizzo non valido' }, 'errore-consegna', false],
    [{ type: 'preavviso-errore-consegna', consegna: 'ufficio@pec.beta.test', erroreEsteso: '4.4.7 - ritardo' }, 'preavviso-errore-consegna', false],
    [{ type: 'rilevazione-virus', consegna: 'ufficio@pec.beta.test', erroreEsteso: 'virus' }, 'rilevazione-virus', false],
  ];
  for (const [spec, type, withPostacert] of cases) {
    for (const provider of [alfa(), beta()]) {
      const raw = composeReceipt(provider, facts, spec);
      const analysis = await assertSignedPecMessage(raw, ca, 'receipt', type);
      assert.equal(analysis.receipt?.identificativo, facts.identificativo);
      assert.equal(analysis.receipt?.refMessageId, '20240515.abc123@client.example');
      assert.equal(analysis.receipt?.issuer, provider.name);
      assert.equal(analysis.original !== null, withPostacert, `${type} ${JSON.stringify(spec).slice(0, 80)}`);
      assert.equal(header(raw, 'From'), `posta-certificata@${provider.domain}`);
      assert.ok(!/(?<!\r)\n/.test(raw.toString('latin1')), 'CRLF line ends only');
    }
  }
});

test("an accettazione has the MIME layout of Aruba's 2018 one", () => {
  const contentTypes = (raw: Buffer): string[] => [...raw.toString('latin1').matchAll(/^Content-Type: ([\w/.-]+)/gim)].map((m) => m[1].toLowerCase());
  const ours = composeReceipt(alfa(), facts, { type: 'accettazione' });
  assert.deepEqual(contentTypes(ours), contentTypes(fs.readFileSync(ARUBA_ACCETTAZIONE)));
  assert.match(header(ours, 'Content-Type') ?? '', /^multipart\/signed; protocol="application\/x-pkcs7-signature"; micalg="sha1"; boundary=/);
  assert.match(header(composeReceipt(beta(), facts, { type: 'accettazione' }), 'Content-Type') ?? '', /protocol="application\/pkcs7-signature"; micalg="sha-256"/);
});

test('one byte changed in the signed part breaks the signature', async () => {
  const raw = composeReceipt(alfa(), facts, { type: 'accettazione' });
  assert.ok(await opensslVerifies(raw, ca.file));
  const tampered = Buffer.from(raw.toString('latin1').replace('accettato dal sistema', 'accettato dal sistemA'), 'latin1');
  assert.notDeepEqual(tampered, raw);
  assert.equal(await opensslVerifies(tampered, ca.file), false);
});

test('the busta di trasporto carries the original rewritten: Message-ID is the identificativo, the old id in X-Riferimento-Message-ID', async () => {
  const busta = composeEnvelope(alfa(), facts, original.raw);
  const analysis = await assertSignedPecMessage(busta, ca, 'envelope');
  assert.equal(header(busta, 'X-Trasporto'), 'posta-certificata');
  assert.equal(header(busta, 'Message-ID'), `<${facts.identificativo}>`);
  assert.equal(header(busta, 'X-Riferimento-Message-ID'), '<20240515.abc123@client.example>');
  assert.equal(header(busta, 'From'), '"Per conto di: mario.rossi@pec.alfa.test" <posta-certificata@pec.alfa.test>');
  assert.equal(header(busta, 'Reply-To'), 'mario.rossi@pec.alfa.test');
  assert.equal(header(busta, 'To'), header(original.raw, 'To'));
  assert.equal(header(busta, 'Cc'), 'studio@pec.alfa.test');
  assert.equal(header(busta, 'X-TipoRicevuta'), 'completa');
  assert.equal(analysis.identificativo, facts.identificativo);
  assert.equal(analysis.original?.attachments[0]?.filename, 'contratto.pdf');
  const text = busta.toString('latin1');
  const postacert = text.slice(text.indexOf('name="postacert.eml"'));
  assert.match(postacert, new RegExp(`\r\nMessage-ID: <${facts.identificativo.replace(/\./g, '\\.')}>\r\nX-Riferimento-Message-ID: <20240515\\.abc123@client\\.example>\r\n`));
});

test('a ricevuta breve keeps the message text and replaces each attachment with its SHA-256', () => {
  const raw = composeReceipt(beta(), facts, { type: 'avvenuta-consegna', consegna: 'ufficio@pec.beta.test', variant: 'breve', original: original.raw }).toString('latin1');
  assert.ok(raw.includes('Buongiorno, in allegato il contratto.'));
  assert.ok(raw.includes(`SHA-256: ${crypto.createHash('sha256').update(attachment).digest('hex')}`));
  assert.ok(raw.includes('filename=contratto.pdf.hash'));
  assert.ok(!raw.includes(attachment.toString('base64').slice(0, 40)));
});

test('a busta di anomalia wraps the received message as is, with X-Trasporto errore and no daticert', async () => {
  const anomalia = composeAnomaly(beta(), original.raw, 'messaggio non certificato');
  const analysis = await assertSignedPecMessage(anomalia, ca, 'anomaly');
  assert.equal(header(anomalia, 'X-Trasporto'), 'errore');
  assert.match(header(anomalia, 'Subject') ?? '', /^ANOMALIA MESSAGGIO: /);
  assert.equal(header(anomalia, 'From'), '"Per conto di: mario.rossi@pec.alfa.test" <posta-certificata@pec.beta.test>');
  assert.ok(!anomalia.toString('latin1').includes('daticert.xml'));
  assert.ok(anomalia.includes(original.raw));
  assert.equal(analysis.original?.from, 'mario.rossi@pec.alfa.test');
});
