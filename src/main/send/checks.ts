// The pre-send checks: everything a user should know before hundreds of PEC leave, as findings
// with a severity (errors block sending), and the estimate shown in the confirmation.
import { convert } from 'html-to-text';
import { effectiveLimits, type AccountSettings } from '../accounts';
import { addressProblem, isKnownPecDomain, type PecStatus } from '../contacts';
import { prepareMessage } from '../mail';
import type { AttachmentContent, CampaignRow, RecipientInputRow } from '../store';
import { worded } from './check-words';
import { buildMessage } from './compose';
import { estimateDurationMs } from './pacer';
import { placeholderValues, render } from './personalize';
import type { CheckReport, Finding, SendEstimate } from './types';

/** What the checks look at. */
export interface CheckInput {
  campaign: CampaignRow;
  recipients: RecipientInputRow[];
  /** The attachments as they will be sent (the files, or the one zip). */
  attachments: AttachmentContent[];
  settings: AccountSettings;
  /** The PEC badge of an address (the contacts domain's evidence); a domain guess when absent. */
  pecStatus?: (address: string) => PecStatus;
}

// Types that public offices' protocol systems commonly refuse or quarantine: archives (the
// content cannot be registered) and executables or scripts. PA guidelines (AgID, "formati dei
// documenti", allegato 2 alle Linee guida sul documento informatico) list PDF/A, XML, ODF…;
// archives are not among the formats for long-term keeping.
const REFUSED_EXTENSIONS = new Set(['zip', 'rar', '7z', 'tar', 'gz', 'tgz']);
// Executables and scripts the providers themselves refuse at the access point (Aruba's list:
// .exe, .bat, .js, .vbs, .jar, .lnk, .msi, .ps1, .scr…): the message would not even be accepted.
const PROVIDER_BLOCKED_EXTENSIONS = new Set(['exe', 'bat', 'cmd', 'com', 'msi', 'js', 'vbs', 'vbe', 'scr', 'jar', 'ps1', 'lnk', 'pif', 'cpl', 'wsf', 'hta']);

// A signed receipt without the original message: 6.5–13 KB in the Aruba 2014–2018 samples.
const RECEIPT_BYTES = 12_000;
const MB = 1_000_000;

// Sizes go to the texts in megabytes; each language formats the number its own way.
const megabytes = (bytes: number) => bytes / MB;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function domainStatus(address: string): PecStatus {
  return isKnownPecDomain(address) ? 'likely' : 'unknown';
}

/** Invalid addresses (look-alike domains named apart: the address looks right, so "non valido" alone would puzzle). */
function invalidAddressFinding(addresses: string[]): Finding | null {
  const problems = addresses.map((a) => ({ address: a, problem: addressProblem(a) })).filter((p) => p.problem !== null);
  if (!problems.length) return null;
  const lookalikes = problems.filter((p) => p.problem!.code === 'address-mixed-script').length;
  const words = lookalikes ? worded('invalid-address-lookalike', { count: problems.length, lookalikes }) : worded('invalid-address', { count: problems.length });
  return { code: 'invalid-address', severity: 'error', ...words, addresses: problems.map((p) => p.address) };
}

/** Recipients that are not known PEC mailboxes: no delivery receipt, no legal value. */
function notPecFinding(addresses: string[], statusOf: (address: string) => PecStatus): Finding | null {
  const notPec = addresses.filter((a) => ['no', 'unknown'].includes(statusOf(a)));
  if (!notPec.length) return null;
  return { code: 'not-pec', severity: 'warning', ...worded('not-pec', { count: notPec.length }), addresses: notPec };
}

/** Attachments the recipients' providers or offices refuse. */
function refusedAttachmentFindings(filenames: string[]): Finding[] {
  const findings: Finding[] = [];
  const blocked = filenames.filter((name) => PROVIDER_BLOCKED_EXTENSIONS.has(extensionOf(name)));
  if (blocked.length) {
    findings.push({ code: 'refused-attachment-type', severity: 'warning', ...worded('provider-blocked-attachment', { files: blocked.join(', ') }) });
  }
  const refused = filenames.filter((name) => REFUSED_EXTENSIONS.has(extensionOf(name)));
  if (refused.length) {
    findings.push({ code: 'refused-attachment-type', severity: 'warning', ...worded('office-refused-attachment', { files: refused.join(', ') }) });
  }
  return findings;
}

