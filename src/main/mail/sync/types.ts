// Value types of the IMAP sync engine: what callers pass in, and the progress, status and results
// it reports. Results are values with a code (CONTRIBUTING.md "Errors are values with codes"): a dropped
// connection is an outcome, not a throw.
import type { AccountSettings, ConnectionStage, ConnectOptions, SecretStore } from '../../accounts';
import type { AnalyzerPool, AnalyzerPoolOptions } from '../../pec';
import type { Store } from '../../store';

/** The account to keep in sync: its settings and its row id in the store (also the SecretStore key). */
export type SyncAccount = Omit<AccountSettings, 'id'> & { id: number | string };

/** Where the sync writes what it wants a person or a log to know; `console` fits. */
export interface SyncLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** Knobs with sensible defaults; tests shorten them. */
export interface SyncTiming {
  /** Quiet time after which imapflow enters IDLE on INBOX (default 1 s). */
  idleDelayMs?: number;
  /** Full sync of every folder this often while started, for folders IDLE does not watch (default 5 min). */
  pollIntervalMs?: number;
  /** First wait before reconnecting (default 1 s), doubled each failure up to backoffMaxMs (default 60 s). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** While the disk is full, free space is checked this often and the sync resumes once there is room (default 20 s). */
  diskFullRetryMs?: number;
}

/** What createSyncEngine needs. Give `password`, `passwordOf`, or a `secretStore` to read it from at every connection. */
export interface SyncEngineOptions {
  store: Store;
  account: SyncAccount;
  password?: string;
  /** Asked at every connection (the app passes the accounts service, which checks the password's servers). */
  passwordOf?: () => Promise<{ ok: true; value: string } | { ok: false; code: string; detail: string }>;
  secretStore?: SecretStore;
  /** Extra TLS trust (the sandbox's self-signed certificate) and timeouts. */
  connect?: ConnectOptions;
  logger?: SyncLogger;
  onProgress?: (progress: SyncProgress) => void;
  onStatus?: (status: SyncStatus) => void;
  /** A rule with "notify" matched a message that just arrived. */
  onRuleNotice?: (notice: RuleNotice) => void;
  timing?: SyncTiming;
  /** The threads that classify fetched mail (their number, their script); the defaults suit the app. */
  analyzer?: AnalyzerPoolOptions;
  /**
   * Threads shared with the other accounts' engines, used instead of a pool of this engine's own
   * (`analyzer` is then ignored); the engine does not close it. One pool for every account keeps
   * the threads (and their memory) to one set, and keeps them warm from one account's sync to the next.
   */
  sharedAnalyzer?: AnalyzerPool;
}

/** New messages of one folder being filed: `done` of `total`. */
export interface SyncProgress {
  accountId: number;
  folder: string;
  done: number;
  total: number;
}

/** Why a sync could not run or finish. */
export type SyncErrorCode =
  | 'no-password'
  | 'auth-failed'
  | 'connect-failed'
  | 'connection-lost'
  | 'folder-failed'
  | 'store-failed'
  /** The disk holding the store is full: the sync tries again by itself once there is room. */
  | 'disk-full'
  | 'receipts-move-failed'
  /** The server did not take some read or flag marks made in PecDesk: they are tried again at every sync. */
  | 'flags-refused'
  | 'disposed';

/** A failed sync: the code, the technical detail (logs), and plain Italian words for the user. */
export interface SyncFailure {
  ok: false;
  code: SyncErrorCode;
  detail: string;
  message: string;
  /** The account's IMAP server, and where connecting to it failed: what `message` was built from. */
  host: string;
  stage?: ConnectionStage;
}

/** What one folder's sync did. `error` is set when the folder could not be synced fully. */
export interface FolderReport {
  path: string;
  folderId: number;
  /** Messages filed in the store from the server. */
  added: number;
  /** Locations dropped because the server expunged the message. */
  removed: number;
  flagsFromServer: number;
  flagsToServer: number;
  /** Receipts moved to the receipts folder (server or local-only). */
  receiptsFiled: number;
  /** The folder's UIDVALIDITY changed and it was filed again from scratch (RFC 3501 §2.3.1.1). */
  uidValidityReset: boolean;
  error?: { code: SyncErrorCode; detail: string };
}

/** Outcome of syncAll/syncFolder: every folder's report, or why the connection failed. */
export type SyncResult = { ok: true; folders: FolderReport[] } | SyncFailure;

/** Messages (store message ids) of one store folder to move to another folder of the same account. */
export interface MoveRequest {
  fromFolderId: number;
  messageIds: number[];
  toFolderId: number;
}

/** Messages of one store folder to delete: to the account's Trash, or for good once the user has confirmed. */
export interface DeleteRequest {
  folderId: number;
  messageIds: number[];
  permanently: boolean;
}

