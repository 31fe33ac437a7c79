// One pass over a raw message: classify, read daticert.xml and postacert.eml, check the signature.
// The message is parsed once; every piece works on the same byte offsets.
import type { AnalysisResult, PecAnalysis, ReceiptInfo, ReceiptType, UnreadableCode } from '../../shared/pec';
import { classifyHeaders, headerVariant } from './classify';
import { type Daticert, MAX_DATICERT_BYTES, parseDaticert } from './daticert';
import { decodeWords, parseAddresses, parseDate } from './headers';
import { findDaticertPart, findPostacertPart, pecContainer } from './layout';
import { normalizeMessageId } from './message-id';
import { decodeBody, headerValue, type HeaderMap, MAX_MIME_DEPTH, MAX_MIME_PARTS, type MimePart, parseHeaderBlock, parseMime } from './mime';
import { listAttachments, type Postacert, readPostacert } from './postacert';
import { type SearchableText, textOfSender } from './search-text';
import { type VerifyOptions, verifyParsedSignature } from './signature';

/** Options of analyzeMessage. */
export type AnalyzeOptions = VerifyOptions;

/** Far beyond what a PEC message can be (DM 2/11/2005 guarantees 30 MB × recipients): refused unread. */
export const MAX_MESSAGE_BYTES = 200 * 1024 * 1024;

// A header block needs at least one field every mail message has, so a text file that merely
// starts with "Note: …" is not taken for a message.
const MAIL_FIELDS = ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'received', 'return-path', 'delivered-to', 'x-ricevuta', 'x-trasporto'];

function isBlank(raw: Buffer): boolean {
  return raw.every((b) => b === 32 || b === 9 || b === 10 || b === 13);
}

// The header check reads this much; a message no longer than it is parsed once for both.
const HEAD_BYTES = 256 * 1024;

/** The message's MIME tree, or why the bytes are not a message. */
function readMessage(raw: Buffer): { root: MimePart } | { code: UnreadableCode; detail: string } {
  if (raw.length === 0 || isBlank(raw)) return { code: 'empty', detail: 'the file is empty' };
  if (raw.length > MAX_MESSAGE_BYTES) return { code: 'too-large', detail: `the file is ${raw.length} bytes, more than the ${MAX_MESSAGE_BYTES} a mail message can be` };
  const start = raw.subarray(0, Math.min(raw.length, 1000));
  const firstBreak = start.indexOf(10);
  const firstLine = start.toString('latin1', 0, firstBreak === -1 ? start.length : firstBreak);
  if (!/^[!-9;-~]+:/.test(firstLine) && !firstLine.startsWith('From ')) return { code: 'not-a-message', detail: 'the file does not start with mail headers' };
  const root = raw.length <= HEAD_BYTES ? parseMime(raw) : null;
  const head = root ? raw : raw.subarray(0, HEAD_BYTES);
  const { headers, bodyStart } = root ?? parseHeaderBlock(head, 0, head.length);
  if (head.subarray(0, bodyStart).includes(0)) return { code: 'not-a-message', detail: 'the header block holds binary data' };
  if (!MAIL_FIELDS.some((name) => headers.has(name))) return { code: 'not-a-message', detail: 'the file has no mail header (From, To, Subject, Date, Message-ID …)' };
  return { root: root ?? parseMime(raw) };
}

function readDaticertPart(raw: Buffer, part: MimePart): { daticert: Daticert } | { problem: string } {
  // Checked before decoding: a 50 MB "daticert" is refused without being read (quoted-printable triples the size at most).
  if (part.end - part.bodyStart > 3 * MAX_DATICERT_BYTES) return { problem: 'daticert.xml is too large to be one; ignored' };
  const result = parseDaticert(decodeBody(raw, part));
  return result.ok ? { daticert: result.daticert } : { problem: result.detail };
}

function buildReceipt(type: ReceiptType, headers: HeaderMap, daticert: Daticert | null, postacert: Postacert | null, problems: string[]): ReceiptInfo {
  if (daticert && daticert.tipo !== type) problems.push(`X-Ricevuta says ${type} but daticert.xml says ${daticert.tipo}; the header decides`);
  // The variant is only meaningful for avvenuta-consegna; when daticert does not say, the parts tell:
  // completa and breve carry postacert.eml, sintetica does not (regole tecniche §7.2, RFC 6109 §3.2.4).
  const variant = type === 'avvenuta-consegna' ? (daticert?.ricevuta ?? headerVariant(headers) ?? (postacert ? 'completa' : 'sintetica')) : null;
  return {
    type,
    variant,
    // The signed daticert.xml decides; the unsigned outer header only when daticert has no msgid.
    refMessageId: normalizeMessageId(daticert?.msgid) ?? normalizeMessageId(headerValue(headers, 'x-riferimento-message-id')),
    identificativo: daticert?.identificativo ?? null,
    issuer: daticert?.gestoreEmittente ?? null,
    timestamp: daticert?.timestamp ?? null,
    recipients: daticert?.destinatari ?? [],
    deliveredTo: daticert?.consegna ?? null,
    error: daticert?.errore ?? 'nessuno',
    errorDetail: daticert?.erroreEsteso ?? null,
  };
}

