// S/MIME check of a PEC message: the detached CMS SignedData in smime.p7s (RFC 5652, RFC 5751)
// over the exact bytes of the first part of multipart/signed (RFC 1847 §2.1).
// `valid` says whether the bytes are the ones the provider signed; `trusted` whether the signer
// chains to a configured certificate. Both are judged as of signing time, never now: PEC
// receipts are kept for years and the provider certificates last three (DigitPA CA1 itself
// expired in 2018), so an old receipt must still read valid.
import { X509Certificate, hash as digestOf, verify as cryptoVerify } from 'node:crypto';
import type { SignatureVerdict } from '../../shared/pec';
import { DerError, type Tlv, children, content, encoding, readOid, readTime, readTlv } from './der';
import { type KnownCertificate, knownCertificate, type ParsedCertificate } from './certificates';
import { headerValue, type MimePart, decodeBody, parseMime } from './mime';
import { findSignedEntity } from './layout';
import { parseDate } from './headers';

/** What a caller may add to a signature check. */
export interface VerifyOptions {
  /** PEM certificates (one or more per string) the signer must chain to; without them `trusted` is null. */
  trustedCertsPem?: string[];
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
};

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

// Signature algorithms node:crypto verifies with the digest named here (null: the SignerInfo digest).
const SIGNATURES: Record<string, string | null> = {
  '1.2.840.113549.1.1.1': null,
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.2.1': null,
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const NO_SIGNATURE: SignatureVerdict = { present: false, valid: null, signer: null, trusted: null, signingTime: null, detail: null };

interface SignerInfo {
  issuerAndSerial: { issuer: Uint8Array; serial: Uint8Array } | null;
  digest: string | null;
  signatureHash: string | null | undefined;
  signedAttrs: Uint8Array | null;
  messageDigest: Uint8Array | null;
  signingTime: Date | null;
  signature: Uint8Array;
}

interface SignedData {
  certificates: Uint8Array[];
  signer: SignerInfo;
}

function readAttributes(der: Uint8Array, set: Tlv): { messageDigest: Uint8Array | null; signingTime: Date | null } {
  let messageDigest: Uint8Array | null = null;
  let signingTime: Date | null = null;
  for (const attribute of children(der, set)) {
    const [type, values] = children(der, attribute);
    const oid = readOid(der, type);
    const first = children(der, values)[0];
    if (!first) continue;
    if (oid === OID.messageDigest) messageDigest = content(der, first);
    if (oid === OID.signingTime) signingTime = readTime(der, first);
  }
  return { messageDigest, signingTime };
}

function readSignerInfo(der: Uint8Array, tlv: Tlv): SignerInfo {
  const fields = children(der, tlv);
  const sid = fields[1];
  let issuerAndSerial: SignerInfo['issuerAndSerial'] = null;
  if (sid.tag === 0x30) {
    const [issuer, serial] = children(der, sid);
    issuerAndSerial = { issuer: encoding(der, issuer), serial: content(der, serial) };
  }
  const digest = DIGESTS[readOid(der, children(der, fields[2])[0])] ?? null;
  let index = 3;
  let signedAttrs: Uint8Array | null = null;
  let attributes = { messageDigest: null as Uint8Array | null, signingTime: null as Date | null };
  if (fields[index]?.tag === 0xa0) {
    // RFC 5652 §5.4: the signature covers the DER of the attributes with an explicit SET tag.
    const body = content(der, fields[index]);
    signedAttrs = Buffer.concat([derHeader(0x31, body.length), body]);
    attributes = readAttributes(der, fields[index]);
    index++;
  }
  const signatureOid = readOid(der, children(der, fields[index])[0]);
  const signature = content(der, fields[index + 1]);
  return { issuerAndSerial, digest, signatureHash: SIGNATURES[signatureOid], signedAttrs, ...attributes, signature };
}

function derHeader(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

export function readSignedData(der: Uint8Array): SignedData {
  const contentInfo = readTlv(der, 0);
  const [type, explicit] = children(der, contentInfo);
  if (readOid(der, type) !== OID.signedData || !explicit) throw new DerError('not a CMS SignedData');
  const fields = children(der, children(der, explicit)[0]);
  const certificates: Uint8Array[] = [];
  let signerInfos: Tlv | null = null;
  for (const field of fields.slice(3)) {
    if (field.tag === 0xa0) for (const cert of children(der, field)) if (cert.tag === 0x30) certificates.push(encoding(der, cert));
    if (field.tag === 0x31) signerInfos = field;
  }
  const first = signerInfos ? children(der, signerInfos)[0] : undefined;
  if (!first) throw new DerError('no SignerInfo');
  return { certificates, signer: readSignerInfo(der, first) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

/** Bare LF → CRLF: RFC 5751 §3.1.1 signs canonical text, and a saved .eml often has LF only. */
function toCrlf(bytes: Buffer): Buffer {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    if (i > 0 && bytes[i - 1] === 13) continue;
    pieces.push(bytes.subarray(from, i), CRLF);
    from = i + 1;
  }
  if (pieces.length === 0) return bytes;
  pieces.push(bytes.subarray(from));
  return Buffer.concat(pieces);
}
const CRLF = Buffer.from('\r\n');

function digestMatches(bytes: Buffer, digest: string, expected: Uint8Array): boolean {
  return sameBytes(digestOf(digest, bytes, 'buffer'), expected);
}

function checkDigestAndSignature(signed: Buffer, info: SignerInfo, digest: string, cert: X509Certificate): string | null {
  const hash = info.signatureHash ?? digest;
  let data: Uint8Array = signed;
  if (info.signedAttrs) {
    if (!info.messageDigest) return 'the signature has no message-digest attribute';
    // The bytes as received first: from an IMAP server they are CRLF already, and making the
    // canonical form walks every line to find none. Either form matching is the verdict as before.
    if (!digestMatches(signed, digest, info.messageDigest)) {
      const canonical = toCrlf(signed);
      if (canonical === signed || !digestMatches(canonical, digest, info.messageDigest)) return 'the content was modified after signing (message digest does not match)';
    }
    data = info.signedAttrs;
  }
  try {
    const ok = cryptoVerify(hash, data, cert.publicKey, info.signature) || (!info.signedAttrs && cryptoVerify(hash, toCrlf(signed), cert.publicKey, info.signature));
    return ok ? null : 'the signature does not match the signer certificate';
  } catch {
    return 'the signer key cannot check this signature';
  }
}

const anchorCache = new WeakMap<string[], X509Certificate[]>();

function trustAnchors(pems: string[]): X509Certificate[] {
  const cached = anchorCache.get(pems);
  if (cached) return cached;
  const anchors: X509Certificate[] = [];
  for (const pem of pems) {
    for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
      try {
        anchors.push(new X509Certificate(Buffer.from(m[1], 'base64')));
      } catch {
        // An unreadable certificate simply trusts nothing.
      }
    }
  }
  anchorCache.set(pems, anchors);
  return anchors;
}

function validAt(cert: X509Certificate, at: Date): boolean {
  return cert.validFromDate <= at && at <= cert.validToDate;
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return parent.ca && child.checkIssued(parent) && child.verify(parent.publicKey);
}

/** Walks signer → intermediates in the p7s → a trusted certificate, every link valid at `at`. */
function chainProblem(signer: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[], at: Date): string | null {
  const seen = new Set<X509Certificate>();
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(current, at)) return `certificate "${current.subject.split('\n').join(', ')}" was not valid at signing time`;
    if (anchors.some((a) => a.raw.equals(current.raw))) return null;
    const anchor = anchors.find((a) => issuedBy(current, a));
    if (anchor) return validAt(anchor, at) ? null : 'the trusted certificate was not valid at signing time';
    const next = pool.find((c) => !seen.has(c) && issuedBy(current, c));
    if (!next) break;
    seen.add(next);
    current = next;
  }
  return 'the signer does not chain to a trusted certificate';
}

