// Builds PEC messages for tests the way providers lay them out (pec-format.md §4), signed by a
// throw-away CA with node-forge. Independent from sandbox/provider on purpose: these
// tests vary what a provider never would (transfer encodings, hostile daticert, tampering).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { ReceiptType, ReceiptVariant } from '../../../../src/shared/pec';

const CRLF = '\r\n';

/** A certificate with its key. */
export interface TestSigner {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  certPem: string;
}

/** The certificates the tests sign and trust with. */
export interface TestPki {
  ca: TestSigner;
  provider: TestSigner;
  /** A provider certificate of 2014–2017 (like Aruba's under DigitPA CA1), long expired. */
  oldProvider: TestSigner;
  /** An intermediate CA under `ca` (like AgID CA1 under Actalis) and a provider it issued. */
  intermediate: TestSigner;
  subProvider: TestSigner;
  otherCa: TestSigner;
}

function issue(options: { cn: string; issuer?: TestSigner; ca: boolean; email?: string; from: Date; to: Date }): TestSigner {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(pair.privateKey) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  cert.validity.notBefore = options.from;
  cert.validity.notAfter = options.to;
  const subject = [
    { shortName: 'C', value: 'IT' },
    { shortName: 'O', value: 'PecDesk Test' },
    { shortName: 'CN', value: options.cn },
  ];
  cert.setSubject(subject);
  cert.setIssuer(options.issuer ? options.issuer.cert.subject.attributes : subject);
  cert.setExtensions(
    options.ca
      ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, critical: true },
          { name: 'extKeyUsage', emailProtection: true },
          { name: 'subjectAltName', altNames: [{ type: 1, value: options.email }] },
        ],
  );
  cert.sign(options.issuer?.key ?? key, forge.md.sha256.create());
  return { cert, key, certPem: forge.pki.certificateToPem(cert) };
}

let pki: TestPki | null = null;

/** One CA, a current provider certificate, an expired one, and an unrelated CA (made once per process). */
export function testPki(): TestPki {
  if (pki) return pki;
  const ca = issue({ cn: 'PecDesk Test CA', ca: true, from: new Date('2010-01-01'), to: new Date('2040-01-01') });
  const now = Date.now();
  const intermediate = issue({ cn: 'PecDesk Test CA1', issuer: ca, ca: true, from: new Date('2012-01-01'), to: new Date('2038-01-01') });
  pki = {
    ca,
    provider: issue({ cn: 'Posta Certificata Alfa', issuer: ca, ca: false, email: 'posta-certificata@pec.alfa.test', from: new Date(now - 86400e3), to: new Date(now + 3 * 365 * 86400e3) }),
    oldProvider: issue({ cn: 'Posta Certificata Alfa 2014', issuer: ca, ca: false, email: 'posta-certificata@pec.alfa.test', from: new Date('2014-01-01'), to: new Date('2017-01-01') }),
    intermediate,
    subProvider: issue({ cn: 'Posta Certificata Gamma', issuer: intermediate, ca: false, email: 'posta-certificata@pec.gamma.test', from: new Date(now - 86400e3), to: new Date(now + 3 * 365 * 86400e3) }),
    otherCa: issue({ cn: 'Some Other CA', ca: true, from: new Date('2010-01-01'), to: new Date('2040-01-01') }),
  };
  return pki;
}

/** Content-Transfer-Encodings a part may arrive in. */
export type TransferEncoding = 'base64' | 'quoted-printable' | '7bit' | '8bit' | 'binary';

