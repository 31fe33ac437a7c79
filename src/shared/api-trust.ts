// The trust part of the API contract: which receipts count as proof and why the others do not.
// Kept apart from api.ts like the contacts and send parts; api.ts merges the lists. Request
// schemas are in api-trust-requests.ts. See README "Ricevute attendibili".
import type { ReceiptType } from './pec';
import type { TrustLevel, TrustVerdict } from './trust';

/** The trust methods, in the order the API lists them. */
export const TRUST_API_METHODS = ['listReceiptsToVerify'] as const;

/** Name of a trust method. */
export type TrustApiMethod = (typeof TRUST_API_METHODS)[number];

/**
 * Why a receipt linked to a sent message does not count even though its signature may be fine:
 * - headers-disagree: the unsigned outer X-Riferimento-Message-ID names another message than the signed daticert.xml;
 * - recipient-not-sent: the recipient in daticert <consegna> is not one the message was sent to;
 * - message-refused: a delivery receipt for a message whose submission a counted non-accettazione refused;
 * - other-account: it speaks of a message sent from another account than the one whose mailbox it arrived in (never linked to it).
 */
export const RECEIPT_PROBLEMS = ['headers-disagree', 'recipient-not-sent', 'message-refused', 'other-account'] as const;
/** One of RECEIPT_PROBLEMS. */
export type ReceiptProblem = (typeof RECEIPT_PROBLEMS)[number];

/** How much a stored receipt is worth: its verdict, whether it counts in D/A/C/E, and the problems that stop it. */
export interface ReceiptProof {
  /** null for a receipt stored before verdicts existed and not re-checked yet. */
  level: TrustLevel | null;
  /** true when it counts in D/A/C/E, closes a recipient and goes into an evidence export as proof. */
  proof: boolean;
  problems: ReceiptProblem[];
}

/** A receipt linked to a recipient that does not count ("ricevuta non firmata: non vale come prova"). */
export interface UnprovenReceipt extends ReceiptProof {
  receiptId: number;
  /** The stored receipt message, openable in the reader. */
  messageRowId: number;
  type: ReceiptType;
  timestamp: string | null;
}

/** One row of "Ricevute da verificare": a stored receipt that is not proof. */
export interface ReceiptToVerify extends ReceiptProof {
  receiptId: number;
  messageRowId: number;
  type: ReceiptType;
  /** daticert <consegna>: the recipient it speaks of (delivery receipts). */
  recipient: string | null;
  timestamp: string | null;
  /** daticert gestore-emittente, as the receipt claims it. */
  issuer: string | null;
  /** The Message-ID named by the signed daticert.xml. */
  refMessageId: string | null;
  /** The sent message it is linked to (for display only), null when none of this account's. */
  sentMessageId: number | null;
  sentSubject: string | null;
  /** The account whose mailbox it arrived in (AccountView.id), null for files imported without one. */
  accountId: string | null;
  trust: TrustVerdict | null;
}

/** A page of "Ricevute da verificare", newest first, and the size of the whole list. */
export interface ReceiptsToVerifyPage {
  total: number;
  offset: number;
  rows: ReceiptToVerify[];
}

/** What each trust method resolves to. */
export interface TrustApiResponses {
  /** Receipts not counted as proof: alterata, non firmata, contradictory, disagreeing headers, integra once an index is imported. */
  listReceiptsToVerify: ReceiptsToVerifyPage;
}
