// postacert.eml: the sender's message as the provider certified it. Providers rewrite it:
// its Message-ID becomes the PEC identificativo and the sender's own id moves to
// X-Riferimento-Message-ID (DTD comment on msgid; seen in every Aruba and Sogei sample).
import type { AttachmentInfo, OriginalMessage } from '../../shared/pec';
import { decodeWords, parseAddresses, parseDate } from './headers';
import { decodeBody, headerValue, type MimePart, parseMime, partDisposition, partFilename } from './mime';
import { findPostacertPart, pecContainer } from './layout';
import { normalizeMessageId } from './message-id';

/** The bytes of postacert.eml and what it says. */
export interface Postacert {
  raw: Buffer;
  /** raw parsed, for whoever reads more of it (search-text.ts) without parsing it again. */
  root: MimePart;
  original: OriginalMessage;
}

/** The files of a message (its parts that are not its body text), depth first. */
export function listAttachments(buf: Buffer, part: MimePart, out: AttachmentInfo[] = []): AttachmentInfo[] {
  if (part.type.startsWith('multipart/')) {
    for (const child of part.children) listAttachments(buf, child, out);
    return out;
  }
  const filename = partFilename(part);
  // Text without a name that is not marked as an attachment is the message body.
  const isBody = (part.type === 'text/plain' || part.type === 'text/html') && !filename && partDisposition(part) !== 'attachment';
  if (!isBody) out.push({ filename: filename ?? 'attachment', contentType: part.type, size: decodeBody(buf, part).length });
  return out;
}

function addresses(root: MimePart, name: string): string[] {
  return (root.headers.get(name) ?? []).flatMap((v) => parseAddresses(v));
}

/** The summary of a message: sender address, recipients, subject, date, the sender's own Message-ID, attachments. */
export function readOriginal(buf: Buffer, root: MimePart): OriginalMessage {
  return {
    from: addresses(root, 'from')[0] ?? null,
    to: addresses(root, 'to'),
    cc: addresses(root, 'cc'),
    subject: decodeWords(headerValue(root.headers, 'subject') ?? '').trim(),
    date: parseDate(headerValue(root.headers, 'date')),
    messageId: normalizeMessageId(headerValue(root.headers, 'x-riferimento-message-id')) ?? normalizeMessageId(headerValue(root.headers, 'message-id')),
    attachments: listAttachments(buf, root, []),
  };
}

/** Reads the message/rfc822 part found by findPostacertPart. */
export function readPostacert(buf: Buffer, part: MimePart): Postacert {
  const raw = decodeBody(buf, part);
  const root = parseMime(raw);
  return { raw, root, original: readOriginal(raw, root) };
}

/** postacert.eml of a raw envelope or receipt, or null when it carries none. */
export function extractPostacert(raw: Buffer): Postacert | null {
  const part = findPostacertPart(pecContainer(parseMime(raw)));
  return part ? readPostacert(raw, part) : null;
}
