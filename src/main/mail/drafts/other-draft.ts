// A draft another program (webmail, a phone) left in the server's Drafts, as the composer's
// content: its addresses, subject and text, its files as they are. Inline pictures arrive from the
// reader as data: URIs and go back to cid: parts when the draft is saved (draft-mime.ts).
import { escapeHtml } from '../../../shared/escape-html';
import { mailboxText } from '../../../shared/mailbox-text';
import type { ReceiptVariant } from '../../../shared/pec';
import type { LoadedMessage } from '../reader/loaded-message';
import type { DraftContent } from './draft-mime';

/** The receipt the draft asked for (X-TipoRicevuta, RFC 6109 §3.1.2): a PecDesk draft saved elsewhere keeps it. */
function receiptVariantOf(raw: Buffer): ReceiptVariant {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end).toString('latin1');
  const asked = /^x-tiporicevuta:[ \t]*(completa|breve|sintetica)[ \t]*$/im.exec(head)?.[1]?.toLowerCase();
  return (asked as ReceiptVariant | undefined) ?? 'completa';
}

/** What the composer gets from another program's draft. */
export function otherDraftContent(message: LoadedMessage): DraftContent {
  const source = message.content.original ?? message.content.outer;
  return {
    to: source.to.map(mailboxText),
    cc: source.cc.map(mailboxText),
    subject: source.subject,
    html: source.html ?? (source.text ? `<pre>${escapeHtml(source.text)}</pre>` : ''),
    receiptVariant: receiptVariantOf(message.raw),
    // In-Reply-To names the message replied to, which References ends with (RFC 5322 §3.6.4).
    inReplyTo: source.references.at(-1) ?? null,
    references: source.references,
    attachments: source.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  };
}
