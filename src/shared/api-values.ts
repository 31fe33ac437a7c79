// Values the API returns to the renderer: plain JSON, no Buffers, no class instances, so the same
// objects cross Electron IPC (structured clone) and the web bridge (JSON over WebSocket).
import type { ReceiptProblem, UnprovenReceipt } from './api-trust';
import type { DacCounters, PecKind, ReceiptInfo, ReceiptType, ReceiptVariant, SignatureVerdict } from './pec';
import type { SendFailureParams, SendFailureText } from './send-failure-texts';
import type { TrustLevel, TrustVerdict } from './trust';

/** How a mail server connection is protected. */
export type ServerSecurity = 'tls' | 'starttls' | 'none';

/** Host, port, protection and login of an IMAP or SMTP server. */
export interface ServerEndpoint {
  host: string;
  port: number;
  security: ServerSecurity;
  username: string;
}

/**
 * Why an account's sync failed, or what a sync that ended left undone, as values the window puts
 * into words in its own language (the engine's words are Italian, for logs and the CLI).
 */
export interface SyncProblem {
  code:
    | 'no-password' | 'auth-failed' | 'connect-failed' | 'connection-lost' | 'folder-failed' | 'store-failed'
    | 'disk-full' | 'receipts-move-failed' | 'flags-refused' | 'disposed';
  /** The account's IMAP server. */
  host: string;
  /** Where a connection failed (connect-failed), when known. */
  stage: 'dns' | 'connect' | 'tls' | 'auth' | 'capability' | 'timeout' | null;
  /** Seconds until the sync tries again by itself (disk-full: how often free space is checked). */
  retryInS: number | null;
}

/** Sync state of an account, in words the UI can show. */
export interface AccountSyncState {
  state: 'never' | 'idle' | 'syncing' | 'error';
  lastSyncAt: string | null;
  /** Plain-words description (Italian) of the last failure, or of what the last sync left undone. */
  error: string | null;
  /** The same as values: with state 'error' why it failed, with 'idle' what was left undone. */
  problem: SyncProblem | null;
}

/** An account as the UI sees it. Never carries the password. */
/** An account removed with its mail kept as a read-only archive. */
export interface ArchivedAccountView {
  id: string;
  name: string;
  address: string;
  archivedAt: string;
}

export interface AccountView {
  id: string;
  name: string;
  address: string;
  kind: 'pec' | 'ordinary';
  providerId: string | null;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /** 'auto' = the Sent special-use folder, a path = that folder, null = the provider keeps sent copies. */
  sentFolder: string | null;
  receiptsFolder: string;
  /** 'move': receipts are moved to receiptsFolder on the server; 'local': only filed in PecDesk. */
  receiptsMode: 'move' | 'local';
  /** HTML appended to new messages; images as data: URIs. */
  signatureHtml: string;
  /** The sending pace the user set; null = the provider's (or PecDesk's default). */
  rateLimit: SendingPace;
  /** The pace in force: the user's, else the provider's, else 30 a minute for PEC. */
  pace: SendingPace;
  hasPassword: boolean;
  sync: AccountSyncState;
  /** Settings that work but are unsafe (plaintext off loopback). */
  warnings: SecurityWarning[];
}

/** Messages a minute and an hour; null = no figure. */
export interface SendingPace {
  perMinute: number | null;
  perHour: number | null;
}

/** A provider's public server settings and sending limits. */
export interface ProviderPresetView {
  id: string;
  name: string;
  kind: 'pec' | 'ordinary';
  domains: string[];
  imap: Omit<ServerEndpoint, 'username'> | null;
  smtp: Omit<ServerEndpoint, 'username'> | null;
  /** What the provider expects as login: the address, or its own user id. */
  username: 'address' | 'user-id';
  perMinute: number | null;
  perHour: number | null;
  maxMessageBytes: number | null;
  verified: boolean;
  notes: string | null;
}

