// The forged and misplaced receipts a user measured PecDesk against (README "Ricevute
// attendibili"), each aimed at a sent message that has no delivery. Shared by the store, CLI and
// sync tests, so the same bytes are checked on every path a receipt can take into PecDesk.
//   a  a real Aruba consegna with its signature removed                       → non-firmata
//   b  the same with one byte of its daticert.xml changed                       → alterata
//   c  a consegna signed by a self-made CA copying Aruba's names                → integra (not in the index)
//   d  a consegna properly signed by a test provider for a domain it does not manage → integra
//   e  the genuine consegna, but in the mailbox of another account              → never linked, other-account
//   f  the genuine consegna with its unsigned X-Riferimento-Message-ID pointing at a later message → headers-disagree
//   g  a consegna, attendibile, for a message whose submission was refused      → message-refused
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import type { ReceiptProblem } from '../../../src/shared/api-trust';
import type { TrustLevel } from '../../../src/shared/trust';
import { parseMime } from '../../../src/main/pec';
import { receiptEml } from '../store/helpers';
import { testPki, type TestSigner } from '../pec/helpers/pec-factory';
import { arubaCertificates, REAL_DIR } from './helpers';

/** The real Aruba message the real receipts speak of, as it was sent. */
export const ARUBA_SENT = path.resolve(__dirname, '../../fixtures/store/aruba-2018-sent.eml');
export const ARUBA_MESSAGE_ID = '1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550';
export const ARUBA_RECIPIENT = 'l.battistini@pec.it';
/** A later message to the same recipient, that (f) tries to claim a delivery for. */
export const LATER_MESSAGE_ID = 'pecdesk.later0000000000000000000000000001@pec.it';
/** A message the access point refused (g), sent within the test provider's domain. */
export const REFUSED_MESSAGE_ID = 'pecdesk.refused000000000000000000000000001@pec.alfa.test';
export const REFUSED_RECIPIENT = 'ufficio@pec.alfa.test';

/** The genuine Aruba avvenuta consegna of ARUBA_SENT. */
export function genuineConsegna(): Buffer {
  return fs.readFileSync(path.join(REAL_DIR, 'aruba-2018-avvenuta-consegna-completa.eml'));
}

/** (a) The outer headers with the signed entity in place of the multipart/signed: no smime.p7s at all. */
export function withoutSignature(raw: Buffer): Buffer {
  const root = parseMime(raw);
  const signed = root.children[0];
  const headerEnd = /\r?\n\r?\n/.exec(raw.toString('latin1'))!.index;
  const head = raw.subarray(0, headerEnd).toString('latin1').split(/\r?\n(?![ \t])/).filter((l) => !/^content-type:/i.test(l));
  return Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n', 'latin1'), raw.subarray(signed.start, signed.end)]);
}

/** (b) One byte of the base64 daticert.xml changed (the subject IT…126 → IT…127), the signature left as it was. */
export function withDaticertByteChanged(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const m = /filename="daticert\.xml"\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n\r?\n/.exec(text);
  if (!m) throw new Error('no base64 daticert.xml');
  const lines = m[1].split(/\r?\n/);
  const eol = m[1].includes('\r\n') ? '\r\n' : '\n';
  const xml = Buffer.from(lines.join(''), 'base64');
  const at = xml.indexOf('IT03339130126');
  if (at < 0) throw new Error('daticert.xml has not the expected subject');
  xml[at + 12] = '7'.charCodeAt(0);
  const encoded = xml.toString('base64').match(new RegExp(`.{1,${lines[0].length}}`, 'g'))!.join(eol);
  return Buffer.from(text.replace(m[1], encoded), 'latin1');
}

function subjectAttributes(dn: string): forge.pki.CertificateField[] {
  return dn.split('\n').map((line) => {
    const [name, ...rest] = line.split('=');
    return { shortName: name, value: rest.join('=') };
  });
}

function issue(subject: forge.pki.CertificateField[], issuer: TestSigner | null, ca: boolean, email?: string): TestSigner {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(pair.privateKey) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  cert.validity.notBefore = new Date('2017-12-04T00:00:00Z');
  cert.validity.notAfter = new Date('2020-12-03T00:00:00Z');
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(ca ? [{ name: 'basicConstraints', cA: true, critical: true }] : [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames: [{ type: 1, value: email }] }]);
  cert.sign(issuer?.key ?? key, forge.md.sha256.create());
  return { cert, key, certPem: forge.pki.certificateToPem(cert) };
}

let impostor: { ca: TestSigner; signer: TestSigner } | null = null;

