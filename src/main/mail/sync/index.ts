// IMAP sync for PecDesk: server → store, one engine per account. src/main/mail/index.ts re-exports this.

/** Creates an account's sync engine (connection, IDLE, reconnects, dispose); make a new one when the account's settings change. */
export { createSyncEngine } from './engine';
/** Why messages were not moved or deleted, in plain Italian words. */
export { actionWords, failureWords } from './status-words';
/** A message's PEC type as rules for incoming mail name it (from its classification). */
export { pecTypeOf } from './rules';
/** Path of the store folder that shows receipts kept on the server's INBOX ('local' receipts mode). */
export { LOCAL_RECEIPTS_PATH } from './folder-tree';
/** The engine's options, progress, status and results. */
export type {
  CreateFolderRequest,
  DeleteRequest,
  FolderOpErrorCode,
  FolderOpResult,
  QuotaResult,
  RenameFolderRequest,
  RuleNotice,
  RulesReport,
  RulesResult,
  FolderReport,
  MessageActionErrorCode,
  MessageActionResult,
  MoveRequest,
  SyncAccount,
  SyncEngine,
  SyncEngineOptions,
  SyncErrorCode,
  SyncFailure,
  SyncLogger,
  SyncProgress,
  SyncResult,
  SyncState,
  SyncStatus,
  SyncTiming,
} from './types';