/** One side of a connection test: how far it got, what failed. */
export interface ConnectionStep {
  service: 'imap' | 'smtp';
  ok: boolean;
  /** The stage that failed, or 'ok'. */
  stage: 'ok' | 'dns' | 'connect' | 'tls' | 'auth' | 'capability' | 'timeout';
  /** The failure in English words, for logs; the window words `problem`. */
  message: string;
  /** Why the step failed, as values the window words in its language; null when it worked. */
  problem: ConnectionProblem | null;
}

/** Why a connection failed, as values (the words are the window's: accounts.step.*). */
export interface ConnectionProblem {
  why: 'dns' | 'timeout' | 'tls' | 'auth' | 'refused' | 'failed' | 'no-sent-folder';
  /** The server as host:port ('dns': the host name alone). */
  where: string;
  /** 'no-sent-folder': the folder named for sent copies, null for the one marked \Sent. */
  folder?: string | null;
  /** What the server or the network library said, as it came (often English); null if nothing. */
  said: string | null;
}

/** A setting that works but exposes the password: the window words it (accounts.cleartext). */
export interface SecurityWarning {
  service: 'imap' | 'smtp';
  host: string;
}

/** Result of "Prova connessione". */
export interface ConnectionReport {
  ok: boolean;
  steps: ConnectionStep[];
  warnings: SecurityWarning[];
}

/** What a folder is for, so the UI can pick icons and order. */
export type FolderRole = 'inbox' | 'sent' | 'receipts' | 'drafts' | 'trash' | 'junk' | 'archive' | 'other';

/** A folder with its counters. */
export interface FolderView {
  id: number;
  accountId: string;
  path: string;
  name: string;
  role: FolderRole;
  total: number;
  unread: number;
  /** PecDesk's own receipts folder (receipts kept in the server's INBOX): no message can be moved to or from it. */
  localOnly: boolean;
}

/** A display name and address. */
export interface Mailbox {
  name: string | null;
  address: string;
}

/** The signature state shown as a badge. */
export type SignatureBadge = 'valid' | 'trusted' | 'invalid' | 'absent';

/** One row of a message list. For PEC envelopes, `from` and `subject` are the original's. */
export interface MessageRow {
  id: number;
  folderId: number;
  date: string | null;
  from: Mailbox | null;
  /** Recipients (shown instead of the sender in the Sent folder). */
  to: string[];
  subject: string;
  size: number;
  seen: boolean;
  hasAttachments: boolean;
  kind: PecKind | 'unreadable';
  receiptType: ReceiptType | null;
  receiptVariant: ReceiptVariant | null;
  signature: SignatureBadge;
  /** The verdict on a signed PEC object (receipt, envelope, anomaly); null for ordinary mail and unreadable messages. */
  trust: TrustLevel | null;
  /** D/A/C/E when this is a message the user sent, else null. */
  dac: DacCounters | null;
  /** The user's tags on the message (local only), sorted. */
  tags: string[];
  /** Where it is, on search results (which may come from any folder of any account). */
  place?: MessagePlace;
}

/** The folder and account of a message in search results. */
export interface MessagePlace {
  folderPath: string;
  /** The folder's own name and role, as the folder tree names it ("Ricevute PEC" for the receipts folder). */
  folderName: string;
  folderRole: FolderRole;
  accountName: string;
  accountAddress: string;
}

/** Why search text cannot be searched for: the first item of an 'invalid-query' error (the second is the text it is about). */
export const SEARCH_PROBLEMS = ['unclosed-quote', 'unknown-filter', 'empty-value', 'unknown-type', 'unknown-has', 'bad-date', 'dangling-or', 'only-negated'] as const;
export type SearchProblemCode = (typeof SEARCH_PROBLEMS)[number];

/** A page of a message list: a folder's, or a search's results. */
export interface MessagePage {
  total: number;
  offset: number;
  rows: MessageRow[];
}

