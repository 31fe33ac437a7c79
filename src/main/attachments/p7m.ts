// Signed documents (.p7m, CAdES-BES "busta crittografica", DPCM 22/02/2013 and ETSI EN 319 122):
// a CMS SignedData (RFC 5652) that carries the document itself. Italian offices send contracts,
// deeds and e-invoices this way, often signed twice (atto.pdf.p7m.p7m); the user needs the PDF
// inside and who signed it, not an opaque file.
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { DocumentSigner } from '../../shared/api-values';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_COMMON_NAME = '2.5.4.3';
const OID_SERIAL_NUMBER = '2.5.4.5';
const OID_EMAIL = '1.2.840.113549.1.9.1';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
// Signatures nested deeper than this are not documents anyone produces; stop rather than recurse on crafted input.
const MAX_LAYERS = 8;

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

/** The document inside a .p7m and everyone who signed any of its layers (outermost first). */
export interface SignedDocument {
  content: Buffer;
  filename: string;
  contentType: string;
  signers: DocumentSigner[];
}

function toArrayBuffer(buf: Uint8Array): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

// Some signing tools save the DER as base64 text (with or without PEM armour).
function derOf(data: Buffer): Buffer | null {
  if (data[0] === 0x30) return data;
  const text = data.toString('latin1').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  if (text.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const der = Buffer.from(text, 'base64');
  return der[0] === 0x30 ? der : null;
}

function readSignedData(data: Buffer): pkijs.SignedData | null {
  const der = derOf(data);
  if (!der) return null;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1) return null;
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID_SIGNED_DATA) return null;
    return new pkijs.SignedData({ schema: info.content });
  } catch {
    return null;
  }
}

function attribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const found = name.typesAndValues.find((tv) => tv.type === oid);
  return found ? String(found.value.valueBlock.value) : null;
}

function certificateOf(sd: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = info.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer)) ?? null;
  }
  return certs[0] ?? null;
}

function emailOf(cert: pkijs.Certificate): string | null {
  const fromSubject = attribute(cert.subject, OID_EMAIL);
  if (fromSubject) return fromSubject;
  const san = cert.extensions?.find((e) => e.extnID === OID_SUBJECT_ALT_NAME)?.parsedValue as pkijs.AltName[] | { altNames?: pkijs.GeneralName[] } | undefined;
  const names = (san && 'altNames' in san ? san.altNames : undefined) ?? [];
  const rfc822 = names.find((n) => n.type === 1);
  return rfc822 ? String(rfc822.value) : null;
}

function signingTimeOf(info: pkijs.SignerInfo): string | null {
  const attr = info.signedAttrs?.attributes.find((a) => a.type === OID_SIGNING_TIME);
  const value = attr?.values[0] as { toDate?: () => Date } | undefined;
  const date = value?.toDate?.();
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

async function intact(sd: pkijs.SignedData, index: number): Promise<boolean | null> {
  try {
    const res = await sd.verify({ signer: index, checkChain: false, extendedMode: true }, engine);
    return res.signatureVerified === true;
  } catch (err) {
    // pkijs throws on a failed check; only a digest or signature mismatch means "altered".
    const message = err instanceof Error ? err.message : String((err as { message?: unknown })?.message ?? err);
    return /digest|signature/i.test(message) && !/unsupported|unknown|not supported/i.test(message) ? false : null;
  }
}

async function signersOf(sd: pkijs.SignedData): Promise<DocumentSigner[]> {
  return Promise.all(
    sd.signerInfos.map(async (info, i): Promise<DocumentSigner> => {
      const cert = certificateOf(sd, info);
      const serial = cert ? attribute(cert.subject, OID_SERIAL_NUMBER) : null;
      return {
        subject: cert ? cert.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(', ') : 'unknown signer',
        commonName: cert ? attribute(cert.subject, OID_COMMON_NAME) : null,
        email: cert ? emailOf(cert) : null,
        // Italian qualified certificates carry the codice fiscale as serialNumber "TINIT-<CF>" (ETSI EN 319 412-1).
        fiscalCode: serial?.startsWith('TINIT-') ? serial.slice(6) : null,
        signingTime: signingTimeOf(info),
        intact: await intact(sd, i),
      };
    }),
  );
}

// File signatures ("magic numbers") of the documents usually signed, as latin1 prefixes.
const MAGIC: [string, string, string][] = [
  ['%PDF-', '.pdf', 'application/pdf'],
  ['<?xml', '.xml', 'application/xml'],
  ['PK\u0003\u0004', '.zip', 'application/zip'],
  ['\u0089PNG', '.png', 'image/png'],
  ['\u00ff\u00d8\u00ff', '.jpg', 'image/jpeg'],
  ['{\\rtf', '.rtf', 'application/rtf'],
];

const TYPES_BY_EXTENSION: Record<string, string> = { '.pdf': 'application/pdf', '.xml': 'application/xml', '.zip': 'application/zip', '.txt': 'text/plain' };

/** Name and type of the extracted document: the .p7m name without its suffixes, the type from the bytes. */
function describe(filename: string, content: Buffer): { filename: string; contentType: string } {
  let name = filename;
  while (/\.p7m$/i.test(name)) name = name.slice(0, -4);
  const head = content.subarray(0, 8).toString('latin1');
  const magic = MAGIC.find(([prefix]) => head.startsWith(prefix));
  const ext = /\.[a-z0-9]{1,5}$/i.exec(name)?.[0].toLowerCase();
  if (!ext && magic) name += magic[1];
  const contentType = magic?.[2] ?? (ext ? TYPES_BY_EXTENSION[ext] : undefined) ?? 'application/octet-stream';
  return { filename: name || `documento${magic?.[1] ?? ''}`, contentType };
}

/** Whether an attachment is worth opening as a signed document (by name or type). */
export function looksSigned(filename: string, contentType: string): boolean {
  return /\.p7m$/i.test(filename) || /^application\/(x-)?pkcs7-mime$/i.test(contentType);
}

/** The document inside a .p7m (through every signature layer) with its signers, or null if it is not one. */
export async function extractSignedDocument(data: Buffer, filename: string): Promise<SignedDocument | null> {
  let current = data;
  const signers: DocumentSigner[] = [];
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const sd = readSignedData(current);
    if (!sd) break;
    const content = sd.encapContentInfo.eContent;
    // A detached signature (.p7s) carries no document: nothing to extract.
    if (!content) return null;
    signers.push(...(await signersOf(sd)));
    current = Buffer.from(content.getValue());
  }
  if (signers.length === 0) return null;
  return { content: current, ...describe(filename, current), signers };
}