/** Verdict on the S/MIME signature of an already parsed message. */
export function verifyParsedSignature(raw: Buffer, root: MimePart, options: VerifyOptions = {}): SignatureVerdict {
  const signedEntity = findSignedEntity(root);
  const verdict = signedEntity ? checkSignedEntity(raw, root, signedEntity, options) : NO_SIGNATURE;
  // With trusted certificates configured, anything not proven trusted is untrusted.
  return options.trustedCertsPem && verdict.trusted === null ? { ...verdict, trusted: false } : verdict;
}

/** A verdict of bytes that are not the ones signed, or a signature that cannot be read. */
function invalid(options: VerifyOptions, detail: string, signer: SignatureVerdict['signer'] = null, signingTime: string | null = null): SignatureVerdict {
  return { present: true, valid: false, signer, trusted: options.trustedCertsPem ? false : null, signingTime, detail };
}

function checkSignedEntity(raw: Buffer, root: MimePart, entity: MimePart, options: VerifyOptions): SignatureVerdict {
  const [signedPart, signaturePart] = entity.children;
  if (!signedPart || !signaturePart) return { ...NO_SIGNATURE, detail: 'multipart/signed without a signature part' };
  const protocol = (entity.params.protocol ?? signaturePart.type).toLowerCase();
  if (protocol !== 'application/pkcs7-signature' && protocol !== 'application/x-pkcs7-signature') {
    return { ...NO_SIGNATURE, present: true, detail: `unsupported signature protocol ${protocol}` };
  }
  let cms: SignedData;
  const der = decodeBody(raw, signaturePart);
  try {
    cms = readSignedData(der);
  } catch (e) {
    return invalid(options, `smime.p7s is unreadable (${e instanceof DerError ? e.message : 'malformed'})`);
  }
  const { signer: info } = cms;
  const sid = info.issuerAndSerial;
  // Looked up one by one up to the signer's: a p7s of many certificates does not crowd the known ones out.
  let signerEntry: KnownCertificate | undefined;
  if (sid) {
    for (const der of cms.certificates) {
      const entry = knownCertificate(der);
      const id = entry.id;
      if (id !== null && sameBytes(id.issuer, sid.issuer) && sameBytes(id.serial, sid.serial)) {
        signerEntry = entry;
        break;
      }
    }
  }
  const signingTime = info.signingTime?.toISOString() ?? null;
  const { digest } = info;
  if (!digest || info.signatureHash === undefined) {
    // Not a verdict on the message: PecDesk cannot check this algorithm (RSASSA-PSS, say).
    return { ...invalid(options, 'unsupported signature or digest algorithm', null, signingTime), valid: null };
  }
  const signed = raw.subarray(signedPart.start, signedPart.end);
  // A SubjectKeyIdentifier sid (or an odd encoding) is matched by trying each embedded certificate.
  let signerCert: ParsedCertificate | null = null;
  let problem = 'smime.p7s holds no certificate of the signer';
  let namedCert: ParsedCertificate | null = null;
  for (const candidate of signerEntry ? [signerEntry] : cms.certificates.map(knownCertificate)) {
    const cert = candidate.parsed;
    if (!cert) continue;
    // Checked for every message: only what the certificate's own bytes say is kept (certificates.ts).
    const mismatch = checkDigestAndSignature(signed, info, digest, cert.x509);
    if (!mismatch) {
      signerCert = cert;
      break;
    }
    problem = mismatch;
    if (signerEntry) namedCert = cert;
  }
  if (!signerCert) return { ...invalid(options, problem, namedCert ? namedCert.signer() : null, signingTime), ...(namedCert ? namedCert.facts() : {}) };
  const verdict: SignatureVerdict = { present: true, valid: true, signer: signerCert.signer(), trusted: null, signingTime, detail: null, ...signerCert.facts() };
  if (!options.trustedCertsPem) return verdict;
  const at = info.signingTime ?? dateOf(root);
  if (!at) return { ...verdict, trusted: false, detail: 'no signing time and no Date header: cannot judge the certificate' };
  const pool = cms.certificates.flatMap((der) => {
    const parsed = knownCertificate(der).parsed;
    return parsed ? [parsed.x509] : [];
  });
  const chain = chainProblem(signerCert.x509, pool, trustAnchors(options.trustedCertsPem), at);
  return { ...verdict, trusted: chain === null, detail: chain };
}

function dateOf(root: MimePart): Date | null {
  const iso = parseDate(headerValue(root.headers, 'date'));
  return iso ? new Date(iso) : null;
}

/** Verdict on the S/MIME signature of a raw message (present, valid, signer, trusted as of signing time). */
export function verifySignature(raw: Buffer, options: VerifyOptions = {}): SignatureVerdict {
  return verifyParsedSignature(raw, parseMime(raw), options);
}
