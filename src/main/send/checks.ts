// The pre-send checks: everything a user should know before hundreds of PEC leave, as findings
// with a severity (errors block sending), and the estimate shown in the confirmation.
import { convert } from 'html-to-text';
import { effectiveLimits, type AccountSettings } from '../accounts';
import { addressProblem, isKnownPecDomain, type PecStatus } from '../contacts';
import { prepareMessage } from '../mail';
import type { AttachmentContent, CampaignRow, RecipientInputRow } from '../store';
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

const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString('it-IT', { maximumFractionDigits: 1 })} MB`;

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
  const why = lookalikes ? ` ${lookalikes} di questi hanno un dominio che mescola alfabeti diversi e imita un altro indirizzo (lettere cirilliche o greche al posto di quelle latine).` : '';
  const message = problems.length === 1 ? `Un indirizzo non è valido: correggilo o toglilo.${why}` : `${problems.length} indirizzi non validi: correggili o toglili.${why}`;
  return { code: 'invalid-address', severity: 'error', message, addresses: problems.map((p) => p.address) };
}

/** Recipients that are not known PEC mailboxes: no delivery receipt, no legal value. */
function notPecFinding(addresses: string[], statusOf: (address: string) => PecStatus): Finding | null {
  const notPec = addresses.filter((a) => ['no', 'unknown'].includes(statusOf(a)));
  if (!notPec.length) return null;
  return {
    code: 'not-pec',
    severity: 'warning',
    message:
      notPec.length === 1
        ? "Un destinatario non risulta una casella PEC: non arriverà la ricevuta di consegna e l'invio non avrà valore legale."
        : `${notPec.length} destinatari non risultano caselle PEC: non arriverà la ricevuta di consegna e l'invio non avrà valore legale.`,
    addresses: notPec,
  };
}

/** Attachments the recipients' providers or offices refuse. */
function refusedAttachmentFindings(filenames: string[]): Finding[] {
  const findings: Finding[] = [];
  const blocked = filenames.filter((name) => PROVIDER_BLOCKED_EXTENSIONS.has(extensionOf(name)));
  if (blocked.length) {
    findings.push({
      code: 'refused-attachment-type',
      severity: 'warning',
      message: `I gestori PEC (per esempio Aruba) rifiutano programmi e script come allegato: ${blocked.join(', ')}. Il messaggio rischia di non essere accettato: togli il file o invialo come PDF.`,
    });
  }
  const refused = filenames.filter((name) => REFUSED_EXTENSIONS.has(extensionOf(name)));
  if (refused.length) {
    findings.push({
      code: 'refused-attachment-type',
      severity: 'warning',
      message: `Alcuni uffici pubblici rifiutano allegati di questo tipo: ${refused.join(', ')}. Preferisci PDF.`,
    });
  }
  return findings;
}

// "allegato", "allegati", "allegata", "in allegato", "alleghiamo", "allego": the text promises a file.
const MENTIONS_ATTACHMENT = /\b(allegat[oaie]|alleg(o|hiamo|hi))\b/i;

