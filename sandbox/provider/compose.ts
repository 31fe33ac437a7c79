// Provider messages as real PEC providers emit them (pec-format.md §2–§6, layout of Aruba's 2018
// receipts): S/MIME multipart/signed around multipart/mixed { multipart/alternative text+html,
// daticert.xml, postacert.eml }, CRLF line ends, the signature computed over exactly the bytes of
// the first part (RFC 1847 §2.1: the CRLF before the next delimiter is not part of it).
import crypto from 'node:crypto';
import type { PecErrorCode, ReceiptVariant } from '../../src/shared/pec';
import type { ProviderCert } from './ca';
import { renderDaticert, type DaticertData } from './daticert';
import { newPecId } from './ids';
import { base64Lines, headerLine, newBoundary, parseHeaders, quotedPrintable, replaceAttachmentsWithHashes, splitEntity, transferEncodingOf } from './mime';
import { micalg, signDetached, type DigestName, type Signer } from './sign';
import { readSubmission, rewriteForPostacert, type CertifiedFacts } from './submission';
import { htmlOf, messageText, type MessageText, type TextKind } from './texts';
import { italianTime } from './time';

/** The protocol of multipart/signed: Aruba and Sogei write the x- form, RFC 5751 the plain one. */
export type SignatureType = 'application/x-pkcs7-signature' | 'application/pkcs7-signature';

/** A PEC provider (gestore) as a message composer needs it: who it is and how it signs. */
export interface PecProvider {
  domain: string;
  /** gestore-emittente, e.g. "Alfa PEC S.p.A." */
  name: string;
  signer: Signer;
  digest: DigestName;
  signatureType: SignatureType;
}

/** A composer's provider from its certificate; signs like Aruba (sha1, x-pkcs7) unless told otherwise. */
export function pecProvider(cert: ProviderCert, style: { digest?: DigestName; signatureType?: SignatureType } = {}): PecProvider {
  return {
    domain: cert.domain,
    name: cert.providerName,
    signer: { cert: cert.cert, key: cert.key },
    digest: style.digest ?? 'sha1',
    signatureType: style.signatureType ?? 'application/x-pkcs7-signature',
  };
}

/** The provider's own address, From of every receipt and SAN of its certificate. */
export function providerAddress(provider: Pick<PecProvider, 'domain'>): string {
  return `posta-certificata@${provider.domain}`;
}

/** Which receipt to compose, with the details its type needs (pec-format.md §6.2). */
export type ReceiptSpec =
  | { type: 'accettazione' }
  | { type: 'non-accettazione'; errore?: 'altro' | 'virus'; erroreEsteso: string }
  | { type: 'presa-in-carico'; ricezione: string[] }
  | {
      type: 'avvenuta-consegna';
      consegna: string;
      variant: ReceiptVariant;
      /** The message as submitted: needed for the postacert.eml of completa and breve. */
      original: Buffer;
      /** A Cc recipient: the receipt carries no postacert.eml (DM 2/11/2005: only primary recipients). */
      inCopia?: boolean;
    }
  | { type: 'errore-consegna'; consegna: string; errore: PecErrorCode; erroreEsteso: string; cause?: 'virus' | 'timeout' }
  | { type: 'preavviso-errore-consegna'; consegna: string; erroreEsteso: string }
  | { type: 'rilevazione-virus'; consegna: string; erroreEsteso: string };

/** When the message is issued, its Message-ID (no brackets; fresh by default) and its addressee. */
export interface ComposeOptions {
  date?: Date;
  messageId?: string;
  /** The receipt's To: the sender by default; presa-in-carico and rilevazione-virus go to the sender's provider. */
  to?: string;
}

const CRLF = '\r\n';

function multipart(type: string, parts: string[], extraHeaders = ''): string {
  const boundary = newBoundary();
  return (
    `Content-Type: ${type};${CRLF} boundary="${boundary}"${CRLF}Content-Transfer-Encoding: binary${CRLF}${extraHeaders}${CRLF}` +
    parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') +
    `--${boundary}--${CRLF}`
  );
}

function textParts(text: MessageText): string {
  const part = (type: string, content: string): string => {
    const qp = quotedPrintable(content);
    return `Content-Type: ${type}; charset="${qp.charset}"${CRLF}Content-Disposition: inline${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}${qp.body}`;
  };
  return multipart('multipart/alternative', [part('text/plain', text.lines.join(CRLF) + CRLF), part('text/html', htmlOf(text).replace(/\n/g, CRLF))]);
}

function daticertPart(data: DaticertData): string {
  return (
    `Content-Type: application/xml; name="daticert.xml"${CRLF}Content-Disposition: inline; filename="daticert.xml"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}` +
    base64Lines(Buffer.from(renderDaticert(data), 'utf8'), 60)
  );
}

