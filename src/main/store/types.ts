// Value types of the store's public API. Type-only: no runtime imports, so they can move to
// src/shared/ unchanged when the IPC contract needs them.
import type { ReceiptProblem, UnprovenReceipt } from '../../shared/api-trust';
import type { DacCounters, PecErrorCode, PecKind, ReceiptType, ReceiptVariant } from '../../shared/pec';
import type { RuleAction, RuleCondition } from '../../shared/rules';
import type { TrustLevel, TrustVerdict } from '../../shared/trust';
import type { PackedEntry } from './packStore';
import type { SearchCondition } from './queries/search';

/** A table whose rows changed in one committed write. */
export type StoreEntity =
  | 'accounts'
  | 'folders'
  | 'messages'
  | 'message_locations'
  | 'receipts'
  | 'sent_messages'
  | 'deliveries'
  | 'campaigns'
  | 'campaign_recipients'
  | 'provider_index_versions'
  | 'provider_index_state'
  | 'message_drafts'
  | 'message_tags'
  | 'message_notes'
  | 'mail_rules'
  | 'contacts'
  | 'groups';

/** Rows of one table touched by a committed write (row ids of that table). */
export interface StoreChange {
  entity: StoreEntity;
  ids: number[];
}

/** Called once per committed write with every table it touched. */
export type ChangeListener = (changes: StoreChange[]) => void;

/** Life of a sent message as far as the provider's answers go (DM 2/11/2005 art. 9-10). */
export type SentStatus = 'queued' | 'submitted' | 'submit-failed' | 'accepted' | 'not-accepted';

/** Per-recipient state, derived from the receipts linked to that recipient. */
export type DeliveryStatus = 'pending' | 'accepted' | 'warning' | 'delivered' | 'error';

/** Account kind: a PEC mailbox or an ordinary one. */
export type AccountKind = 'pec' | 'ordinary';

/** Settings kept as JSON (server endpoints, preferences). Never a password: the SecretStore has those. */
export type JsonSettings = Record<string, unknown>;

/** An account to create (no id) or to update (id). */
export interface AccountInput {
  id?: number;
  name: string;
  address: string;
  kind: AccountKind;
  imap?: JsonSettings | null;
  smtp?: JsonSettings | null;
  settings?: JsonSettings;
}

export interface AccountRow {
  id: number;
  name: string;
  address: string;
  kind: AccountKind;
  imap: JsonSettings | null;
  smtp: JsonSettings | null;
  settings: JsonSettings;
  createdAt: string;
}

/** How a message came into "Importati": `pecdesk import`, an .eml opened and kept, an archive imported back. */
export type ImportSource = 'file' | 'opened' | 'archive';

/** The "Importati" folder's counts. */
export interface ImportedSummary {
  total: number;
  unread: number;
}

/** What to archive: chosen messages; or a folder's (those dated before beforeMs, when given); or every folder's dated before beforeMs. */
export type ArchiveScope = { messageRowIds: number[] } | { folderId: number | null; beforeMs: number | null };

/** A message an archive takes, at one place it sits in (folderId null: in no folder, e.g. imported from a file). */
export interface ArchiveCandidate {
  messageRowId: number;
  sha256: string;
  size: number;
  kind: PecKind | null;
  messageId: string | null;
  /** The subject the list shows (the original's for an envelope). */
  subject: string;
  dateMs: number;
  folderId: number | null;
  folderPath: string | null;
  accountAddress: string | null;
  /** Negative while a sent copy waits for the sync (never on the server under that UID). */
  uid: number | null;
  /** The sent_messages row when this is a message the user sent: its receipts go beside it. */
  sentMessageId: number | null;
}

/** A sent PEC still waiting for consegne (notifications). */
export interface AwaitingDeliveryRow {
  sentMessageId: number;
  subject: string;
  /** When it was recorded as sent (ISO 8601). */
  sentAt: string;
  /** Recipients without a consegna or a final error yet. */
  missing: number;
}

/** Where a message sits on the IMAP server. */
export interface MessageLocation {
  folderId: number;
  uid: number;
  flags: string[];
}

/** A location to move: from (folder, UID) to (folder, UID). */
export interface LocationMove {
  fromFolderId: number;
  fromUid: number;
  toFolderId: number;
  toUid: number;
}

export interface FolderInput {
  path: string;
  /** RFC 6154 special-use attribute, e.g. "\\Sent". */
  specialUse?: string | null;
  /** PecDesk's own role for the folder, e.g. "receipts". */
  role?: string | null;
}

/** CONDSTORE/QRESYNC state of a folder (RFC 7162); highestModseq is 63-bit, hence bigint. */
export interface FolderSyncState {
  uidValidity: number | null;
  uidNext: number | null;
  highestModseq: bigint | null;
}

