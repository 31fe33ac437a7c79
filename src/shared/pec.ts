// PEC value types shared by the main process, the CLI and the renderer.
// Names follow the regole tecniche (DM 2/11/2005) and RFC 6109; PEC terms stay Italian.

/** What a message is, decided from X-Trasporto / X-Ricevuta (never from the subject). */
export type PecKind = 'ordinary' | 'envelope' | 'anomaly' | 'receipt';

/** The seven X-Ricevuta values (daticert `tipo` minus posta-certificata). */
export const RECEIPT_TYPES = [
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
] as const;
/** One of the seven X-Ricevuta values. */
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

/** The delivery-receipt variant requested with X-TipoRicevuta. */
export type ReceiptVariant = 'completa' | 'breve' | 'sintetica';

/** daticert `errore` attribute values. */
export type PecErrorCode = 'nessuno' | 'no-dest' | 'no-dominio' | 'virus' | 'altro';

/** A daticert `destinatari` entry: certificato = PEC mailbox, esterno = ordinary mailbox. */
export interface PecRecipient {
  address: string;
  type: 'certificato' | 'esterno';
}

/** Facts of a receipt, authoritative values taken from daticert.xml. */
export interface ReceiptInfo {
  type: ReceiptType;
  variant: ReceiptVariant | null;
  /** Message-ID of the sent message this receipt speaks of, without angle brackets. */
  refMessageId: string | null;
  /** The provider's identificativo of the message, without angle brackets. */
  identificativo: string | null;
  issuer: string | null;
  /** Certified event time (daticert data), ISO 8601 with offset. */
  timestamp: string | null;
  recipients: PecRecipient[];
  deliveredTo: string | null;
  error: PecErrorCode;
  errorDetail: string | null;
}

/** An attachment of the sender's original message. */
export interface AttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

/** The sender's original message, read from postacert.eml (envelopes, anomalies, completa/breve receipts). */
export interface OriginalMessage {
  from: string | null;
  to: string[];
  cc: string[];
  subject: string;
  date: string | null;
  /** The id the sender gave the message, without angle brackets. */
  messageId: string | null;
  attachments: AttachmentInfo[];
}

/** The verdict on the provider's S/MIME signature, as of signing time. */
export interface SignatureVerdict {
  present: boolean;
  valid: boolean | null;
  signer: { subject: string; email: string | null } | null;
  /** null until a list of trusted provider certificates is configured. */
  trusted: boolean | null;
  signingTime?: string | null;
  detail?: string | null;
  /** SHA-1 fingerprint (lowercase hex) of the certificate the signature was checked with: the key into the providers' index. */
  signerSha1?: string | null;
  /** Validity window of that certificate (ISO 8601), judged at signing time, never now. */
  signerValidFrom?: string | null;
  signerValidTo?: string | null;
}

/** What the signed daticert.xml certifies about whom (the unsigned outer headers may say otherwise). */
export interface CertifiedFacts {
  /** daticert <mittente>: the sender address. */
  sender: string | null;
  /** daticert <consegna>: the recipient a delivery receipt speaks of. */
  deliveredTo: string | null;
  /** daticert <msgid>, without angle brackets. */
  msgid: string | null;
  /** daticert data: the certified time. */
  timestamp: string | null;
}

/** D/A/C/E counters: Destinatari, Accettazioni, Consegne, Errori. */
export interface DacCounters {
  D: number;
  A: number;
  C: number;
  E: number;
}

/** Everything PecDesk learns from one raw message (the `pecdesk inspect --json` object and more). */
export interface PecAnalysis {
  kind: PecKind;
  receipt: ReceiptInfo | null;
  /** The sender's original: postacert.eml for envelopes, anomalies and completa/breve receipts; null otherwise. */
  original: OriginalMessage | null;
  signature: SignatureVerdict;
  /** The outer message's own headers (for an envelope: the provider's cover). */
  outer: {
    messageId: string | null;
    subject: string;
    from: string | null;
    to: string[];
    date: string | null;
    /** X-Riferimento-Message-ID of the outer message, without angle brackets. */
    refMessageId: string | null;
  };
  /** The envelope's identificativo (daticert), also set on receipts. */
  identificativo: string | null;
  /** Requested receipt variant on an envelope (X-TipoRicevuta / daticert ricevuta tipo). */
  requestedVariant: ReceiptVariant | null;
  /** The signed daticert.xml's facts (receipts and envelopes), null when there is none. */
  certified?: CertifiedFacts | null;
  /** Non-fatal problems found while reading (daticert unreadable, signature part missing …), in plain words. */
  problems: string[];
  /** An ordinary message's own files (a PEC's are its original's, above); absent for PEC. */
  attachments?: AttachmentInfo[];
}

/** Why a byte string could not be read as a message at all. */
export type UnreadableCode = 'empty' | 'not-a-message' | 'too-large';

/** Result of analysing raw bytes: an analysis, or a reason it is not a mail message. */
export type AnalysisResult = { ok: true; analysis: PecAnalysis } | { ok: false; code: UnreadableCode; detail: string };