function postacertPart(message: Buffer): string {
  return (
    `Content-Type: message/rfc822; name="postacert.eml"${CRLF}Content-Disposition: inline; filename="postacert.eml"${CRLF}` +
    `Content-Transfer-Encoding: ${transferEncodingOf(message)}${CRLF}${CRLF}` +
    message.toString('latin1')
  );
}

/** Wraps parts into multipart/mixed, signs those exact bytes and returns the whole signed message. */
function signedMessage(provider: PecProvider, headers: string, parts: string[], date: Date): Buffer {
  // Aruba's signed entity repeats MIME-Version after its own Content-Type and CTE.
  const signed = Buffer.from(multipart('multipart/mixed', parts, `MIME-Version: 1.0${CRLF}`), 'latin1');
  const p7s = signDetached(signed, provider.signer, { digest: provider.digest, signingTime: date });
  const outer = `----${crypto.randomBytes(16).toString('hex').toUpperCase()}`;
  const head =
    headers +
    `MIME-Version: 1.0${CRLF}` +
    `Content-Type: multipart/signed; protocol="${provider.signatureType}"; micalg="${micalg(provider.digest)}"; boundary="${outer}"${CRLF}`;
  return Buffer.concat([
    Buffer.from(`${head}${CRLF}This is an S/MIME signed message${CRLF}${CRLF}--${outer}${CRLF}`, 'latin1'),
    signed,
    Buffer.from(
      `${CRLF}--${outer}${CRLF}Content-Type: ${provider.signatureType}; name="smime.p7s"${CRLF}Content-Transfer-Encoding: base64${CRLF}` +
        `Content-Disposition: attachment; filename="smime.p7s"${CRLF}${CRLF}${base64Lines(p7s, 64)}${CRLF}--${outer}--${CRLF}`,
      'latin1',
    ),
  ]);
}

function textKindOf(spec: ReceiptSpec): TextKind {
  switch (spec.type) {
    case 'non-accettazione':
      return { type: spec.type, errore: spec.errore ?? 'altro', erroreEsteso: spec.erroreEsteso };
    case 'errore-consegna':
      return { type: spec.type, consegna: spec.consegna, erroreEsteso: spec.erroreEsteso, cause: spec.cause ?? null };
    default:
      return spec;
  }
}

// The intestazione and the common dati are the same in every daticert about one message (§6.2).
function commonDaticert(provider: PecProvider, facts: CertifiedFacts, tipo: DaticertData['tipo'], date: Date): DaticertData {
  return {
    tipo,
    mittente: facts.mittente,
    destinatari: facts.destinatari,
    risposte: facts.risposte,
    oggetto: facts.oggetto,
    gestoreEmittente: provider.name,
    data: date,
    identificativo: facts.identificativo,
    msgid: facts.msgid,
  };
}

function daticertOf(provider: PecProvider, facts: CertifiedFacts, spec: ReceiptSpec, date: Date): DaticertData {
  const base = commonDaticert(provider, facts, spec.type, date);
  switch (spec.type) {
    case 'accettazione':
      return base;
    case 'non-accettazione':
      return { ...base, errore: spec.errore ?? 'altro', erroreEsteso: spec.erroreEsteso };
    case 'presa-in-carico':
      return { ...base, ricezione: spec.ricezione };
    case 'avvenuta-consegna':
      return { ...base, ricevuta: spec.variant, consegna: spec.consegna };
    case 'errore-consegna':
      return { ...base, errore: spec.errore, consegna: spec.consegna, erroreEsteso: spec.erroreEsteso };
    case 'preavviso-errore-consegna':
      return { ...base, errore: 'altro', consegna: spec.consegna, erroreEsteso: spec.erroreEsteso };
    case 'rilevazione-virus':
      return { ...base, errore: 'virus', consegna: spec.consegna, erroreEsteso: spec.erroreEsteso };
  }
}

function receiptPostacert(spec: ReceiptSpec, facts: CertifiedFacts): Buffer | null {
  if (spec.type !== 'avvenuta-consegna' || spec.inCopia || spec.variant === 'sintetica') return null;
  const rewritten = rewriteForPostacert(spec.original, facts);
  return spec.variant === 'breve' ? replaceAttachmentsWithHashes(rewritten) : rewritten;
}

const VIRUS_RELATED = (spec: ReceiptSpec): boolean =>
  spec.type === 'rilevazione-virus' ||
  (spec.type === 'non-accettazione' && spec.errore === 'virus') ||
  (spec.type === 'errore-consegna' && spec.cause === 'virus');