function analyzeParsed(raw: Buffer, root: MimePart, options: AnalyzeOptions): { analysis: PecAnalysis; postacert: Postacert | null } {
  const { headers } = root;
  const { kind, receiptType, problems } = classifyHeaders(headers);
  if (root.cut === 'depth') problems.push(`the message nests MIME parts more than ${MAX_MIME_DEPTH} deep, which no mail client does; the deeper parts are not read`);
  if (root.cut === 'parts') problems.push(`the message has more than ${MAX_MIME_PARTS} MIME parts; the rest are not read`);
  const signature = verifyParsedSignature(raw, root, options);
  const certified = kind !== 'ordinary';
  if (certified && !signature.present) problems.push(signature.detail ?? 'the provider signature (smime.p7s) is missing');
  const container = certified ? pecContainer(root) : root;

  let daticert: Daticert | null = null;
  // A busta di anomalia carries no daticert.xml (regole tecniche §7.1).
  if (kind === 'receipt' || kind === 'envelope') {
    const part = findDaticertPart(container);
    const read = part ? readDaticertPart(raw, part) : { problem: 'daticert.xml is missing' };
    if ('daticert' in read) daticert = read.daticert;
    else problems.push(read.problem);
  }
  const postacertPart = certified ? findPostacertPart(container) : null;
  const postacert = postacertPart ? readPostacert(raw, postacertPart) : null;
  if ((kind === 'envelope' || kind === 'anomaly') && !postacert) problems.push('postacert.eml (the original message) is missing');
  if (kind === 'envelope' && daticert && daticert.tipo !== 'posta-certificata') problems.push(`X-Trasporto says posta-certificata but daticert.xml says ${daticert.tipo}`);

  const outerMessageId = normalizeMessageId(headerValue(headers, 'message-id'));
  const analysis: PecAnalysis = {
    kind,
    receipt: receiptType ? buildReceipt(receiptType, headers, daticert, postacert, problems) : null,
    original: postacert?.original ?? null,
    signature,
    outer: {
      messageId: outerMessageId,
      subject: decodeWords(headerValue(headers, 'subject') ?? '').trim(),
      from: parseAddresses(headerValue(headers, 'from'))[0] ?? null,
      to: (headers.get('to') ?? []).flatMap((v) => parseAddresses(v)),
      date: parseDate(headerValue(headers, 'date')),
      refMessageId: normalizeMessageId(headerValue(headers, 'x-riferimento-message-id')),
    },
    // Providers give the envelope Message-ID <identificativo> (RFC 6109 §3.1.2), the fallback when daticert is missing.
    identificativo: daticert?.identificativo ?? (kind === 'envelope' ? outerMessageId : null),
    requestedVariant: kind === 'envelope' ? (daticert?.ricevuta ?? headerVariant(headers)) : null,
    certified: daticert
      ? { sender: daticert.mittente, deliveredTo: daticert.consegna, msgid: normalizeMessageId(daticert.msgid), timestamp: daticert.timestamp }
      : null,
    problems,
    ...(kind === 'ordinary' ? { attachments: listAttachments(raw, root) } : {}),
  };
  return { analysis, postacert };
}

/** Classifies raw message bytes and reads their PEC data; never throws for bad input. */
export async function analyzeMessage(raw: Buffer, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const read = readMessage(raw);
  if (!('root' in read)) return { ok: false, ...read };
  return { ok: true, analysis: analyzeParsed(raw, read.root, options).analysis };
}

/**
 * analyzeMessage plus the words full-text search indexes (searchableText), from the same parse:
 * filing a message would otherwise parse it, and its postacert.eml, again. `text` is null when the
 * bytes are unreadable or their text cannot be read (which never makes the analysis fail).
 */
export async function analyzeWithText(raw: Buffer, options: AnalyzeOptions = {}): Promise<{ result: AnalysisResult; text: SearchableText | null }> {
  const read = readMessage(raw);
  if (!('root' in read)) return { result: { ok: false, ...read }, text: null };
  const { root } = read;
  const { analysis, postacert } = analyzeParsed(raw, root, options);
  return { result: { ok: true, analysis }, text: textOf(analysis.kind, raw, root, postacert) };
}

function textOf(kind: PecAnalysis['kind'], raw: Buffer, root: MimePart, postacert: Postacert | null): SearchableText | null {
  // A receipt's words are all the provider's (search-text.ts).
  if (kind === 'receipt') return { body: '', senderNames: '' };
  try {
    return textOfSender(kind === 'ordinary' ? { raw, root } : postacert);
  } catch {
    // A body that cannot be read as text only makes the message harder to find, never unreadable.
    return null;
  }
}
