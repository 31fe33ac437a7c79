// The verdict on a signed PEC object (receipt, busta di trasporto, anomalia): may it be believed?
// Pure: from the facts of the signature and of the signed daticert.xml, and the providers' index
// in force (or none), to one of the four levels of src/shared/trust.ts with reasons in Italian.
//
// The rule (README "Ricevute attendibili"): a signature proves something only when it verifies,
// its certificate is one the index lists (by SHA-1 fingerprint), that certificate was valid when
// it signed (signing time, else the daticert time: never now, receipts are kept for years), and
// the provider it belongs to is the one that manages the domain the object speaks for: the
// sender's for accettazione, non-accettazione, presa in carico, the envelopes and the preavviso
// di mancata consegna (the sender's provider issues it when no consegna came within 12 hours); the
// recipient's for consegna and rilevazione virus; either for an errore-consegna (the recipient's
// provider refuses a mailbox, the sender's reports the 24-hour timeout). Aruba signing a consegna
// for a mailbox of another provider is not proof that mailbox received anything.
import type { PecAnalysis, PecKind, ReceiptType, SignatureVerdict } from '../../shared/pec';
import type { TrustVerdict } from '../../shared/trust';
import type { ProviderIndexSnapshot } from './snapshot';

/** The facts a verdict needs, as analysed on arrival or as stored (so a re-check reads no bytes). */
export interface SignedFacts {
  kind: PecKind;
  receiptType: ReceiptType | null;
  signature: Pick<SignatureVerdict, 'present' | 'valid' | 'signingTime' | 'signerSha1' | 'signerValidFrom' | 'signerValidTo'>;
  /** The sender address the signed daticert.xml names (for an anomalia: the original's From). */
  sender: string | null;
  /** daticert <consegna>. */
  deliveredTo: string | null;
  /** daticert data (else the message Date): the signing time when the signature carries none. */
  certifiedAt: string | null;
}

const RECIPIENT_SIDE: readonly ReceiptType[] = ['avvenuta-consegna', 'errore-consegna', 'rilevazione-virus'];
// Notices the sender's provider may sign even though they speak of a recipient.
const SENDER_MAY_SIGN: readonly ReceiptType[] = ['errore-consegna'];

/** Whether a message is judged at all: the provider's signed objects, not ordinary mail. */
export function isSignedPecObject(kind: PecKind | null): boolean {
  return kind === 'receipt' || kind === 'envelope' || kind === 'anomaly';
}

/** The facts of a freshly analysed message. */
export function signedFactsOf(analysis: PecAnalysis): SignedFacts {
  return {
    kind: analysis.kind,
    receiptType: analysis.receipt?.type ?? null,
    signature: analysis.signature,
    sender: analysis.certified?.sender ?? (analysis.kind === 'anomaly' ? (analysis.original?.from ?? null) : null),
    deliveredTo: analysis.certified?.deliveredTo ?? null,
    certifiedAt: analysis.certified?.timestamp ?? analysis.outer.date,
  };
}

/** Which side's provider must have signed: the recipient's for delivery outcomes, else the sender's. */
export function speaksForRecipient(receiptType: ReceiptType | null): boolean {
  return receiptType !== null && RECIPIENT_SIDE.includes(receiptType);
}

function domainOf(address: string | null): string | null {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at > 0 ? address.slice(at + 1).trim().replace(/>$/, '').toLowerCase() || null : null;
}

function timeOf(iso: string | null | undefined): number | null {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** Judges a signed PEC object against the index in force (null: none imported yet). */
export function judge(facts: SignedFacts, index: ProviderIndexSnapshot | null, checkedAt: string = new Date().toISOString()): TrustVerdict {
  const verdict = (level: TrustVerdict['level'], reasons: string[], provider: string | null = null): TrustVerdict => ({
    level,
    reasons,
    provider,
    indexVersionId: index?.versionId ?? null,
    checkedAt,
  });
  const { signature } = facts;
  if (!signature.present) return verdict('non-firmata', ['il messaggio non porta la firma del gestore (smime.p7s): non vale come prova']);
  if (signature.valid === null) return verdict('alterata', ['la firma usa un algoritmo che PecDesk non sa verificare: non vale come prova']);
  if (!signature.valid) return verdict('alterata', ['la firma non corrisponde al contenuto: il messaggio è stato modificato dopo la firma, oppure la firma è falsa']);
  if (!index) return verdict('integra', ['firma integra, ma nessun indice dei gestori PEC è stato importato: il gestore non è verificato']);
  const provider = signature.signerSha1 ? index.providerByCertificateSha1(signature.signerSha1) : null;
  if (!provider) return verdict('integra', ["il certificato che ha firmato non è di nessun gestore PEC dell'indice"]);
  const at = timeOf(signature.signingTime) ?? timeOf(facts.certifiedAt);
  const from = timeOf(signature.signerValidFrom);
  const to = timeOf(signature.signerValidTo);
  if (at === null) return verdict('integra', ['manca la data della firma: non si può dire se il certificato del gestore era valido'], provider.name);
  if (from === null || to === null) return verdict('integra', [`il periodo di validità del certificato di ${provider.name} non è leggibile`], provider.name);
  if (at < from || at > to) {
    return verdict('integra', [`il certificato di ${provider.name} non era valido quando ha firmato`], provider.name);
  }
  const recipientSide = speaksForRecipient(facts.receiptType);
  const senderDomain = domainOf(facts.sender);
  if (recipientSide && facts.receiptType && SENDER_MAY_SIGN.includes(facts.receiptType) && senderDomain && index.providerForDomain(senderDomain)?.name === provider.name) {
    return verdict('attendibile', [`firmata da ${provider.name}, gestore del dominio ${senderDomain} del mittente (mancata consegna per tempo scaduto)`], provider.name);
  }
  const domain = recipientSide ? domainOf(facts.deliveredTo) : senderDomain;
  const who = recipientSide ? 'del destinatario' : 'del mittente';
  if (!domain) return verdict('integra', [`daticert.xml non indica l'indirizzo ${who}: non si può verificare il gestore`], provider.name);
  const manager = index.providerForDomain(domain);
  if (!manager) return verdict('integra', [`il dominio ${domain} ${who} non è di nessun gestore PEC dell'indice`], provider.name);
  if (manager.name !== provider.name) {
    return verdict('integra', [`ha firmato ${provider.name}, ma il dominio ${domain} ${who} è gestito da ${manager.name}`], provider.name);
  }
  return verdict('attendibile', [`firmata da ${provider.name}, gestore del dominio ${domain} ${who}`], provider.name);
}

/** Whether a verdict counts as proof: attendibile always; integra only while no index is imported (shown amber). */
export function countsAsProof(verdict: Pick<TrustVerdict, 'level' | 'indexVersionId'>): boolean {
  return verdict.level === 'attendibile' || (verdict.level === 'integra' && verdict.indexVersionId === null);
}