/** Composes a signed receipt or notice (X-Ricevuta) about the certified message `facts`. */
export function composeReceipt(provider: PecProvider, facts: CertifiedFacts, spec: ReceiptSpec, options: ComposeOptions = {}): Buffer {
  const date = options.date ?? new Date();
  const time = italianTime(date);
  const text = messageText(textKindOf(spec), facts, time);
  const postacert = receiptPostacert(spec, facts);
  const headers =
    headerLine('Subject', `${text.subjectPrefix} ${facts.oggetto}`) +
    `X-Riferimento-Message-ID: ${facts.msgid}${CRLF}` +
    `Date: ${time.header}${CRLF}` +
    `To: ${options.to ?? facts.mittente}${CRLF}` +
    `X-Ricevuta: ${spec.type}${CRLF}` +
    // RFC 6109 §3: virus-related notices carry X-VerificaSicurezza: errore.
    (VIRUS_RELATED(spec) ? `X-VerificaSicurezza: errore${CRLF}` : '') +
    `From: ${providerAddress(provider)}${CRLF}` +
    `Message-ID: <${options.messageId ?? newPecId(provider.domain, date)}>${CRLF}`;
  const parts = [textParts(text), daticertPart(daticertOf(provider, facts, spec, date)), ...(postacert ? [postacertPart(postacert)] : [])];
  return signedMessage(provider, headers, parts, date);
}

function copiedAddressHeaders(original: Buffer): string {
  return parseHeaders(splitEntity(original).head)
    .filter((f) => ['to', 'cc'].includes(f.name.toLowerCase()))
    .map((f) => f.raw)
    .join('');
}

function envelopeHeaders(provider: PecProvider, prefix: string, facts: Pick<CertifiedFacts, 'mittente' | 'risposte' | 'oggetto' | 'msgid'>, original: Buffer, date: Date): string {
  return (
    headerLine('Subject', `${prefix} ${facts.oggetto}`) +
    `X-Riferimento-Message-ID: ${facts.msgid}${CRLF}` +
    `Date: ${italianTime(date).header}${CRLF}` +
    `Reply-To: ${facts.risposte}${CRLF}` +
    copiedAddressHeaders(original) +
    `From: "Per conto di: ${facts.mittente}" <${providerAddress(provider)}>${CRLF}`
  );
}

/**
 * Composes the busta di trasporto the sender's provider sends to every recipient: Message-ID is the
 * identificativo, postacert.eml the original rewritten (pec-format.md §5), always complete.
 */
export function composeEnvelope(provider: PecProvider, facts: CertifiedFacts, original: Buffer, options: Pick<ComposeOptions, 'date'> = {}): Buffer {
  const date = options.date ?? new Date();
  const text = messageText({ type: 'posta-certificata' }, facts, italianTime(date));
  const headers =
    envelopeHeaders(provider, text.subjectPrefix, facts, original, date) +
    `X-Trasporto: posta-certificata${CRLF}` +
    `X-TipoRicevuta: ${facts.tipoRicevuta}${CRLF}` +
    `Message-ID: <${facts.identificativo}>${CRLF}`;
  const daticert: DaticertData = { ...commonDaticert(provider, facts, 'posta-certificata', date), ricevuta: facts.tipoRicevuta };
  return signedMessage(provider, headers, [textParts(text), daticertPart(daticert), postacertPart(rewriteForPostacert(original, facts))], date);
}

/**
 * Composes a busta di anomalia: the recipient's provider wraps a message it cannot certify (ordinary
 * mail, broken envelope) with X-Trasporto: errore, the reason in the text, the message as received,
 * and no daticert.xml (pec-format.md §4).
 */
export function composeAnomaly(provider: PecProvider, received: Buffer, motivo: string, options: Omit<ComposeOptions, 'to'> = {}): Buffer {
  const date = options.date ?? new Date();
  const message = readSubmission(received);
  const messageId = options.messageId ?? newPecId(provider.domain, date);
  const mittente = message.from[0] ?? '';
  const facts = {
    mittente,
    risposte: message.replyTo ?? mittente,
    oggetto: message.subject,
    msgid: message.messageId ?? `<${messageId}>`,
    identificativo: messageId,
    destinatari: [...message.to, ...message.cc].map((address) => ({ address, type: 'esterno' as const })),
  };
  const text = messageText({ type: 'anomalia', motivo }, facts, italianTime(date));
  const headers =
    envelopeHeaders(provider, text.subjectPrefix, facts, message.raw, date) + `X-Trasporto: errore${CRLF}` + `Message-ID: <${messageId}>${CRLF}`;
  return signedMessage(provider, headers, [textParts(text), postacertPart(message.raw)], date);
}

