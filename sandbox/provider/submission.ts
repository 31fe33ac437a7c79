// What an access point reads from a submitted message before certifying it (RFC 6109 §3.1.1), and
// the rewrite it applies to the copy it certifies (postacert.eml, pec-format.md §5).
import addressparser from 'nodemailer/lib/addressparser';
import type { PecRecipient, ReceiptVariant } from '../../src/shared/pec';
import { decodeWords, headerValue, parseHeaders, splitEntity, toCrlf, type HeaderField } from './mime';

/** The header facts of a submitted message. Addresses are lowercased; Message-ID keeps its brackets. */
export interface SubmittedMessage {
  /** The bytes as submitted, with CRLF line ends. */
  raw: Buffer;
  headers: HeaderField[];
  /** Every address in From (RFC 6109 wants exactly one). */
  from: string[];
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  /** Decoded Subject ('' when absent). */
  subject: string;
  messageId: string | null;
  /** X-TipoRicevuta, completa when absent or unknown (RFC 6109 §3.1.4). */
  tipoRicevuta: ReceiptVariant;
}

/** The facts every message about one certified submission repeats (daticert intestazione + ids). */
export interface CertifiedFacts {
  identificativo: string;
  /** The original Message-ID, with angle brackets. */
  msgid: string;
  mittente: string;
  destinatari: PecRecipient[];
  risposte: string;
  oggetto: string;
  tipoRicevuta: ReceiptVariant;
}

function addresses(fields: HeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  return fields
    .filter((f) => f.name.toLowerCase() === lower)
    .flatMap((f) => addressparser(f.value, { flatten: true }))
    .map((a) => a.address.trim().toLowerCase())
    .filter((a) => a !== '');
}

/** Reads the header facts of a submitted message (raw bytes, any line ending). */
export function readSubmission(raw: Buffer): SubmittedMessage {
  const crlf = toCrlf(raw);
  const headers = parseHeaders(splitEntity(crlf).head);
  const variant = (headerValue(headers, 'x-tiporicevuta') ?? '').trim().toLowerCase();
  const messageId = headerValue(headers, 'message-id')?.match(/<[^<>]+>/)?.[0] ?? null;
  return {
    raw: crlf,
    headers,
    from: addresses(headers, 'from'),
    to: addresses(headers, 'to'),
    cc: addresses(headers, 'cc'),
    bcc: addresses(headers, 'bcc'),
    replyTo: addresses(headers, 'reply-to')[0] ?? null,
    subject: decodeWords(headerValue(headers, 'subject') ?? ''),
    messageId,
    tipoRicevuta: variant === 'breve' || variant === 'sintetica' ? variant : 'completa',
  };
}

/** The certified facts of a submission, given its identificativo and which recipients are PEC mailboxes. */
export function certifiedFacts(message: SubmittedMessage, identificativo: string, isCertified: (address: string) => boolean): CertifiedFacts {
  const mittente = message.from[0] ?? '';
  return {
    identificativo,
    // A message submitted without Message-ID gets one from the access point, as a submission MTA would.
    msgid: message.messageId ?? `<${identificativo}>`,
    mittente,
    destinatari: [...message.to, ...message.cc].map((address) => ({ address, type: isCertified(address) ? 'certificato' : 'esterno' })),
    risposte: message.replyTo ?? mittente,
    oggetto: message.subject,
    tipoRicevuta: message.tipoRicevuta,
  };
}

/**
 * The original as carried in postacert.eml: Message-ID replaced by `<identificativo>` and the original
 * id moved to X-Riferimento-Message-ID (DTD comment on msgid; every real envelope does this).
 */
export function rewriteForPostacert(raw: Buffer, facts: Pick<CertifiedFacts, 'identificativo' | 'msgid'>): Buffer {
  const { head, body } = splitEntity(toCrlf(raw));
  const fields = parseHeaders(head);
  const ids = `Message-ID: <${facts.identificativo}>\r\nX-Riferimento-Message-ID: ${facts.msgid}\r\n`;
  let out = '';
  let placed = false;
  for (const f of fields) {
    const name = f.name.toLowerCase();
    if (name === 'x-riferimento-message-id' || (name === 'message-id' && placed)) continue;
    if (name === 'message-id') {
      out += ids;
      placed = true;
    } else out += f.raw;
  }
  if (!placed) out += ids;
  return Buffer.concat([Buffer.from(out + '\r\n', 'latin1'), body]);
}