/** The signer of a signed document (.p7m, CAdES). */
export interface DocumentSigner {
  subject: string;
  commonName: string | null;
  email: string | null;
  /** Italian tax code from the certificate serialNumber (TINIT-…), when present. */
  fiscalCode: string | null;
  signingTime: string | null;
  /** true when the signature matches the content; false when the content was altered. */
  intact: boolean | null;
}

/** What is inside a .p7m attachment. */
export interface SignedDocumentView {
  innerFilename: string;
  innerContentType: string;
  innerSize: number;
  signers: DocumentSigner[];
}

/** An attachment or a PEC service part, addressed by partId within its message. */
export interface AttachmentView {
  partId: string;
  filename: string;
  contentType: string;
  size: number;
  /** Set for CAdES .p7m files whose content could be extracted. */
  signed: SignedDocumentView | null;
}

/** Why openAttachment refused a file (its error's items[0]): it is saved instead, with this reason shown. */
export const OPEN_RISK_REASONS = ['program-name', 'disguised-name', 'program-content', 'macros'] as const;
export type OpenRiskReason = (typeof OPEN_RISK_REASONS)[number];

/** A message body as received (inline cid: images already turned into data: URIs); the renderer sanitises the HTML before showing it. */
export interface MessageBody {
  text: string | null;
  html: string | null;
}

/** The headers a reader shows of a message. */
export interface MessageHeadersView {
  from: Mailbox | null;
  replyTo: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  subject: string;
  date: string | null;
  /** Message-ID as the recipient sees it (for PEC: the provider's identificativo), without brackets. */
  messageId: string | null;
}

/** The sender's own message: postacert.eml for PEC, the message itself otherwise. */
export interface OriginalView extends MessageHeadersView {
  body: MessageBody;
  attachments: AttachmentView[];
}

/** The provider's outer message (the "Per conto di" cover of an envelope, a receipt's text). */
export interface CoverView {
  from: Mailbox | null;
  to: Mailbox[];
  subject: string;
  date: string | null;
  messageId: string | null;
  body: MessageBody;
}

/** Where a message shown in the reader comes from. */
export type MessageRef = { messageId: number } | { fileId: string };

/** Everything the reader shows for one message. */
export interface MessageView {
  ref: MessageRef;
  kind: PecKind;
  /** The original when there is one (envelope, anomaly, ordinary, completa receipts), else null. */
  original: OriginalView | null;
  cover: CoverView;
  receipt: ReceiptInfo | null;
  signature: SignatureVerdict;
  /** The stored verdict (attendibile, integra, alterata, non firmata) with its reasons; for a file opened from disk, judged on opening; null for ordinary mail. */
  trust: TrustVerdict | null;
  /** For a stored receipt: whether it counts as proof, and the problems that stop it; null otherwise. */
  receiptProblems: ReceiptProblem[] | null;
  identificativo: string | null;
  requestedVariant: ReceiptVariant | null;
  daticertXml: string | null;
  /** daticert.xml, smime.p7s, postacert.eml: reachable from "Dettagli PEC", never in "Salva tutti". */
  serviceParts: AttachmentView[];
  problems: string[];
  remoteContentAllowed: boolean;
  /** The sent message this receipt speaks of, when it is known. */
  sentMessageId: number | null;
  seen: boolean;
}

/** A message file opened from disk. */
export interface OpenedFile {
  fileId: string;
  name: string;
  view: MessageView;
}

/** An attachment's bytes, for opening in the browser build. */
export interface AttachmentData {
  filename: string;
  contentType: string;
  dataBase64: string;
}

/** What a move or deletion did: how many messages left the folder, and whether they are gone from the server (permanent deletion). */
export interface MoveReport {
  count: number;
  permanently: boolean;
}

/** Paths written by a save. */
export interface SaveReport {
  saved: string[];
}

/** A folder the main process chose: the page shows `label` and passes `token` to one save. */
export interface ChosenFolder {
  token: string;
  label: string;
}