export interface FolderSummary {
  id: number;
  accountId: number;
  path: string;
  specialUse: string | null;
  role: string | null;
  total: number;
  unread: number;
}

/** What the store keeps of a raw message's analysis, or why there is none. */
export interface MessageSummary {
  id: number;
  sha256: string;
  size: number;
  /** null when the message is unreadable. */
  kind: PecKind | null;
  receiptType: ReceiptType | null;
  receiptVariant: ReceiptVariant | null;
  subject: string | null;
  from: string | null;
  date: string | null;
  originalSubject: string | null;
  originalFrom: string | null;
  /** What a list shows: the original's subject and sender for envelopes and anomalies. */
  displaySubject: string;
  displayFrom: string | null;
  signaturePresent: boolean | null;
  signatureValid: boolean | null;
  signatureTrusted: boolean | null;
  /** The stored verdict level of a signed PEC object; null for ordinary mail and unreadable messages. */
  trustLevel: TrustLevel | null;
  hasAttachments: boolean;
  unreadable: boolean;
  receivedAt: string;
}

/** One row of a message listing: the message, its IMAP state in the folder, D/A/C/E if the user sent it. */
export interface ListedMessage extends MessageSummary {
  folderId: number | null;
  uid: number | null;
  flags: string[];
  seen: boolean;
  sentMessageId: number | null;
  dac: DacCounters | null;
}

/** Which messages to list: a folder's, or (folderId null) those imported from files, on no server. */
export interface ListMessagesOptions {
  folderId: number | null;
  offset: number;
  limit: number;
  sort: 'date' | 'from' | 'subject' | 'size';
  direction: 'asc' | 'desc';
}

/** Which messages to find: those satisfying the condition, in one folder or (folderId null) in every folder. */
export interface SearchMessagesOptions extends Omit<ListMessagesOptions, 'folderId'> {
  /** What the search domain made of the typed text (queries/search.ts). */
  condition: SearchCondition;
  folderId: number | null;
}

/** A page of a listing and the size of the whole list. */
export interface MessagePage {
  total: number;
  offset: number;
  rows: ListedMessage[];
}

export interface AttachmentRow {
  id: number;
  filename: string;
  contentType: string;
  size: number;
}

/** Everything stored about one message (analysis fields as first computed). */
export interface MessageDetail extends MessageSummary {
  rawPath: string;
  to: string[];
  messageId: string | null;
  refMessageId: string | null;
  identificativo: string | null;
  requestedVariant: ReceiptVariant | null;
  signatureSigner: string | null;
  signatureSignerEmail: string | null;
  signatureSigningTime: string | null;
  signatureDetail: string | null;
  /** The stored trust verdict (null for ordinary mail and unreadable messages). */
  trust: TrustVerdict | null;
  originalTo: string[];
  originalCc: string[];
  originalDate: string | null;
  originalMessageId: string | null;
  flags: string[];
  unreadableCode: string | null;
  unreadableDetail: string | null;
  problems: string[];
  attachments: AttachmentRow[];
  locations: MessageLocation[];
}

export interface ReceiptRow {
  id: number;
  messageRowId: number;
  type: ReceiptType;
  variant: ReceiptVariant | null;
  refMessageId: string | null;
  identificativo: string | null;
  recipient: string | null;
  timestamp: string | null;
  error: PecErrorCode;
  errorDetail: string | null;
  issuer: string | null;
  sentMessageId: number | null;
  deliveryId: number | null;
  /** The account whose mailbox it arrived in; null for files imported without one. */
  accountId: number | null;
  /** The stored verdict on its signature. */
  trust: TrustVerdict | null;
  /** Whether it counts in D/A/C/E (link.ts). */
  proof: boolean;
  problems: ReceiptProblem[];
}

/** A receipt not counted as proof, for "Ricevute da verificare". */
export interface ReceiptToVerifyRow extends ReceiptRow {
  sentSubject: string | null;
}

/** A recipient of a sent message with the times its receipts certify. */
export interface DeliveryRow {
  id: number;
  address: string;
  field: 'to' | 'cc';
  status: DeliveryStatus;
  acceptedAt: string | null;
  deliveredAt: string | null;
  errorAt: string | null;
  errorType: ReceiptType | null;
  error: PecErrorCode | null;
  errorDetail: string | null;
  /** The latest counted preavviso di mancata consegna, when nothing final came yet. */
  warningAt: string | null;
  /** Receipts linked to this recipient (or its message's access-point answers) that do not count as proof. */
  unproven: UnprovenReceipt[];
}

export interface SentMessageRow {
  id: number;
  messageId: string;
  accountId: number | null;
  campaignId: number | null;
  from: string | null;
  subject: string;
  status: SentStatus;
  identificativo: string | null;
  rawSha256: string | null;
  createdAt: string;
}

