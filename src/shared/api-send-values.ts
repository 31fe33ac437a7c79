// Value types of the bulk-send part of the API contract (issue #6): campaigns, recipients, the
// pre-send report, pacing and the engine's notices. Plain data, so they cross IPC; the send domain
// (src/main/send/types.ts) re-exports them, so the contract and the domain cannot drift. The
// method list, responses and event are in api-send.ts; the request schemas in api-send-requests.ts.
import type { ReceiptProblem } from './api-trust';
import type { DacCounters, ReceiptType, ReceiptVariant } from './pec';
import type { CheckFindingParams, CheckFindingText } from './send-check-texts';
import type { SendFailureParams, SendFailureText } from './send-failure-texts';
import type { TrustLevel } from './trust';

/** Life of a campaign: composed, checked, sending, paused by the user (or a refused password), cancelled, done. */
export type CampaignState = 'draft' | 'ready' | 'sending' | 'paused' | 'cancelled' | 'done';

/** The persisted submission state of one recipient (the queue). */
export const RECIPIENT_STATES = ['pending', 'preparing', 'submitting', 'submitted', 'failed', 'retry-wait', 'cancelled'] as const;
/**
 * pending: nothing built yet · preparing: Message-ID and exact bytes stored, nothing sent ·
 * submitting: an SMTP transaction was started (outcome unknown until it ends or is reconciled) ·
 * submitted: the provider answered 250 · failed: refused for good, with the provider's reason ·
 * retry-wait: throttled, tried again at nextAttemptAt · cancelled: never sent.
 */
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** What the campaign view shows: the submission state, refined by the receipts once submitted. */
export type RecipientStatus = RecipientState | 'accepted' | 'warning' | 'delivered' | 'error';

/** Every status, in the order a table or a filter lists them. */
export const RECIPIENT_STATUSES: readonly RecipientStatus[] = [
  'pending', 'preparing', 'submitting', 'retry-wait', 'submitted', 'accepted', 'warning', 'delivered', 'error', 'failed', 'cancelled',
];

/** Recipients per status, plus how many are late ("in ritardo"). */
/** `duplicates`: recipients the provider took more than once (two or more accettazioni). */
export type RecipientCounts = Record<RecipientStatus, number> & { total: number; overdue: number; duplicates: number };

/** A campaign as a list shows it. */
export interface CampaignSummary {
  id: number;
  accountId: number | null;
  subject: string;
  state: CampaignState;
  /** Why it is paused or stopped, in plain words (Italian). */
  stateDetail: string | null;
  /** The same as a text of src/shared/send-failure-texts.ts and its values, for the window to word; null for campaigns paused before these were stored. */
  stateDetailText: SendFailureText | null;
  stateDetailParams: SendFailureParams | null;
  receiptVariant: ReceiptVariant;
  zipAttachments: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: RecipientCounts;
  /** Destinatari, accettazioni, consegne, errori, from the linked receipts (store.campaignDac). */
  dac: DacCounters;
}

/** An attachment as stored (no bytes). */
export interface CampaignAttachmentInfo {
  id: number;
  role: 'file' | 'zip';
  filename: string;
  contentType: string | null;
  size: number;
  sha256: string;
}

/** Everything about a campaign but its recipients. */
export interface CampaignDetail extends CampaignSummary {
  text: string | null;
  html: string | null;
  cc: string[];
  attachments: CampaignAttachmentInfo[];
  /** Addresses given more than once (kept once). */
  duplicates: string[];
  resentFrom: number | null;
}

/** A receipt of a recipient, for the links of the campaign view. */
export interface RecipientReceipt {
  receiptId: number;
  /** The stored message (Store.readMessageRaw / getMessage). */
  messageRowId: number;
  type: ReceiptType;
  timestamp: string | null;
  /** The stored verdict on its signature (null: stored before verdicts, not re-checked yet). */
  level: TrustLevel | null;
  /** Whether it counts as proof; a receipt that does not is shown, never counted. */
  proof: boolean;
  problems: ReceiptProblem[];
}

/** One row of the campaign view's recipient table. */
export interface RecipientView {
  id: number;
  address: string;
  name: string | null;
  contactId: number | null;
  fields: Record<string, string>;
  state: RecipientState;
  status: RecipientStatus;
  /** Submitted, no delivery receipt (nor a final error) after the overdue delay. */
  overdue: boolean;
  overdueNotifiedAt: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  deliveredAt: string | null;
  errorAt: string | null;
  /**
   * The provider's reason: why its submission failed or waits (Italian, for logs, the CLI and the
   * evidence report), or the receipt's error text.
   */
  error: string | null;
  errorCode: string | null;
  /**
   * Why its submission failed or waits, as a text of src/shared/send-failure-texts.ts and its
   * values, for the window to word in its own language; null for a receipt's error and for a row
   * stored before these values were (its `error` is shown as it is).
   */
  errorText: SendFailureText | null;
  errorParams: SendFailureParams | null;
  messageId: string | null;
  sentMessageId: number | null;
  identificativo: string | null;
  /**
   * How many times the provider took this message: its accettazioni (one per submission). More
   * than 1 after a resend whose first copy had reached the provider after all ("inviato 2
   * volte"): the receipts of every submission are in `receipts`.
   */
  submissions: number;
  receipts: RecipientReceipt[];
  /** The Cc recipients of this recipient's message, each with its own state and receipts (a Cc that fails is seen here). */
  copies: CopyRecipientView[];
}

