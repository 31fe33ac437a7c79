// The access point's formal checks on a submitted message (RFC 6109 §3.1.1, DM 2/11/2005): failing
// one means an avviso di non accettazione instead of transport.
import { leafBodies, type SubmittedMessage } from '../provider';
import type { RejectReason } from './log';

/** The SMTP facts of one submission. */
export interface SmtpEnvelope {
  /** The authenticated mailbox (lowercase). */
  user: string;
  mailFrom: string;
  recipients: string[];
}

/** Why a message is not accepted, as the non-accettazione states it. */
export interface FormalProblem {
  reason: RejectReason;
  errore: 'altro' | 'virus';
  erroreEsteso: string;
}

// The EICAR test file's signature (eicar.org): what antivirus products detect as a test virus.
const EICAR = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE';

/** Whether the message carries the EICAR test string, in clear or inside an encoded part. */
export function containsEicar(raw: Buffer): boolean {
  return raw.includes(EICAR) || leafBodies(raw).some((body) => body.includes(EICAR));
}

/** The first formal problem of a submission, or null when it may be certified. */
export function formalProblem(message: SubmittedMessage, envelope: SmtpEnvelope, limits: { maxSize: number; scanVirus: boolean }): FormalProblem | null {
  const altro = (reason: RejectReason, erroreEsteso: string): FormalProblem => ({ reason, errore: 'altro', erroreEsteso });
  if (message.from.length !== 1 || message.from[0] !== envelope.user) {
    return altro('from-mismatch', `Il mittente (From) deve essere uno solo e coincidere con l'utente autenticato ${envelope.user}`);
  }
  if (message.to.length === 0) return altro('no-recipients', 'Il campo To non contiene alcun destinatario valido');
  const headerRecipients = new Set([...message.to, ...message.cc]);
  const smtpRecipients = new Set(envelope.recipients.map((r) => r.toLowerCase()));
  if (message.bcc.length > 0 || [...smtpRecipients].some((r) => !headerRecipients.has(r))) {
    return altro('bcc', 'Destinatari in Bcc non ammessi');
  }
  if ([...headerRecipients].some((r) => !smtpRecipients.has(r))) {
    return altro('envelope-mismatch', 'I destinatari della sessione SMTP non coincidono con i campi To e Cc');
  }
  const total = message.raw.length * smtpRecipients.size;
  if (total > limits.maxSize) {
    return altro('too-large', `Dimensione del messaggio (${message.raw.length} byte x ${smtpRecipients.size} destinatari) oltre il limite di ${limits.maxSize} byte`);
  }
  if (limits.scanVirus && containsEicar(message.raw)) {
    return { reason: 'virus', errore: 'virus', erroreEsteso: 'Virus rilevato: EICAR-Test-File' };
  }
  return null;
}
