// The pre-send checks: everything a user should know before hundreds of PEC leave, as findings
// with a severity (errors block sending), and the estimate shown in the confirmation.
import { effectiveLimits, type AccountSettings } from '../accounts';
import { addressProblem, isKnownPecDomain, type PecStatus } from '../contacts';
import type { AttachmentContent, CampaignRow, RecipientInputRow } from './campaign-repo';
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
const REFUSED_EXTENSIONS = new Set(['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'exe', 'bat', 'cmd', 'com', 'msi', 'js', 'vbs', 'scr', 'jar', 'ps1']);

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

/** Runs every check; builds the first recipient's message for real to know its size. */
export async function checkCampaign(input: CheckInput): Promise<CheckReport> {
  const { campaign, recipients, settings } = input;
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);
  const n = recipients.length;

  if (n === 0) add({ code: 'no-recipients', severity: 'error', message: 'Nessun destinatario: aggiungine almeno uno.' });

  const problems = [...recipients.map((r) => r.address), ...campaign.cc].map((a) => ({ address: a, problem: addressProblem(a) })).filter((p) => p.problem !== null);
  const invalid = problems.map((p) => p.address);
  const invalidSet = new Set(invalid);
  if (invalid.length) {
    // Look-alike domains are named apart: the address looks right, so "non valido" alone would puzzle.
    const lookalikes = problems.filter((p) => p.problem!.code === 'address-mixed-script').length;
    const why = lookalikes ? ` ${lookalikes} di questi hanno un dominio che mescola alfabeti diversi e imita un altro indirizzo (lettere cirilliche o greche al posto di quelle latine).` : '';
    add({ code: 'invalid-address', severity: 'error', message: `${invalid.length} indirizzi non validi: correggili o toglili.${why}`, addresses: invalid });
  }
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

  const statusOf = input.pecStatus ?? domainStatus;
  const notPec = recipients.map((r) => r.address).filter((a) => !invalidSet.has(a) && ['no', 'unknown'].includes(statusOf(a)));
  if (notPec.length) {
    add({
      code: 'not-pec',
      severity: 'warning',
      message: `${notPec.length} destinatari non risultano caselle PEC: non arriverà la ricevuta di consegna e l'invio non avrà valore legale.`,
      addresses: notPec,
    });
  }
  if (campaign.cc.length) {
    add({
      code: 'cc-exposes',
      severity: 'warning',
      message: `In copia (Cc) a ogni messaggio: ${campaign.cc.join(', ')}. Ogni destinatario vedrà questi indirizzi.`,
      addresses: campaign.cc,
    });
  }
  const refused = input.attachments.map((a) => a.filename).filter((name) => REFUSED_EXTENSIONS.has(extensionOf(name)));
  if (refused.length) {
    add({
      code: 'refused-attachment-type',
      severity: 'warning',
      message: `Alcuni uffici pubblici rifiutano allegati di questo tipo: ${refused.join(', ')}. Preferisci PDF.`,
    });
  }

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