/** A Cc recipient of one message of a campaign, as its deliveries row and receipts say. */
export interface CopyRecipientView {
  address: string;
  status: 'pending' | 'accepted' | 'warning' | 'delivered' | 'error';
  deliveredAt: string | null;
  errorAt: string | null;
  error: string | null;
  receipts: RecipientReceipt[];
}

/** Which recipients to list. */
export interface RecipientQuery {
  statuses?: RecipientStatus[];
  overdueOnly?: boolean;
  offset?: number;
  limit?: number;
}

/** A page of recipients and the size of the whole (filtered) list. */
export interface RecipientPage {
  total: number;
  offset: number;
  rows: RecipientView[];
}

/** One recipient's message as it will be sent. */
export interface MessagePreview {
  recipientId: number;
  to: string;
  cc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; size: number }[];
  /** Placeholders this recipient has no value for (sending is blocked while any remain). */
  missing: string[];
}

export type FindingSeverity = 'error' | 'warning' | 'info';

/** What a pre-send check can find. */
export type FindingCode =
  | 'no-recipients'
  | 'invalid-address'
  | 'duplicate-recipient'
  | 'missing-field'
  | 'too-large'
  | 'total-volume'
  | 'not-pec'
  | 'cc-exposes'
  | 'receipt-quota'
  | 'refused-attachment-type'
  | 'no-subject'
  | 'empty-body'
  | 'account-not-pec'
  | 'attachment-mentioned'
  | 'recipients-see-each-other';

/**
 * One finding of the pre-send checks; errors block sending. The message is plain Italian, for logs
 * and the CLI; the window words the text with its params in its own language (send-check-texts.ts).
 */
export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  message: string;
  /** The catalog text the message was worded from; absent, the message is all there is. */
  text?: CheckFindingText;
  /** The values the text names. */
  params?: CheckFindingParams;
  /** The recipients concerned, when the finding is about some of them. */
  addresses?: string[];
  /** For missing-field: each recipient and the placeholders it lacks. */
  missing?: { address: string; fields: string[] }[];
}

/** The numbers shown in the confirmation before sending. */
export interface SendEstimate {
  recipients: number;
  /** Size of one message (the first recipient's, built for real). */
  messageBytes: number;
  /** messageBytes × recipients: what leaves the mailbox. */
  totalBytes: number;
  /** What the delivery receipts add to the sender's mailbox (completa carries the whole message back). */
  receiptQuotaBytes: number;
  perMinute: number | null;
  perHour: number | null;
  /** Time to submit every message at the account's rate limit. */
  durationMs: number;
}

/** The pre-send report: findings, the estimate, and whether anything blocks sending. */
export interface CheckReport {
  findings: Finding[];
  estimate: SendEstimate;
  blocked: boolean;
}

/** How an account's sending is paced now. */
export interface Pacing {
  accountId: number;
  /** The limits in force (after any slow-down), null when none. */
  perMinute: number | null;
  perHour: number | null;
  /** The provider asked to slow down: the rate is reduced until then. */
  slowedUntil: string | null;
  /** When the next message may start, null when nothing waits. */
  nextSendAt: string | null;
}

/**
 * What the engine tells that is not a row of the store: alerts someone may have to act on. The
 * queue's state (a campaign's, each recipient's, a single PEC's, the counts) is in the store and
 * travels on its change stream (store-changed 'campaigns'); see docs/ARCHITECTURE.md "One change
 * stream". overdue: recipients that just became late (each told once, marked in the store);
 * problem: trouble of an account's runner, with when it tries again (null: it waits for the user).
 */
export type SendNotice =
  | { kind: 'overdue'; campaignId: number; recipients: { recipientId: number; address: string }[] }
  | { kind: 'problem'; accountId: number; code: SendProblemCode; detail: string; retryInMs: number | null };

/** Trouble of an account's runner the user may have to act on. */
export type SendProblemCode = 'auth' | 'account' | 'connection' | 'throttled' | 'reconcile' | 'busy' | 'disk-full';

/** What an evidence export wrote. */
export interface ExportSummary {
  file: string;
  recipients: number;
  files: number;
  bytes: number;
}

/** A template: a campaign's message kept under a name, without recipients (issue #6). */
export interface CampaignTemplate {
  id: number;
  name: string;
  subject: string;
  receiptVariant: ReceiptVariant;
  zipAttachments: boolean;
  createdAt: string;
  /** Its files (no bytes); a campaign made from it gets the same bytes. */
  attachments: { filename: string; contentType: string | null; size: number; sha256: string }[];
}