/** A receipt of a sent message. */
export interface ReceiptView {
  /** The receipt message, openable in the reader (null if only its metadata is known). */
  messageId: number | null;
  type: ReceiptType;
  variant: ReceiptVariant | null;
  recipient: string | null;
  timestamp: string | null;
  issuer: string | null;
  errorDetail: string | null;
  /** The stored verdict on the receipt's signature. */
  trust: TrustVerdict | null;
  /** true when it counts in D/A/C/E and goes into an evidence export as proof. */
  proof: boolean;
  problems: ReceiptProblem[];
}

/** Per-recipient state of a sent message. */
export interface DeliveryView {
  address: string;
  field: 'to' | 'cc';
  status: 'pending' | 'accepted' | 'warning' | 'delivered' | 'error';
  acceptedAt: string | null;
  deliveredAt: string | null;
  errorAt: string | null;
  errorDetail: string | null;
  /** A preavviso di mancata consegna (12 h / 24 h) came and nothing final yet: a warning, not an error. */
  warningAt: string | null;
  /** Receipts linked to this recipient that do not count ("ricevuta non firmata: non vale come prova"). */
  unproven: UnprovenReceipt[];
}

/** D/A/C/E of a sent message and where each recipient stands. */
export interface DeliveriesView {
  sentMessageId: number;
  messageId: string;
  subject: string;
  counters: DacCounters;
  recipients: DeliveryView[];
  /** Where its sending stands, for a PEC sent from the composer through the send queue; null for others (a bulk send's, an imported one). */
  submission: SendTaskView | null;
}

/**
 * A single PEC in the send queue: queued (waiting for its turn), sending (on the wire, or being
 * checked with the provider after an interruption), retry (the provider asked to wait: retryAt,
 * reason), paused (reason: e.g. the password was refused; taskId resumes it with campaignResume),
 * submitted (the provider took it: D/A/C/E follow), failed (reason: the provider's words), cancelled.
 */
export interface SendTaskView {
  taskId: number;
  state: 'queued' | 'sending' | 'retry' | 'paused' | 'submitted' | 'failed' | 'cancelled';
  /** Italian words, for logs and the CLI (the provider's reply inside them). */
  reason: string | null;
  /**
   * The reason as a text of src/shared/send-failure-texts.ts and its values, for the window to word
   * in its own language; null when the reason is not a queue failure (a pause's own words) or was
   * stored before these values were.
   */
  reasonText: SendFailureText | null;
  reasonParams: SendFailureParams | null;
  retryAt: string | null;
  attempts: number;
}

/** A contact in the contacts pane. */
export interface ContactView {
  id: number;
  name: string | null;
  address: string;
  isPec: boolean | null;
}

/** A message being written: what reply/forward prefill, what send takes. */
export interface DraftView {
  accountId: string | null;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  inReplyTo: string | null;
  references: string[];
  /** Attachments carried over from another message (forward). */
  attachments: { ref: MessageRef; partId: string; filename: string; size: number }[];
}

/** What the host the renderer runs in can do. */
export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  /** Native folder/file pickers and opening files with the OS (Electron only). */
  nativeDialogs: boolean;
  defaultSaveDir: string;
}

/** Where PecDesk keeps its data and the automatic backups of its database. */
export interface StorageInfo {
  dataDir: string;
  /** Newest first. */
  backups: { takenAt: string; schemaVersion: number }[];
  /** How many backups are kept, and how often one is taken. */
  backupsKept: number;
  backupEveryHours: number;
}

/** How saved passwords are kept: the OS keychain, behind a master password (the keychain protects nothing here), or a key file (CLI, browser build). */
export interface SecretsStatusView {
  mode: 'keychain' | 'master-password' | 'key-file';
  state: 'not-set' | 'locked' | 'unlocked';
  /** Why a master password is used: the keychain is Chromium's fixed key ("basic_text"), or missing. */
  reason: 'basic-text' | 'unavailable' | null;
}
