// What a reader shows of a raw message: bodies, the sender's attachments and, for PEC, the
// service parts. mailparser runs with ignoreEmbedded, so postacert.eml stays one part instead of
// being flattened into the envelope (which would mix the provider's text with the sender's).
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { Mailbox, MessageHeadersView } from '../../shared/api-values';
import { extractPostacert } from '../pec';

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

/** Splits a raw message for the reader; `pec` says whether it is an envelope, anomaly or receipt. */
export async function readMessageContent(raw: Buffer, pec: boolean): Promise<MessageContent> {
  const outer = await readMessage(raw);
  if (!pec) return { outer, original: outer, serviceParts: [] };
  const postacert = extractPostacert(raw);
  return {
    outer: { ...outer, attachments: [] },
    original: postacert ? await readMessage(postacert.raw) : null,
    serviceParts: outer.attachments,
  };
}
