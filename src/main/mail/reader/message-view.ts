// Turns a loaded message into the MessageView the reader shows, and finds a part by its partId.
// Part ids: "a:<n>" is the n-th attachment of the sender's original, "s:<n>" the n-th service
// part of a PEC (daticert.xml, postacert.eml, smime.p7s).
import type { AttachmentView, CoverView, MessageView, OriginalView, SignedDocumentView } from '../../../shared/api-values';
import type { ReceiptProblem } from '../../../shared/api-trust';
import type { SignatureVerdict } from '../../../shared/pec';
import type { TrustVerdict } from '../../../shared/trust';
import { sanitizeFileName, type ContentPart, type ReadableMessage, type SignedDocument } from '../../attachments';
import type { MessageDetail } from '../../store';
import type { LoadedMessage } from './loaded-message';

function signedView(doc: SignedDocument | null): SignedDocumentView | null {
  return doc ? { innerFilename: sanitizeFileName(doc.filename), innerContentType: doc.contentType, innerSize: doc.content.length, signers: doc.signers } : null;
}

// Names are shown as they will be saved: a right-to-left override must not make "fatturaexe.pdf"
// of "fattura\u202Efdp.exe" on screen either.
function attachmentViews(parts: ContentPart[], prefix: 'a' | 's', signed: (SignedDocument | null)[] = []): AttachmentView[] {
  return parts.map((p, i) => ({ partId: `${prefix}:${i}`, filename: sanitizeFileName(p.filename), contentType: p.contentType, size: p.content.length, signed: signedView(signed[i] ?? null) }));
}

function originalView(m: ReadableMessage, signed: (SignedDocument | null)[], senderMessageId: string | null): OriginalView {
  return {
    from: m.from,
    replyTo: m.replyTo,
    to: m.to,
    cc: m.cc,
    subject: m.subject,
    date: m.date,
    // Providers rewrite postacert.eml's Message-ID; the PEC analysis reads the sender's own one.
    messageId: senderMessageId ?? m.messageId,
    body: { text: m.text, html: m.html },
    attachments: attachmentViews(m.attachments, 'a', signed),
  };
}

function coverView(m: ReadableMessage): CoverView {
  return { from: m.from, to: m.to, subject: m.subject, date: m.date, messageId: m.messageId, body: { text: m.text, html: m.html } };
}

/** The verdict stored when the message first arrived (evidence), else the one just computed. */
function signatureOf(message: LoadedMessage): SignatureVerdict {
  const s: MessageDetail | null = message.stored;
  if (s && s.signaturePresent !== null) {
    return {
      present: s.signaturePresent,
      valid: s.signatureValid,
      signer: s.signatureSigner ? { subject: s.signatureSigner, email: s.signatureSignerEmail } : null,
      trusted: s.signatureTrusted,
      signingTime: s.signatureSigningTime,
      detail: s.signatureDetail,
    };
  }
  return message.analysis?.signature ?? { present: false, valid: null, signer: null, trusted: null };
}

const MAX_DATICERT_SHOWN = 64 * 1024;

function daticertText(parts: ContentPart[]): string | null {
  const part = parts.find((p) => p.filename.toLowerCase() === 'daticert.xml') ?? parts.find((p) => /xml$/.test(p.contentType));
  if (!part) return null;
  const bytes = part.content.subarray(0, MAX_DATICERT_SHOWN);
  // daticert.xml declares its charset (UTF-8 or ISO-8859-1 in the wild).
  return /encoding=["']iso-8859-1["']/i.test(bytes.subarray(0, 100).toString('latin1')) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The reader's view of a loaded message. */
export function buildMessageView(
  message: LoadedMessage,
  extra: { remoteContentAllowed: boolean; sentMessageId: number | null; seen: boolean; trust: TrustVerdict | null; receiptProblems: ReceiptProblem[] | null },
): MessageView {
  const { content, analysis } = message;
  const problems = [...(analysis?.problems ?? []), ...content.problems];
  if (!analysis && message.stored?.unreadableDetail) problems.push(message.stored.unreadableDetail);
  return {
    ref: message.ref,
    kind: analysis?.kind ?? 'ordinary',
    original: content.original ? originalView(content.original, message.signed, analysis?.original?.messageId ?? null) : null,
    cover: coverView(content.outer),
    receipt: analysis?.receipt ?? null,
    signature: signatureOf(message),
    trust: extra.trust,
    receiptProblems: extra.receiptProblems,
    identificativo: analysis?.identificativo ?? null,
    requestedVariant: analysis?.requestedVariant ?? null,
    daticertXml: daticertText(content.serviceParts),
    serviceParts: attachmentViews(content.serviceParts, 's'),
    problems,
    remoteContentAllowed: extra.remoteContentAllowed,
    sentMessageId: extra.sentMessageId,
    seen: extra.seen,
  };
}

/** The attachments of the sender's original. */
export function originalAttachments(message: LoadedMessage): AttachmentView[] {
  return attachmentViews(message.content.original?.attachments ?? [], 'a', message.signed);
}

/** The bytes of a part (or of the document inside it when `inner`), or null when there is no such part. */
export function resolvePart(message: LoadedMessage, partId: string, inner: boolean): ContentPart | null {
  const [prefix, index] = partId.split(':');
  const n = Number(index);
  if (!Number.isInteger(n) || n < 0) return null;
  if (prefix === 's') return inner ? null : (message.content.serviceParts[n] ?? null);
  if (prefix !== 'a') return null;
  const part = message.content.original?.attachments[n];
  if (!part) return null;
  if (!inner) return part;
  const doc = message.signed[n];
  return doc ? { filename: doc.filename, contentType: doc.contentType, content: doc.content } : null;
}
