// The bytes of a draft as other mail clients keep one: an ordinary MIME message from the account,
// its addresses as typed, its pictures as inline cid: parts and its files attached, so opening the
// Drafts folder elsewhere shows the same draft. Never submitted: the real message is built anew
// by prepareMessage when it is sent.
import MailComposer from 'nodemailer/lib/mail-composer';
import { addressDomain, type AccountSettings } from '../../accounts';
import { generateMessageId } from '../../pec';
import { inlineDataImages } from '../smtp/inline-images';

/** What a draft holds, as the composer left it. */
export interface DraftContent {
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  receiptVariant: 'completa' | 'breve' | 'sintetica';
  inReplyTo: string | null;
  references: string[];
  attachments: { filename: string; contentType: string | null; content: Buffer }[];
}

/** Header naming the local draft a server copy belongs to (finds the copy when the server gives no UID). */
export const DRAFT_HEADER = 'X-PecDesk-Draft';

/** Builds the MIME bytes of a draft of `settings`' account; `draftId` is the local draft's id. */
export async function buildDraftMessage(settings: Pick<AccountSettings, 'name' | 'address'>, draft: DraftContent, draftId: number): Promise<{ messageId: string; raw: Buffer }> {
  const messageId = generateMessageId(addressDomain(settings.address));
  const body = inlineDataImages(draft.html, messageId);
  const composer = new MailComposer({
    from: { name: settings.name, address: settings.address },
    // Addresses as typed (a draft may hold a half-written one): kept as text, checked when sending.
    to: draft.to.join(', ') || undefined,
    cc: draft.cc.join(', ') || undefined,
    subject: draft.subject,
    html: body.html,
    attachments: [...body.images, ...draft.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType ?? undefined }))],
    messageId: `<${messageId}>`,
    inReplyTo: draft.inReplyTo ?? undefined,
    references: draft.references.length ? draft.references : undefined,
    headers: { 'X-TipoRicevuta': draft.receiptVariant, [DRAFT_HEADER]: String(draftId) },
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return { messageId, raw: await composer.compile().build() };
}
