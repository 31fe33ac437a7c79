// One recipient's message: the campaign's texts filled for that recipient, the campaign's files
// (or its single zip), ONLY that recipient in To (plus the campaign's Cc, empty by default), never
// Bcc — the access point would refuse it (RFC 6109 §3.1.1) and privacy forbids showing the list.
// prepareCheckedMessage (mail/smtp) builds the exact bytes and the Message-ID before anything is sent.
import type { AccountSettings } from '../accounts';
import { encodeAttachments, prepareCheckedMessage, type AttachmentInput, type EncodedAttachment, type Envelope } from '../mail';
import type { AttachmentContent, BuiltRow, CampaignRepo, CampaignRow } from '../store';
import { failureOf, smtpFailure } from './failure-words';
import { placeholderValues, render } from './personalize';

/** What every message of a campaign shares. */
export interface CampaignMessage {
  campaign: CampaignRow;
  settings: AccountSettings;
  /** The files as given, or the one zip made of them. */
  attachments: AttachmentContent[];
  /** The same files with their MIME parts built once (encodeMessageFiles), for the many messages a runner builds. */
  encoded?: (EncodedAttachment | AttachmentInput)[];
}

/** A recipient as the builder needs it. */
export interface BuildRecipient {
  id: number;
  address: string;
  name: string | null;
  fields: Record<string, string>;
}

/** The attachments a campaign sends: its zip when it asks for one (made at start), else its files. */
export function sentAttachments(repo: CampaignRepo, campaign: CampaignRow): AttachmentContent[] {
  return repo.attachmentsWithContent(campaign.id, campaign.zipAttachments ? 'zip' : 'file');
}

function attachmentInputs(attachments: AttachmentContent[]): AttachmentInput[] {
  return attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType ?? undefined }));
}

/**
 * Builds the campaign's files' MIME parts once, so its messages do not each encode them again;
 * the messages come out byte for byte the same (mail/smtp encoded-attachments.ts).
 */
export async function encodeMessageFiles(shared: CampaignMessage): Promise<void> {
  shared.encoded ??= await encodeAttachments(attachmentInputs(shared.attachments));
}

/** The SMTP envelope of a campaign message: the account as sender, the recipient and the Cc (a single PEC: its To and Cc). */
export function envelopeOf(settings: AccountSettings, campaign: CampaignRow, address: string): Envelope {
  return { from: settings.address, to: campaign.envelope ?? [address, ...campaign.cc] };
}

/** Builds one recipient's message, or says why it cannot be (a missing placeholder, a size limit). */
export async function buildMessage(shared: CampaignMessage, recipient: BuildRecipient): Promise<BuiltRow> {
  const { campaign, settings } = shared;
  const rendered = render({ subject: campaign.subject, text: campaign.text, html: campaign.html }, placeholderValues(recipient));
  if (rendered.missing.length > 0) {
    return { id: recipient.id, ok: false, code: 'missing-field', ...failureOf('missing-field', { fields: rendered.missing.map((m) => `{{${m}}}`).join(', ') }) };
  }
  // Checked when drafted and before the start (checks.ts): not parsed again for every recipient.
  const prepared = await prepareCheckedMessage(settings, {
    to: [{ name: (recipient.name ?? '').trim(), address: recipient.address }],
    cc: campaign.cc.map((address) => ({ name: '', address })),
    bcc: [],
    subject: rendered.subject,
    text: rendered.text ?? undefined,
    html: rendered.html ?? undefined,
    attachments: shared.encoded ?? attachmentInputs(shared.attachments),
    receiptVariant: campaign.receiptVariant,
  });
  if (!prepared.ok) return { id: recipient.id, ok: false, code: prepared.code, ...smtpFailure(prepared) };
  const { messageId, raw } = prepared.message;
  return {
    id: recipient.id,
    ok: true,
    messageId,
    raw,
    sent: {
      messageId,
      accountId: campaign.accountId,
      campaignId: campaign.id,
      subject: rendered.subject,
      from: settings.address,
      to: [recipient.address],
      cc: campaign.cc,
      // Filed in the raw store (fsynced) before the row naming them commits: a sent message is
      // evidence like a received one and must outlive the database.
      raw,
      status: 'queued',
    },
  };
}
