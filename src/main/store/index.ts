// The store domain: SQLite metadata (better-sqlite3) plus byte-exact raw messages on disk.
// Other domains reach it only through this file.

/** Open a store (WAL, foreign keys, migrations); the Store interface lists every operation. */
export { hasStore, openStore, tryOpenStore, type OpenStoreOptions, type OpenStoreResult, type StoreOptions } from './store';
/** The store's operations by role: depend on the narrowest one; Store is all of them. */
export type {
  Store, StoreLifecycle, MessagesStore, SearchStore, ReceiptsStore, TrustStore, AccountsStore, FoldersStore, RulesStore, CampaignsStore,
} from './roles';
/** The contacts tables (Store.contacts): rows, groups, PEC evidence, import layouts; the contacts' word search. */
export { contactSearchCondition, type ContactsStore, type ContactRows, type GroupRows, type LayoutRows, type PecEvidenceRows } from './contacts';
export type { ContactData as StoredContactData, StoredContact, StoredContactPage } from './contacts';
/** Where the store files a server mailbox's UIDs (FoldersStore.mailboxLocations). */
export type { KnownLocation, MailboxLocations } from './queries/mailbox-locations';
/** The bulk sends' tables (CampaignsStore): campaigns, the send queue, the campaign view's rows, templates, send leases. */
export type { CampaignRepo, CampaignRow, CampaignContent, AttachmentContent, RecipientInputRow } from './campaigns/campaign-repo';
export type { RecipientQueue, QueueRow, Outcome, BuiltRow } from './campaigns/recipient-queue';
export type { CampaignRecipientRows, RecipientStatusRow, RecipientFilter } from './campaigns/recipient-rows';
export type { TemplateRows, TemplateRow, TemplateAttachmentInfo } from './campaigns/template-rows';
export type { SendLeaseRows, LeaseHolder } from './campaigns/send-lease-rows';
/** Why a database cannot be trusted; what openStore throws for it (nothing was written into the file). */
export { StoreDamagedError, type IntegrityProblem } from './integrity';
/** The backups in <store>/backups/ (newest first), how many are kept and how often one is taken. */
export { listBackups, BACKUPS_KEPT, BACKUP_EVERY_MS, type BackupFile } from './backup';
/** Check, restore from a backup, and file again the raw messages the database does not know. */
export { checkStoreInBackground } from './check-in-background';
export { checkStoreFile, restoreStore, setAside, unindexedRawFiles, reindexRawFiles, type RestoreResult, type ReindexReport } from './recovery';
/** A full disk, from an error or its text; free bytes where the store is. */
export { isDiskFull, freeBytesAsync, LOW_SPACE_BYTES } from './disk-space';
/** The providers' index in force, as the verdict reads it (cached per version). */
export { loadCurrentIndex } from './current-index';
/** A stored signed PEC object's verdict facts, and a new verdict for it (trust/recheck.ts). */
export type { StoredSignedFacts, VerdictUpdate } from './queries/verdicts';
/** The default store folder: PECDESK_HOME, else Electron's userData folder for "PecDesk". */
export { defaultStoreDir } from './paths';
/** The schema migrations in order (their count is the current schema version). */
export { migrations } from './migrations';
/** SHA-256 (hex) of raw bytes, the key of a message in the raw store; what readMessageRaw returns. */
export { sha256Hex, type RawReadResult, type RawWriteResult } from './rawStore';
/** Input and outcome of filing a message (Store.ingest, Store.importMessage). */
export type { IngestAnalysis, IngestInput, IngestResult } from './ingest';
/** Outcome of recording a sent message; statuses the sending side may set. */
export type { RecordSentResult, SubmissionStatus } from './sent';
export type { SentCopyInput } from './sent-copy';
/** Outcome of recording a sent message from its raw bytes; one message of Store.importMessages. */
export type { ImportItem, ImportSentResult } from './import';
/** Outcome of recording a providers' index version. */
export type { RecordIndexResult } from './provider-index';
/** Outcome of saving an account. */
export type { SaveAccountResult } from './queries/accounts';
export type { ArchivedAccountRow, RemoveAccountMode } from './queries/account-removal';
/** Drafts of single messages (Store.drafts): input, saved row, server copy. */
export type { MessageDrafts, DraftInput, DraftRow, DraftFile, DraftServerCopy, OtherDraftRow } from './drafts';
/** A search condition the store runs (the search domain builds it from typed text); the one name of the tags table. */
export { MESSAGE_TAGS_TABLE, type SearchCondition, type SearchLeaf } from './queries/search';
/** Single PEC in the send queue (Store.sendTasks). */
export type { SendTasks, EnqueueResult } from './send-tasks';
/** The recipient lists of bulk-send drafts (Store.campaignDrafts). */
export type { CampaignDraftRecipients, DraftAddResult } from './campaign-drafts';
/** Row and value types of the store API. */
export type * from './types';