/** Why messages were not moved or deleted (besides a connection that failed). */
export type MessageActionErrorCode =
  /** The folder is not one of the account's. */
  | 'no-such-folder'
  /** The folders belong to different accounts: a server moves messages only within one mailbox store. */
  | 'other-account'
  /** None of the messages is in the folder (any more). */
  | 'not-in-folder'
  /** PecDesk's local receipts folder (LOCAL_RECEIPTS_PATH) is no mailbox on the server. */
  | 'local-only'
  /** The account has no Trash folder (special-use \Trash, RFC 6154). */
  | 'no-trash'
  /** The messages are in Trash: deleting them now is for good, which the user must confirm. */
  | 'needs-confirmation'
  /** The server refused the MOVE, the COPY or the EXPUNGE. */
  | 'server-refused';

/** Outcome of moving or deleting messages: how many left the folder, or why they did not. */
export type MessageActionResult =
  | { ok: true; count: number; permanently: boolean }
  | { ok: false; code: MessageActionErrorCode; detail: string; message: string }
  /** The connection failed before or under the action. */
  | SyncFailure;

/** A folder to create: its name (one level) under a folder of the account, or at the top (null). */
export interface CreateFolderRequest {
  parentFolderId: number | null;
  name: string;
}

/** A folder's new name and, when given, its new parent (null: the top level). */
export interface RenameFolderRequest {
  folderId: number;
  name: string;
  parentFolderId?: number | null;
}

/** Why a folder was not created, renamed, moved or deleted. */
export type FolderOpErrorCode =
  | 'no-such-folder'
  | 'local-only'
  /** INBOX or the account's receipts folder. */
  | 'protected'
  /** Empty, or a character IMAP reserves or the server uses to separate levels. */
  | 'bad-name'
  /** A folder of that name is there already. */
  | 'exists'
  /** A folder cannot go inside its own subfolder. */
  | 'into-itself'
  | 'has-subfolders'
  | 'not-empty'
  | 'server-refused';

/** Outcome of a change to the folder tree: the folder's store id, or why nothing changed (server-refused: `said` is the server's reply). */
export type FolderOpResult = { ok: true; folderId: number } | { ok: false; code: FolderOpErrorCode; detail: string; said?: string };

/** The mailbox's storage quota (IMAP QUOTA, RFC 9208), in bytes; or that the server has none, or could not say. */
export type QuotaResult =
  | { ok: true; usedBytes: number; limitBytes: number }
  | { ok: false; code: 'unsupported' | 'unavailable'; detail: string };

/** A rule with the notify action matched a new message. */
export interface RuleNotice {
  accountId: number;
  messageRowId: number;
  ruleName: string;
}

/** What running the rules on a folder did. */
export interface RulesReport {
  checked: number;
  matched: number;
  moved: number;
}

/** Outcome of "Applica ai messaggi esistenti" on a folder. */
export type RulesResult = ({ ok: true } & RulesReport) | { ok: false; code: 'no-such-folder'; detail: string };

/** Where the engine is in its life, for the status bar. */
export type SyncState = 'not-started' | 'connecting' | 'syncing' | 'idle' | 'retrying' | 'stopped' | 'closed';

/** The engine's state in plain words, e.g. "Connessione persa, nuovo tentativo tra 8 s". */
export interface SyncStatus {
  accountId: number;
  state: SyncState;
  message: string;
  code?: SyncErrorCode;
  /** With a code: the account's IMAP server, and where connecting to it failed (connect-failed). */
  host?: string;
  stage?: ConnectionStage;
  /** With state 'retrying': how long until the next attempt. */
  retryInMs?: number;
}

/** One account's IMAP sync: call start() to keep it in sync, or syncAll() once; dispose() closes it. */
export interface SyncEngine {
  readonly accountId: number;
  /** Syncs the folder tree and every folder once, connecting when needed. */
  syncAll(): Promise<SyncResult>;
  /** Syncs one folder (by its server path) once. */
  syncFolder(path: string): Promise<SyncResult>;
  /** Moves messages to another folder of the account on the server; the store follows. */
  moveMessages(request: MoveRequest): Promise<MessageActionResult>;
  /** Moves messages to the account's Trash or, confirmed, deletes them from the server; their stored bytes stay. */
  deleteMessages(request: DeleteRequest): Promise<MessageActionResult>;
  /** Creates a folder on the server, then in the store. */
  createFolder(request: CreateFolderRequest): Promise<FolderOpResult | SyncFailure>;
  /** Renames or moves a folder (with its subfolders) on the server, then in the store. */
  renameFolder(request: RenameFolderRequest): Promise<FolderOpResult | SyncFailure>;
  /** Deletes an empty folder without subfolders on the server, then in the store. */
  deleteFolder(folderId: number): Promise<FolderOpResult | SyncFailure>;
  /** The account's storage quota as the server states it now. */
  quota(): Promise<QuotaResult | SyncFailure>;
  /** Runs the rules for incoming mail on every message of a folder of the account ("Applica ai messaggi esistenti"). */
  applyRules(folderId: number): Promise<RulesResult | SyncFailure>;
  /** Keeps the account in sync: IDLE on INBOX, periodic full syncs, reconnects with backoff. */
  start(): void;
  /** The latest status. */
  status(): SyncStatus;
  /** Stops timers and loops, closes the connection; resolves when nothing runs any more. */
  dispose(): Promise<void>;
}