// "allegato", "allegati", "allegata", "in allegato", "alleghiamo", "allego": the text promises a file.
const MENTIONS_ATTACHMENT = /\b(allegat[oaie]|alleg(o|hiamo|hi))\b/i;

/** The text speaks of an attachment while nothing is attached (the classic forgotten file). */
function attachmentMentionedFinding(text: string, attachmentCount: number): Finding | null {
  const found = MENTIONS_ATTACHMENT.exec(text);
  if (!found || attachmentCount > 0) return null;
  return { code: 'attachment-mentioned', severity: 'warning', ...worded('attachment-mentioned', { word: found[0] }) };
}

/** Plain text of an HTML body, for the word checks. */
function plainText(html: string | null | undefined): string {
  return html ? convert(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }) : '';
}

/** Runs every check; builds the first recipient's message for real to know its size. */
export async function checkCampaign(input: CheckInput): Promise<CheckReport> {
  const { campaign, recipients, settings } = input;
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);
  const n = recipients.length;

  if (n === 0) add({ code: 'no-recipients', severity: 'error', ...worded('no-recipients') });

  const invalidFinding = invalidAddressFinding([...recipients.map((r) => r.address), ...campaign.cc]);
  if (invalidFinding) add(invalidFinding);
  const invalidSet = new Set(invalidFinding?.addresses ?? []);
  if (campaign.duplicates.length) {
    add({ code: 'duplicate-recipient', severity: 'warning', ...worded('duplicate-recipient', { count: campaign.duplicates.length }), addresses: campaign.duplicates });
  }

  const parts = { subject: campaign.subject, text: campaign.text, html: campaign.html };
  const missing = recipients
    .map((r) => ({ address: r.address, fields: render(parts, placeholderValues(r)).missing }))
    .filter((m) => m.fields.length > 0);
  if (missing.length) {
    add({
      code: 'missing-field',
      severity: 'error',
      ...worded('missing-field', { count: missing.length }),
      addresses: missing.map((m) => m.address),
      missing,
    });
  }

  if (!campaign.subject.trim()) add({ code: 'no-subject', severity: 'warning', ...worded('no-subject') });
  if (!campaign.text?.trim() && !campaign.html?.trim()) add({ code: 'empty-body', severity: 'warning', ...worded('empty-body') });
  if (settings.kind !== 'pec') add({ code: 'account-not-pec', severity: 'warning', ...worded('account-not-pec-messages') });

  const notPec = notPecFinding(
    recipients.map((r) => r.address).filter((a) => !invalidSet.has(a)),
    input.pecStatus ?? domainStatus,
  );
  if (notPec) add(notPec);
  const mentioned = attachmentMentionedFinding(`${campaign.text ?? ''}\n${plainText(campaign.html)}`, input.attachments.length);
  if (mentioned) add(mentioned);
  if (campaign.cc.length) {
    add({ code: 'cc-exposes', severity: 'warning', ...worded('cc-exposes', { addresses: campaign.cc.join(', ') }), addresses: campaign.cc });
  }
  refusedAttachmentFindings(input.attachments.map((a) => a.filename)).forEach(add);

  // The first recipient without problems stands for all: attachments make almost all of the size.
  const missingSet = new Set(missing.map((m) => m.address));
  const sample = recipients.find((r) => !invalidSet.has(r.address) && !missingSet.has(r.address));
  let messageBytes = 0;
  if (sample) {
    const built = await buildMessage({ campaign, settings, attachments: input.attachments }, sample);
    if (built.ok) messageBytes = built.raw.length;
    // The built row keeps only the mail module's account of the limit (in English), not its numbers.
    else if (built.code === 'too-large') add({ code: 'too-large', severity: 'error', ...worded('too-large-detail', { detail: built.reason }) });
  }

  const limits = effectiveLimits(settings);
  const perMessage = 2 * RECEIPT_BYTES + (campaign.receiptVariant === 'completa' ? messageBytes : 0);
  const estimate: SendEstimate = {
    recipients: n,
    messageBytes,
    totalBytes: messageBytes * n,
    receiptQuotaBytes: perMessage * n,
    perMinute: limits.perMinute,
    perHour: limits.perHour,
    durationMs: estimateDurationMs({ perMinute: limits.perMinute, perHour: limits.perHour }, n),
  };
  if (n > 0 && messageBytes > 0) {
    add({ code: 'total-volume', severity: 'info', ...worded('total-volume', { count: n, size: megabytes(messageBytes), total: megabytes(estimate.totalBytes) }) });
    add({
      code: 'receipt-quota',
      severity: campaign.receiptVariant === 'completa' ? 'warning' : 'info',
      ...worded(`receipt-quota-${campaign.receiptVariant}`, { size: megabytes(estimate.receiptQuotaBytes) }),
    });
  }
  return { findings, estimate, blocked: findings.some((f) => f.severity === 'error') };
}