/** The text speaks of an attachment while nothing is attached (the classic forgotten file). */
function attachmentMentionedFinding(text: string, attachmentCount: number): Finding | null {
  const found = MENTIONS_ATTACHMENT.exec(text);
  if (!found || attachmentCount > 0) return null;
  return { code: 'attachment-mentioned', severity: 'warning', message: `Il testo parla di un allegato («${found[0]}») ma non hai allegato nessun file.` };
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

  if (n === 0) add({ code: 'no-recipients', severity: 'error', message: 'Nessun destinatario: aggiungine almeno uno.' });

  const invalidFinding = invalidAddressFinding([...recipients.map((r) => r.address), ...campaign.cc]);
  if (invalidFinding) add(invalidFinding);
  const invalidSet = new Set(invalidFinding?.addresses ?? []);
  if (campaign.duplicates.length) {
    add({
      code: 'duplicate-recipient',
      severity: 'warning',
      message: `${campaign.duplicates.length} indirizzi erano ripetuti nell'elenco: ognuno riceverà un solo messaggio.`,
      addresses: campaign.duplicates,
    });
  }

  const parts = { subject: campaign.subject, text: campaign.text, html: campaign.html };
  const missing = recipients
    .map((r) => ({ address: r.address, fields: render(parts, placeholderValues(r)).missing }))
    .filter((m) => m.fields.length > 0);
  if (missing.length) {
    add({
      code: 'missing-field',
      severity: 'error',
      message: `${missing.length} destinatari non hanno un valore per tutti i segnaposto: completa i dati o togli il segnaposto.`,
      addresses: missing.map((m) => m.address),
      missing,
    });
  }

  if (!campaign.subject.trim()) add({ code: 'no-subject', severity: 'warning', message: "L'oggetto è vuoto." });
  if (!campaign.text?.trim() && !campaign.html?.trim()) add({ code: 'empty-body', severity: 'warning', message: 'Il testo del messaggio è vuoto.' });
  if (settings.kind !== 'pec') {
    add({ code: 'account-not-pec', severity: 'warning', message: "L'account non è una casella PEC: i messaggi non avranno ricevute né valore legale." });
  }

  const notPec = notPecFinding(
    recipients.map((r) => r.address).filter((a) => !invalidSet.has(a)),
    input.pecStatus ?? domainStatus,
  );
  if (notPec) add(notPec);
  const mentioned = attachmentMentionedFinding(`${campaign.text ?? ''}\n${plainText(campaign.html)}`, input.attachments.length);
  if (mentioned) add(mentioned);
  if (campaign.cc.length) {
    add({
      code: 'cc-exposes',
      severity: 'warning',
      message: `In copia (Cc) a ogni messaggio: ${campaign.cc.join(', ')}. Ogni destinatario vedrà questi indirizzi.`,
      addresses: campaign.cc,
    });
  }
  refusedAttachmentFindings(input.attachments.map((a) => a.filename)).forEach(add);

  // The first recipient without problems stands for all: attachments make almost all of the size.
  const missingSet = new Set(missing.map((m) => m.address));
  const sample = recipients.find((r) => !invalidSet.has(r.address) && !missingSet.has(r.address));
  let messageBytes = 0;
  if (sample) {
    const built = await buildMessage({ campaign, settings, attachments: input.attachments }, sample);
    if (built.ok) messageBytes = built.raw.length;
    else if (built.code === 'too-large') add({ code: 'too-large', severity: 'error', message: `Il messaggio è troppo grande per il gestore: ${built.reason}` });
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
    add({
      code: 'total-volume',
      severity: 'info',
      message: `${n} messaggi da ${megabytes(messageBytes)}: ${megabytes(estimate.totalBytes)} in tutto.`,
    });
    add({
      code: 'receipt-quota',
      severity: campaign.receiptVariant === 'completa' ? 'warning' : 'info',
      message:
        campaign.receiptVariant === 'completa'
          ? `Ricevuta completa: ogni ricevuta di consegna contiene l'intero messaggio, circa ${megabytes(estimate.receiptQuotaBytes)} in più nella casella. Con la ricevuta breve o sintetica lo spazio scende molto.`
          : `Ricevuta ${campaign.receiptVariant}: le ricevute occuperanno circa ${megabytes(estimate.receiptQuotaBytes)} nella casella.`,
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

  if (input.to.length === 0) add({ code: 'no-recipients', severity: 'error', message: 'Nessun destinatario in «A»: aggiungine almeno uno.' });
  const invalid = invalidAddressFinding(recipients);
  add(invalid);
  const invalidSet = new Set(invalid?.addresses ?? []);
  if (!input.subject.trim()) add({ code: 'no-subject', severity: 'warning', message: "L'oggetto è vuoto." });
  const text = plainText(input.html);
  if (!text.trim() && input.attachments.length === 0) add({ code: 'empty-body', severity: 'warning', message: 'Il testo del messaggio è vuoto.' });
  if (settings.kind !== 'pec') {
    add({ code: 'account-not-pec', severity: 'warning', message: "L'account non è una casella PEC: il messaggio non avrà ricevute né valore legale." });
  }
  add(notPecFinding(recipients.filter((a) => !invalidSet.has(a)), input.pecStatus ?? domainStatus));
  add(attachmentMentionedFinding(text, input.attachments.length));
  if (n > 1) {
    // PEC has no Bcc (RFC 6109 §3.1.1): everyone in To and Cc reads the whole list.
    add({
      code: 'recipients-see-each-other',
      severity: 'warning',
      message: `${n} destinatari in «A» e «Cc»: ognuno vedrà gli indirizzi degli altri (la PEC non ha la copia nascosta). Per non mostrarli usa un invio massivo, un messaggio per destinatario.`,
      addresses: recipients,
    });
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
      const limit = prepared.maxMessageBytes;
      const why =
        prepared.maxRecipients !== null && n > prepared.maxRecipients
          ? `${n} destinatari, il gestore ne accetta al massimo ${prepared.maxRecipients} per messaggio.`
          : `${megabytes(prepared.sizeBytes)} × ${n} destinatari = ${megabytes(prepared.sizeBytes * n)}, oltre il limite del gestore${limit ? ` di ${megabytes(limit)}` : ''}.`;
      add({ code: 'too-large', severity: 'error', message: `Il messaggio è troppo grande per il gestore: ${why} Togli allegati o destinatari, o usa un invio massivo.` });
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
