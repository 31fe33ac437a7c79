// What a reader shows of a raw message: bodies, the sender's attachments and, for PEC, the
// service parts. mailparser runs with ignoreEmbedded, so postacert.eml stays one part instead of
// being flattened into the envelope (which would mix the provider's text with the sender's).
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { Mailbox, MessageHeadersView } from '../../shared/api-values';
import { extractPostacert, parseHeaderBlock } from '../pec';

/** A decoded MIME leaf with a usable file name. */
export interface ContentPart {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One message as a reader needs it. */
export interface ReadableMessage extends MessageHeadersView {
  references: string[];
  text: string | null;
  /** HTML with inline cid: images already turned into data: URIs by mailparser. */
  html: string | null;
  attachments: ContentPart[];
}

/** A message split for reading: the outer message, and the sender's original when it is a PEC. */
export interface MessageContent {
  outer: ReadableMessage;
  /** postacert.eml for envelopes, anomalies and completa receipts; the message itself when ordinary; else null. */
  original: ReadableMessage | null;
  /** For PEC: daticert.xml, postacert.eml, smime.p7s and the like; empty for ordinary mail. */
  serviceParts: ContentPart[];
  /** What could not be shown and why (a body mailparser refused); empty when everything was read. */
  problems: string[];
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': '.eml',
  'text/plain': '.txt',
  'text/html': '.html',
  'application/pdf': '.pdf',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'application/pkcs7-signature': '.p7s',
  'application/x-pkcs7-signature': '.p7s',
  'application/pkcs7-mime': '.p7m',
  'application/x-pkcs7-mime': '.p7m',
};

function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const groups = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return groups.flatMap((g) =>
    g.value.flatMap((a) => (a.group ? a.group : [a])).flatMap((a) => (a.address ? [{ name: a.name || null, address: a.address }] : [])),
  );
}

function bare(id: string | undefined): string | null {
  const v = id?.trim().replace(/^<|>$/g, '');
  return v ? v : null;
}

function parts(attachments: Attachment[]): ContentPart[] {
  return (
    attachments
      // Images of a multipart/related body are part of the HTML (already inlined), not attachments.
      .filter((a) => !(a.related && a.contentDisposition !== 'attachment'))
      .map((a, i) => ({
        filename: a.filename?.trim() || `allegato-${i + 1}${EXTENSIONS[a.contentType] ?? '.bin'}`,
        contentType: a.contentType,
        content: a.content,
      }))
  );
}

function readable(mail: ParsedMail): ReadableMessage {
  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  return {
    from: mailboxes(mail.from)[0] ?? null,
    replyTo: mailboxes(mail.replyTo),
    to: mailboxes(mail.to),
    cc: mailboxes(mail.cc),
    subject: mail.subject ?? '',
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    messageId: bare(mail.messageId),
    references: references.map((r) => bare(r)).filter((r): r is string => r !== null),
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments: parts(mail.attachments),
  };
}

/** Parses one message (no PEC logic). */
export async function readMessage(raw: Buffer): Promise<ReadableMessage> {
  return readable(await simpleParser(raw, { ignoreEmbedded: true, skipTextToHtml: true }));
}

const EMPTY: ReadableMessage = { from: null, replyTo: [], to: [], cc: [], subject: '', date: null, messageId: null, references: [], text: null, html: null, attachments: [] };

/**
 * readMessage, or as much as can be shown when mailparser refuses the structure (it stops at
 * thousands of parts or a megabyte header, which hostile mail is made of): the headers alone,
 * else nothing, with the reason. The stored bytes are untouched either way.
 */
async function readOrExplain(raw: Buffer, what: string): Promise<{ message: ReadableMessage; problem: string | null }> {
  try {
    return { message: await readMessage(raw), problem: null };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const problem = `PecDesk cannot show the text and attachments of ${what} (${reason}); the message is kept unchanged: save it as .eml to open it elsewhere`;
    const { bodyStart } = parseHeaderBlock(raw, 0, raw.length);
    try {
      const headers = await readMessage(Buffer.concat([raw.subarray(0, bodyStart), Buffer.from('\r\n\r\n')]));
      return { message: { ...headers, text: null, html: null, attachments: [] }, problem };
    } catch {
      return { message: EMPTY, problem };
    }
  }
}

/** Splits a raw message for the reader; `pec` says whether it is an envelope, anomaly or receipt. Never throws for bad input. */
export async function readMessageContent(raw: Buffer, pec: boolean): Promise<MessageContent> {
  const outer = await readOrExplain(raw, 'this message');
  const problems = outer.problem ? [outer.problem] : [];
  if (!pec) return { outer: outer.message, original: outer.message, serviceParts: [], problems };
  const postacert = extractPostacert(raw);
  const original = postacert ? await readOrExplain(postacert.raw, 'the original message (postacert.eml)') : null;
  if (original?.problem) problems.push(original.problem);
  return {
    outer: { ...outer.message, attachments: [] },
    original: original?.message ?? null,
    serviceParts: outer.message.attachments,
    problems,
  };
}