/** What the checks of one PEC (the composer's) look at. */
export interface MessageCheckInput {
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  /** The attachments as they will be sent. */
  attachments: { filename: string; content: Buffer; contentType?: string }[];
  receiptVariant: 'completa' | 'breve' | 'sintetica';
  settings: AccountSettings;
  /** The PEC badge of an address (the providers' index, then the contacts' evidence); a domain guess when absent. */
  pecStatus?: (address: string) => PecStatus;
}

/** The checks of one PEC to its To and Cc, in the campaigns' report shape (the same panel shows it). */
export async function checkMessage(input: MessageCheckInput): Promise<CheckReport> {
  const { settings } = input;
  const findings: Finding[] = [];
  const add = (f: Finding | null) => {
    if (f) findings.push(f);
  };
  const seen = new Set<string>();
  const recipients = [...input.to, ...input.cc].filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
  const n = recipients.length;

  if (input.to.length === 0) add({ code: 'no-recipients', severity: 'error', ...worded('no-recipients-in-to') });
  const invalid = invalidAddressFinding(recipients);
  add(invalid);
  const invalidSet = new Set(invalid?.addresses ?? []);
  if (!input.subject.trim()) add({ code: 'no-subject', severity: 'warning', ...worded('no-subject') });
  const text = plainText(input.html);
  if (!text.trim() && input.attachments.length === 0) add({ code: 'empty-body', severity: 'warning', ...worded('empty-body') });
  if (settings.kind !== 'pec') add({ code: 'account-not-pec', severity: 'warning', ...worded('account-not-pec') });
  add(notPecFinding(recipients.filter((a) => !invalidSet.has(a)), input.pecStatus ?? domainStatus));
  add(attachmentMentionedFinding(text, input.attachments.length));
  if (n > 1) {
    // PEC has no Bcc (RFC 6109 §3.1.1): everyone in To and Cc reads the whole list.
    add({ code: 'recipients-see-each-other', severity: 'warning', ...worded('recipients-see-each-other', { recipients: n }), addresses: recipients });
  }
  refusedAttachmentFindings(input.attachments.map((a) => a.filename)).forEach(add);

  // Built for real, as it will leave: the size is the one the provider counts.
  let messageBytes = 0;
  if (n > 0 && invalidSet.size === 0) {
    const prepared = await prepareMessage(settings, {
      to: input.to,
      cc: input.cc,
      subject: input.subject,
      html: input.html,
      attachments: input.attachments,
      receiptVariant: input.receiptVariant,
    });
    if (prepared.ok) messageBytes = prepared.message.raw.length;
    else if (prepared.code === 'too-large') {
      messageBytes = prepared.sizeBytes;
      const { maxRecipients, maxMessageBytes: limit } = prepared;
      // prepare says too-large only over one of the two limits; the detail covers anything else.
      const words =
        maxRecipients !== null && n > maxRecipients
          ? worded('too-large-recipients', { recipients: n, max: maxRecipients })
          : limit !== null
            ? worded('too-large-size', { size: megabytes(prepared.sizeBytes), recipients: n, total: megabytes(prepared.sizeBytes * n), limit: megabytes(limit) })
            : worded('too-large-detail', { detail: prepared.detail });
      add({ code: 'too-large', severity: 'error', ...words });
    }
  }

  const limits = effectiveLimits(settings);
  const estimate: SendEstimate = {
    recipients: n,
    messageBytes,
    totalBytes: messageBytes * n,
    receiptQuotaBytes: n * (2 * RECEIPT_BYTES + (input.receiptVariant === 'completa' ? messageBytes : 0)),
    perMinute: limits.perMinute,
    perHour: limits.perHour,
    // One submission: the provider copies it to every recipient.
    durationMs: 0,
  };
  return { findings, estimate, blocked: findings.some((f) => f.severity === 'error') };
}
