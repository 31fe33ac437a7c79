// `pecdesk inspect [--json] [--store DIR] [--trust PEM_FILE] FILE.eml`: what a message is
// (ordinary, envelope, anomaly, receipt), its receipt facts, the sender's original and the verdict
// on the provider signature in the four words of README "Ricevute attendibili" (attendibile,
// integra, alterata, non firmata), judged against the providers' index of the store (--store, or
// the app's data folder when it holds one): "valid" alone is never said, since a self-made
// certificate verifies too. --trust PEM_FILE additionally checks the signer chains to those
// certificates. --json prints the PecAnalysis object of src/shared/pec.ts plus `verdict`, one line.
import { readFile } from 'node:fs/promises';
import { analyzeMessage } from '../pec';
import type { PecAnalysis, ReceiptType } from '../../shared/pec';
import type { TrustVerdict } from '../../shared/trust';
import { defaultStoreDir, hasStore, tryOpenStore } from '../store';
import { isSignedPecObject, judge, signedFactsOf, type ProviderIndexSnapshot } from '../proof';
import { CliError, parseArgs, type CliCommand, type CliIO } from './command';

const RECEIPT_NAMES: Record<ReceiptType, string> = {
  accettazione: 'ricevuta di accettazione / acceptance receipt',
  'non-accettazione': 'avviso di non accettazione / non-acceptance notice',
  'presa-in-carico': 'ricevuta di presa in carico / take-charge receipt',
  'avvenuta-consegna': 'ricevuta di avvenuta consegna / delivery receipt',
  'errore-consegna': 'avviso di mancata consegna / non-delivery notice',
  'preavviso-errore-consegna': 'preavviso di mancata consegna / delivery delay warning',
  'rilevazione-virus': 'rilevazione virus / virus detected',
};

function kindLine(a: PecAnalysis): string {
  switch (a.kind) {
    case 'receipt':
      return a.receipt ? RECEIPT_NAMES[a.receipt.type] + (a.receipt.variant ? ` (${a.receipt.variant})` : '') : 'ricevuta / receipt';
    case 'envelope':
      return 'busta di trasporto (posta certificata) / certified mail envelope' + (a.requestedVariant ? `, ricevuta richiesta ${a.requestedVariant}` : '');
    case 'anomaly':
      return 'busta di anomalia (non certificata) / anomaly envelope, not certified';
    case 'ordinary':
      return 'posta ordinaria / ordinary mail';
  }
}

const LEVEL_WORDS: Record<TrustVerdict['level'], string> = {
  attendibile: 'attendibile / trustworthy (provider verified in the index)',
  integra: 'integra, gestore non verificato / intact, provider NOT verified',
  alterata: 'ALTERATA / ALTERED (does not verify)',
  'non-firmata': 'NON FIRMATA / NOT SIGNED',
};

function signatureLines(a: PecAnalysis, verdict: TrustVerdict | null): string[] {
  const s = a.signature;
  const lines: string[] = [];
  if (verdict) {
    lines.push(`Firma / Signature: ${LEVEL_WORDS[verdict.level]}`);
    for (const reason of verdict.reasons) lines.push(`  ${reason}`);
    if (verdict.level !== 'attendibile') lines.push('  non vale come prova se non attendibile / not proof unless trustworthy');
    if (s.detail && s.valid !== true) lines.push(`  dettaglio / detail: ${s.detail}`);
  } else if (!s.present) {
    lines.push(`Firma / Signature: assente / none${s.detail ? ` (${s.detail})` : ''}`);
  } else {
    lines.push(`Firma / Signature: ${s.valid === false ? 'ALTERATA / ALTERED' : 'presente / present'}${s.detail && s.valid !== true ? ` — ${s.detail}` : ''}`);
  }
  if (s.signer) lines.push(`  firmatario / signer: ${s.signer.subject}${s.signer.email ? ` <${s.signer.email}>` : ''}`);
  if (s.signerSha1) lines.push(`  impronta SHA-1 / SHA-1 fingerprint: ${s.signerSha1}`);
  if (s.signingTime) lines.push(`  firmata il / signed at: ${s.signingTime}`);
  if (s.trusted !== null) lines.push(`  catena verso --trust / chains to --trust: ${s.trusted ? 'sì / yes' : `no${s.detail ? ` — ${s.detail}` : ''}`}`);
  return lines;
}