/** Encodes bytes for a transfer encoding (RFC 2045 §6: 76-char base64 lines, quoted-printable with soft breaks). */
export function encodeBody(content: Buffer, encoding: TransferEncoding): Buffer {
  if (encoding === 'base64') {
    const text = content.toString('base64');
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
    return Buffer.from(lines.join(CRLF), 'latin1');
  }
  if (encoding !== 'quoted-printable') return content;
  let out = '';
  let line = '';
  for (const byte of content) {
    if (byte === 10) {
      out += line + CRLF;
      line = '';
      continue;
    }
    const piece = byte === 13 ? '' : (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32 ? String.fromCharCode(byte) : '=' + byte.toString(16).toUpperCase().padStart(2, '0');
    if (line.length + piece.length > 73) {
      out += line + '=' + CRLF;
      line = '';
    }
    line += piece;
  }
  return Buffer.from(out + line, 'latin1');
}

/** A MIME entity: header lines, blank line, body. */
export function entity(headers: string[], body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body]);
}

/** A multipart entity around parts, with a fresh boundary. */
export function multipart(type: string, parts: Buffer[], extraHeaders: string[] = []): Buffer {
  const boundary = `----=_test_${randomBytes(8).toString('hex')}`;
  const pieces: Buffer[] = [Buffer.from([`Content-Type: ${type}; boundary="${boundary}"`, ...extraHeaders].join(CRLF) + CRLF + CRLF, 'latin1')];
  for (const part of parts) pieces.push(Buffer.from(`--${boundary}${CRLF}`, 'latin1'), part, Buffer.from(CRLF, 'latin1'));
  pieces.push(Buffer.from(`--${boundary}--${CRLF}`, 'latin1'));
  return Buffer.concat(pieces);
}

/** How a test message is signed. */
export interface SignSpec {
  signer: TestSigner;
  chain?: TestSigner[];
  digest?: 'sha1' | 'sha256';
  protocol?: 'application/pkcs7-signature' | 'application/x-pkcs7-signature';
  signingTime?: Date;
  /** false: a SignedData without authenticated attributes (the signature covers the content itself). */
  attributes?: boolean;
}