export interface NewSentMessage {
  /** The Message-ID PecDesk generated (with or without angle brackets). */
  messageId: string;
  accountId?: number | null;
  campaignId?: number | null;
  subject: string;
  from?: string | null;
  to: string[];
  cc?: string[];
  /** The exact bytes submitted, kept as evidence. */
  raw?: Buffer | null;
  /** Instead of raw: the SHA-256 of bytes already filed with Store.storeSentRaw (fsynced in a batch). */
  rawSha256?: string | null;
  /** With rawSha256: where Store.storeSentRaw put those bytes (its result's `packed`, needed to read them back); absent for bytes in their own file. */
  rawPacked?: PackedEntry | null;
  status?: SentStatus;
}

/** D/A/C/E of one sent message, with what the CLI and the UI list beside them. */
export interface SentStats {
  sentMessageId: number;
  messageId: string;
  subject: string;
  D: number;
  A: number;
  C: number;
  E: number;
}

/** Why a stored message could not be analysed. */
export interface UnreadableReason {
  code: string;
  detail: string;
}

/** A provider of a stored providers' index version (the trust domain's IndexedProvider, by shape). */
export interface StoredProvider {
  name: string;
  /** Lowercase hex, no separators. */
  certificateSha1: string[];
  certificatesDer: Buffer[];
  managedDomains: string[];
  mailReceipt: string | null;
}

/** A providers' index version to record: the LDIF bytes exactly as received and what was read from them. */
export interface NewProviderIndexVersion {
  raw: Buffer;
  /** The URL it was downloaded from, or the file name. */
  source: string;
  providers: StoredProvider[];
  /** Defaults to now (ISO 8601). */
  importedAt?: string;
}

/** A recorded providers' index version, without its providers. */
export interface ProviderIndexVersionRow {
  id: number;
  sha256: string;
  size: number;
  source: string;
  importedAt: string;
  /** How many provider entries. */
  providers: number;
  /** How many distinct managed domains. */
  domains: number;
}

/** How the index is kept current: the address set by the user (null: the default) and the last update. */
export interface ProviderIndexState {
  url: string | null;
  /** Last download attempt, automatic or asked for (ISO 8601). */
  lastAttemptAt: string | null;
  /** Why the last attempt failed; null when it succeeded. */
  lastError: string | null;
  /** Last time an update succeeded, whether or not the index had changed (ISO 8601). */
  lastCheckedAt: string | null;
}

/** A tag in use and how many messages carry it. */
export interface TagCount {
  tag: string;
  count: number;
}

/** The private note of a message. */
export interface MessageNote {
  text: string;
  updatedAt: string;
}

/** A rule for incoming mail as stored (shapes of shared/rules.ts); accountId null: every account. */
export interface RuleRow {
  id: number;
  position: number;
  name: string;
  accountId: number | null;
  enabled: boolean;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

/** A rule to save: without id it is added after the others. */
export type RuleInput = Omit<RuleRow, 'id' | 'position'> & { id?: number };

// --- Send tasks (a single PEC in the send queue, store/send-tasks.ts) ---

/** A single PEC to enqueue: its bytes already in the raw store (Store.storeSentRaw), named by their SHA-256. */
export interface NewSendTask {
  accountId: number;
  from: string;
  to: string[];
  cc: string[];
  /** The SMTP envelope's recipients (every To and Cc, as the message was built for). */
  envelope: string[];
  subject: string;
  messageId: string;
  rawSha256: string;
  /** Where Store.storeSentRaw put the bytes (their pack). */
  rawPacked?: PackedEntry | null;
}

/** Where the sending of one single PEC stands: its task (a campaigns row of kind 'single') and its one queue row. */
export interface SendTaskRow {
  taskId: number;
  /** The task's state: 'sending', 'paused' (stateDetail says why), 'done' or 'cancelled'. */
  taskState: string;
  stateDetail: string | null;
  recipientId: number;
  sentMessageId: number;
  messageId: string;
  /** The queue row's state (send/types.ts RecipientState). */
  state: string;
  attempts: number;
  /** When a throttled message is tried again (ms since the epoch), or null. */
  nextAttemptMs: number | null;
  errorCode: string | null;
  /** The provider's reason, in its words, for a failure or a wait. */
  error: string | null;
  /** The same reason as values (JSON {text, params}), NULL for rows stored before migration 20: send/failure-words.ts. */
  errorValues: string | null;
}

// --- Campaign draft recipients (a bulk-send draft's list kept in the store, store/campaign-drafts.ts) ---

/** A recipient to add to a draft, already cleaned by the send domain (address normalized). */
export interface DraftRecipientInput {
  address: string;
  name: string | null;
  contactId: number | null;
  fields: Record<string, string>;
}

/** A recipient of a draft as listed a page at a time. */
export interface DraftRecipientRow extends DraftRecipientInput {
  id: number;
}