function summary(file: string, a: PecAnalysis, verdict: TrustVerdict | null): string {
  const lines = [`File: ${file}`, `Tipo / Kind: ${kindLine(a)}`];
  const field = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`${label}: ${value}`);
  };
  field('Oggetto / Subject', a.outer.subject);
  field('Da / From', a.outer.from);
  const r = a.receipt;
  if (r) {
    field('Riferimento / Refers to Message-ID', r.refMessageId);
    field('Identificativo', r.identificativo);
    field('Gestore / Provider', r.issuer);
    field('Data certificata / Certified at', r.timestamp);
    field('Destinatari / Recipients', r.recipients.map((x) => `${x.address} (${x.type})`).join(', '));
    field('Consegna / Delivered to', r.deliveredTo);
    if (r.error !== 'nessuno' || r.errorDetail) field('Errore / Error', `${r.error}${r.errorDetail ? ` — ${r.errorDetail}` : ''}`);
  } else field('Identificativo', a.identificativo);
  const o = a.original;
  if (o) {
    lines.push('Messaggio originale / Original message:');
    field('  da / from', o.from);
    field('  a / to', o.to.join(', '));
    field('  cc', o.cc.join(', '));
    field('  oggetto / subject', o.subject);
    field('  data / date', o.date);
    field('  Message-ID', o.messageId);
    for (const att of o.attachments) lines.push(`  allegato / attachment: ${att.filename} (${att.contentType}, ${att.size} bytes)`);
  }
  lines.push(...signatureLines(a, verdict));
  for (const problem of a.problems) lines.push(`Attenzione / Warning: ${problem}`);
  return lines.join('\n') + '\n';
}

async function readInput(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder', EACCES: 'permission denied', ERR_FS_FILE_TOO_LARGE: 'too large to be a mail message' };
    const reason = reasons[code ?? ''] ?? code ?? 'unreadable';
    throw new CliError(`cannot read ${what} ${file}: ${reason}`);
  }
}

/** `pecdesk inspect`: classify one .eml file and verify its PEC signature. */
export const inspectCommand: CliCommand = {
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positional } = parseArgs(args, { booleans: ['json'], values: ['trust', 'store'] });
    if (positional.length !== 1) throw new CliError('usage: pecdesk inspect [--json] [--store DIR] [--trust PEM_FILE] FILE.eml');
    const [file] = positional;
    const trustedCertsPem = typeof flags.trust === 'string' ? [(await readInput(flags.trust, 'trusted certificates')).toString('utf8')] : undefined;
    if (trustedCertsPem && !trustedCertsPem[0].includes('-----BEGIN CERTIFICATE-----')) throw new CliError(`${flags.trust} holds no PEM certificate`);
    const result = await analyzeMessage(await readInput(file, 'message'), { trustedCertsPem });
    if (!result.ok) throw new CliError(`${file} is not a mail message (${result.code}): ${result.detail}`);
    const { analysis } = result;
    const verdict = isSignedPecObject(analysis.kind) ? judge(signedFactsOf(analysis), providersIndex(typeof flags.store === 'string' ? flags.store : null)) : null;
    io.stdout.write(flags.json ? JSON.stringify({ ...analysis, verdict }) + '\n' : summary(file, analysis, verdict));
    return 0;
  },
};

/** The providers' index of the store (--store, else the app's when there is one); null when none is imported. Never creates a store. */
function providersIndex(storeDir: string | null): ProviderIndexSnapshot | null {
  const dir = storeDir ?? defaultStoreDir();
  if (!hasStore(dir)) {
    if (storeDir) throw new CliError(`no PecDesk store in ${dir}`);
    return null;
  }
  const opened = tryOpenStore(dir);
  if (!opened.ok) throw new CliError(opened.detail, 1);
  try {
    return opened.store.currentTrustIndex();
  } finally {
    opened.store.close();
  }
}