/** Detached CMS SignedData over exactly `content`. */
export function signDetached(content: Buffer, spec: SignSpec): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'), 'raw');
  p7.addCertificate(spec.signer.cert);
  for (const extra of spec.chain ?? []) p7.addCertificate(extra.cert);
  p7.addSigner({
    key: spec.signer.key,
    certificate: spec.signer.cert,
    digestAlgorithm: spec.digest === 'sha1' ? forge.pki.oids.sha1 : forge.pki.oids.sha256,
    authenticatedAttributes:
      spec.attributes === false
        ? []
        : [
            { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
            { type: forge.pki.oids.messageDigest },
            { type: forge.pki.oids.signingTime, value: (spec.signingTime ?? new Date()).toISOString() },
          ],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

/** Wraps `content` (a whole MIME entity) in multipart/signed and returns the message body with its Content-Type header. */
export function signedEntity(content: Buffer, spec: SignSpec): Buffer {
  const protocol = spec.protocol ?? 'application/x-pkcs7-signature';
  const p7s = encodeBody(signDetached(content, spec), 'base64');
  const signature = entity([`Content-Type: ${protocol}; name="smime.p7s"`, 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="smime.p7s"'], p7s);
  const micalg = spec.digest === 'sha1' ? 'sha1' : 'sha-256';
  const boundary = `----${randomBytes(16).toString('hex').toUpperCase()}`;
  return Buffer.concat([
    Buffer.from(`Content-Type: multipart/signed; protocol="${protocol}"; micalg="${micalg}"; boundary="${boundary}"${CRLF}${CRLF}This is an S/MIME signed message${CRLF}${CRLF}--${boundary}${CRLF}`, 'latin1'),
    content,
    Buffer.from(`${CRLF}--${boundary}${CRLF}`, 'latin1'),
    signature,
    Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'latin1'),
  ]);
}

/** What a test PEC message holds. */
export interface PecSpec {
  /** Top-level header lines (Content-Type and MIME-Version are added). */
  headers: string[];
  text?: string;
  daticert?: { xml: Buffer | string; encoding?: TransferEncoding; filename?: string | null; contentType?: string } | null;
  postacert?: { raw: Buffer; encoding?: TransferEncoding; filename?: string } | null;
  /** null: no smime.p7s at all (the multipart/mixed is the message). */
  sign?: SignSpec | null;
}

/** A provider message: multipart/mixed { text, daticert.xml, postacert.eml } inside multipart/signed, CRLF line ends. */
export function pecMessage(spec: PecSpec): Buffer {
  const parts = [entity(['Content-Type: text/plain; charset="iso-8859-1"', 'Content-Transfer-Encoding: quoted-printable'], encodeBody(Buffer.from(spec.text ?? 'Messaggio di servizio PEC.\n', 'latin1'), 'quoted-printable'))];
  if (spec.daticert) {
    const d = spec.daticert;
    const encoding = d.encoding ?? 'base64';
    const name = d.filename === undefined ? 'daticert.xml' : d.filename;
    const xml = typeof d.xml === 'string' ? Buffer.from(d.xml, 'utf8') : d.xml;
    parts.push(
      entity(
        [`Content-Type: ${d.contentType ?? 'application/xml'}${name ? `; name="${name}"` : ''}`, ...(name ? [`Content-Disposition: inline; filename="${name}"`] : []), `Content-Transfer-Encoding: ${encoding}`],
        encodeBody(xml, encoding),
      ),
    );
  }
  if (spec.postacert) {
    const p = spec.postacert;
    const name = p.filename ?? 'postacert.eml';
    parts.push(entity([`Content-Type: message/rfc822; name="${name}"`, `Content-Disposition: inline; filename="${name}"`, `Content-Transfer-Encoding: ${p.encoding ?? '7bit'}`], encodeBody(p.raw, p.encoding ?? '7bit')));
  }
  const mixed = multipart('multipart/mixed', parts, ['Content-Transfer-Encoding: binary', 'MIME-Version: 1.0']);
  const head = Buffer.from(spec.headers.join(CRLF) + CRLF + 'MIME-Version: 1.0' + CRLF, 'latin1');
  return Buffer.concat([head, spec.sign ? signedEntity(mixed, spec.sign) : mixed]);
}

/** The facts of a daticert.xml for tests. */
export interface DaticertSpec {
  tipo: ReceiptType | 'posta-certificata';
  errore?: string;
  mittente?: string;
  destinatari?: Array<{ address: string; type: 'certificato' | 'esterno' }>;
  oggetto?: string;
  gestore?: string;
  giorno?: string;
  ora?: string;
  zona?: string;
  identificativo?: string;
  msgid?: string;
  ricevuta?: ReceiptVariant;
  consegna?: string;
  ricezione?: string[];
  erroreEsteso?: string;
  /** Text placed before the root element (a DOCTYPE, say). */
  prolog?: string;
  encoding?: string;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** daticert.xml text as providers write it (Aruba's layout, pec-format.md §6.2). */
export function daticertXml(d: DaticertSpec): string {
  const el = (name: string, value: string | undefined) => (value === undefined ? [] : [`        <${name}>${xmlEscape(value)}</${name}>`]);
  return [
    `<?xml version="1.0" encoding="${d.encoding ?? 'UTF-8'}"?>`,
    ...(d.prolog ? [d.prolog] : []),
    `<postacert tipo="${d.tipo}" errore="${d.errore ?? 'nessuno'}">`,
    '    <intestazione>',
    ...el('mittente', d.mittente ?? 'mario@pec.alfa.test'),
    ...(d.destinatari ?? [{ address: 'ufficio@pec.beta.test', type: 'certificato' as const }]).map((r) => `        <destinatari tipo="${r.type}">${xmlEscape(r.address)}</destinatari>`),
    ...el('risposte', d.mittente ?? 'mario@pec.alfa.test'),
    ...el('oggetto', d.oggetto ?? 'Richiesta documenti'),
    '    </intestazione>',
    '    <dati>',
    ...el('gestore-emittente', d.gestore ?? 'Alfa PEC S.p.A.'),
    `        <data zona="${d.zona ?? '+0200'}">`,
    `            <giorno>${d.giorno ?? '15/05/2024'}</giorno>`,
    `            <ora>${d.ora ?? '10:15:00'}</ora>`,
    '        </data>',
    ...el('identificativo', d.identificativo ?? 'opec210.20240515101500.12345.67.1.89@pec.alfa.test'),
    ...el('msgid', d.msgid ?? '<20240515.abc123@client.test>'),
    ...(d.ricevuta ? [`        <ricevuta tipo="${d.ricevuta}" />`] : []),
    ...el('consegna', d.consegna),
    ...(d.ricezione ?? []).flatMap((r) => el('ricezione', r)),
    ...el('errore-esteso', d.erroreEsteso),
    '    </dati>',
    '</postacert>',
    '',
  ].join('\n');
}

/** The sender's message as a provider puts it in postacert.eml: Message-ID rewritten, the sender's id in X-Riferimento-Message-ID. */
export function originalMessage(o: { from?: string; to?: string[]; cc?: string[]; subject?: string; messageId?: string; identificativo?: string; attachments?: Array<{ filename: string; contentType: string; content: Buffer }> } = {}): Buffer {
  const headers = [
    `From: "Mario Rossi" <${o.from ?? 'mario@pec.alfa.test'}>`,
    `To: ${(o.to ?? ['ufficio@pec.beta.test']).join(', ')}`,
    ...(o.cc?.length ? [`Cc: ${o.cc.join(', ')}`] : []),
    `Subject: ${o.subject ?? 'Richiesta documenti'}`,
    'Date: Wed, 15 May 2024 10:14:58 +0200',
    `Message-ID: <${o.identificativo ?? 'opec210.20240515101500.12345.67.1.89@pec.alfa.test'}>`,
    `X-Riferimento-Message-ID: <${o.messageId ?? '20240515.abc123@client.test'}>`,
    'MIME-Version: 1.0',
  ];
  const body = entity(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 7bit'], 'Buongiorno, in allegato i documenti.\r\n');
  if (!o.attachments?.length) return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF, 'latin1'), body]);
  const attachments = o.attachments.map((a) => entity([`Content-Type: ${a.contentType}; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`, 'Content-Transfer-Encoding: base64'], encodeBody(a.content, 'base64')));
  return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF, 'latin1'), multipart('multipart/mixed', [body, ...attachments])]);
}

/** Header lines of a receipt of `type` about the test message (pec-format.md §2). */
export function receiptHeaders(type: string, extra: string[] = []): string[] {
  return [
    'Subject: CONSEGNA: Richiesta documenti',
    'X-Riferimento-Message-ID: <20240515.abc123@client.test>',
    'Date: Wed, 15 May 2024 10:15:03 +0200',
    'To: mario@pec.alfa.test',
    `X-Ricevuta: ${type}`,
    'From: posta-certificata@pec.beta.test',
    `Message-ID: <opec210.20240515101503.999.1.1@pec.beta.test>`,
    ...extra,
  ];
}

/** Header lines of a busta di trasporto (X-Trasporto: posta-certificata) or di anomalia (errore). */
export function envelopeHeaders(trasporto: 'posta-certificata' | 'errore', extra: string[] = []): string[] {
  return [
    `Subject: ${trasporto === 'errore' ? 'ANOMALIA MESSAGGIO' : 'POSTA CERTIFICATA'}: Richiesta documenti`,
    'X-Riferimento-Message-ID: <20240515.abc123@client.test>',
    'Date: Wed, 15 May 2024 10:15:00 +0200',
    'Reply-To: mario@pec.alfa.test',
    'To: ufficio@pec.beta.test',
    'From: "Per conto di: mario@pec.alfa.test" <posta-certificata@pec.alfa.test>',
    `X-Trasporto: ${trasporto}`,
    'Message-ID: <opec210.20240515101500.12345.67.1.89@pec.alfa.test>',
    ...extra,
  ];
}

/** Bare LF line ends, as a .eml saved by many tools. */
export function toLf(message: Buffer): Buffer {
  return Buffer.from(message.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}