/** A self-made CA named like Aruba's (AgID CA1) and a "Posta Certificata ARUBA PEC" certificate it issued. */
export function arubaImpostor(): { ca: TestSigner; signer: TestSigner } {
  if (impostor) return impostor;
  const real = new X509Certificate(arubaCertificates().find((p) => new X509Certificate(p).validFrom.includes('2017'))!);
  const ca = issue(subjectAttributes(real.issuer), null, true);
  impostor = { ca, signer: issue(subjectAttributes(real.subject), ca, false, 'posta-certificata@pec.aruba.it') };
  return impostor;
}

const consegnaOf = (sign: { signer: TestSigner; chain?: TestSigner[]; signingTime?: Date }) =>
  receiptEml({ type: 'avvenuta-consegna', msgid: ARUBA_MESSAGE_ID, consegna: ARUBA_RECIPIENT, mittente: ARUBA_RECIPIENT, giorno: '13/11/2018', ora: '16:39:27', zona: '+0100', sign });

/** One forged or misplaced receipt, what it aims at, and how PecDesk must flag it. */
export interface Forgery {
  name: string;
  raw: Buffer;
  /** Which account's mailbox it arrives in. */
  account: 'A' | 'B';
  /** The Message-ID of the sent message it must leave without a delivery. */
  target: string;
  level: TrustLevel;
  problems: ReceiptProblem[];
}

/** Every forgery, built fresh (the self-made CA once per process). */
export function forgeries(): Forgery[] {
  const genuine = genuineConsegna();
  const headerMoved = Buffer.from(genuine.toString('latin1').replace(/^X-Riferimento-Message-ID: <[^>]*>/m, `X-Riferimento-Message-ID: <${LATER_MESSAGE_ID}>`), 'latin1');
  // Signed in 2018, when its copied certificate claims to be valid.
  const impostorSign = { signer: arubaImpostor().signer, chain: [arubaImpostor().ca], signingTime: new Date('2018-11-13T15:39:27Z') };
  return [
    { name: 'a-unsigned', raw: withoutSignature(genuine), account: 'A', target: ARUBA_MESSAGE_ID, level: 'non-firmata', problems: [] },
    { name: 'b-daticert-byte', raw: withDaticertByteChanged(genuine), account: 'A', target: ARUBA_MESSAGE_ID, level: 'alterata', problems: [] },
    { name: 'c-self-made-ca', raw: consegnaOf(impostorSign), account: 'A', target: ARUBA_MESSAGE_ID, level: 'integra', problems: [] },
    { name: 'd-wrong-domain', raw: consegnaOf({ signer: testPki().provider }), account: 'A', target: ARUBA_MESSAGE_ID, level: 'integra', problems: [] },
    { name: 'e-other-account', raw: genuine, account: 'B', target: ARUBA_MESSAGE_ID, level: 'attendibile', problems: ['other-account'] },
    { name: 'f-header-moved', raw: headerMoved, account: 'A', target: LATER_MESSAGE_ID, level: 'attendibile', problems: ['headers-disagree'] },
    {
      name: 'g-after-refusal',
      raw: receiptEml({ type: 'avvenuta-consegna', msgid: REFUSED_MESSAGE_ID, consegna: REFUSED_RECIPIENT, mittente: 'mario@pec.alfa.test' }),
      account: 'A',
      target: REFUSED_MESSAGE_ID,
      level: 'attendibile',
      problems: ['message-refused'],
    },
  ];
}

/** The attendibile non-accettazione that refused REFUSED_MESSAGE_ID (it counts: E = 1). */
export function refusal(): Buffer {
  return receiptEml({ type: 'non-accettazione', msgid: REFUSED_MESSAGE_ID, mittente: 'mario@pec.alfa.test', errore: 'altro' });
}

/** The sent messages the forgeries aim at, as .eml files a user would import with --as-sent. */
export function sentMessages(): { name: string; raw: Buffer }[] {
  const eml = (id: string, to: string, from: string, subject: string) =>
    Buffer.from([`From: ${from}`, `To: ${to}`, `Subject: ${subject}`, 'Date: Tue, 13 Nov 2018 16:40:00 +0100', `Message-ID: <${id}>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'Testo.', ''].join('\r\n'));
  return [
    { name: 'aruba-sent.eml', raw: fs.readFileSync(ARUBA_SENT) },
    { name: 'later-sent.eml', raw: eml(LATER_MESSAGE_ID, ARUBA_RECIPIENT, ARUBA_RECIPIENT, 'Secondo invio') },
    { name: 'refused-sent.eml', raw: eml(REFUSED_MESSAGE_ID, REFUSED_RECIPIENT, 'mario@pec.alfa.test', 'Invio rifiutato') },
  ];
}
