// The store's operations by role. A domain module asks for the narrowest role it needs (the sync's
// LocalState only FoldersStore, the contacts domain only ContactsStore); Store is all of them, one
// object over one database. No role hands out the database itself: every statement lives in store/.
import type { DacCounters } from '../../shared/pec';
import type { TrustLevel } from '../../shared/trust';
import type { ProviderIndexSnapshot } from '../proof';
import type { BackupFile } from './backup';
import type { CampaignRepo } from './campaigns/campaign-repo';
import type { RecipientQueue } from './campaigns/recipient-queue';
import type { CampaignRecipientRows } from './campaigns/recipient-rows';
import type { SendLeaseRows } from './campaigns/send-lease-rows';
import type { TemplateRows } from './campaigns/template-rows';
import type { ContactsStore } from './contacts';
import type { MessageDrafts } from './drafts';
import type { CampaignDraftRecipients } from './campaign-drafts';
import type { SendTasks } from './send-tasks';
import type { ImportItem, ImportSentResult } from './import';
import type { IngestInput, IngestResult } from './ingest';
import type { RecordIndexResult } from './provider-index';
import type { ArchivedAccountRow, RemoveAccountMode } from './queries/account-removal';
import type { SaveAccountResult } from './queries/accounts';
import type { MailboxLocations } from './queries/mailbox-locations';
import type { StoredSignedFacts, VerdictUpdate } from './queries/verdicts';
import type { SentRawResult } from './packStore';
import type { RawReadResult } from './rawStore';
import type { SentCopyInput } from './sent-copy';
import type { RecordSentResult, SubmissionStatus } from './sent';
import type {
  AccountInput, AccountRow, ArchiveCandidate, ArchiveScope, AwaitingDeliveryRow, ChangeListener, DeliveryRow, FolderInput, FolderSummary, FolderSyncState, ImportedSummary,
  ListMessagesOptions, LocationMove, MessageDetail, MessageLocation, MessageNote, MessagePage, NewProviderIndexVersion, NewSentMessage, ProviderIndexState,
  ProviderIndexVersionRow, ReceiptRow, ReceiptToVerifyRow, RuleInput, RuleRow, SearchMessagesOptions, SentMessageRow, SentStats, StoredProvider, TagCount,
} from './types';

/** Opening, closing, durability and the one change stream of the store. */
export interface StoreLifecycle {
  /** The folder holding pecdesk.sqlite and raw/. */
  readonly dir: string;
  /** The schema version after migrations (PRAGMA user_version). */
  readonly schemaVersion: number;
  /** Closes the database; never throws for lack of disk space (the statistics update is skipped then). */
  close(): void;
  /** The daily backup started at open (null when none was due or it failed); closing the store first abandons it. */
  readonly dailyBackup: Promise<BackupFile | null>;
  /**
   * Runs `write` (one transaction it commits itself) without this thread waiting for the disk;
   * `durable` resolves once the commit would survive a power cut, as a FULL commit (see
   * deferred-sync.ts). Nothing may act on the write before that (the send queue's claims).
   */
  deferSync<T>(write: () => T): { value: T; durable: Promise<void> };
  /** Calls listener after each committed write with the tables and row ids it touched; returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void;
}

/** Stored messages: filing them byte-exact, reading them, listing folders, their flags, tags and notes. */
export interface MessagesStore {
  /** Every raw file's SHA-256 a row names (received, sent, queued): recovery files again the others. */
  rawHashesNamed(): Set<string>;
  /** Drafts of single messages: the composer's local copy and where its server copy is. */
  readonly drafts: MessageDrafts;
  /** Files raw bytes with an analysis already computed. */
  ingest(input: IngestInput): IngestResult;
  /** Files many messages with analyses already computed: every file fsynced, then all rows in one commit; results in input order. */
  ingestBatch(inputs: IngestInput[]): Promise<IngestResult[]>;
  /** Analyses raw bytes with the PEC classifier, then files them (unreadable ones too). */
  importMessage(raw: Buffer, extra?: Omit<IngestInput, 'raw' | 'analysis'>): Promise<IngestResult>;
  /** importMessage for a batch (a sync's FETCH chunk): one commit for all; results in input order. */
  importMessages(items: ImportItem[]): Promise<IngestResult[]>;
  /** The bytes of a stored message, exactly as received, checked against their SHA-256. */
  readMessageRaw(messageRowId: number): RawReadResult | null;
  getMessage(messageRowId: number): MessageDetail | null;
  /** A page of a folder, or (folderId null) of "Importati", the messages brought in from files. */
  listMessages(options: ListMessagesOptions): MessagePage;
  /** How many messages "Importati" lists, and how many are unread. */
  importedSummary(): ImportedSummary;
  /** The messages an archive takes, one row per place each sits in. */
  archiveCandidates(scope: ArchiveScope): ArchiveCandidate[];
  /** The id of the newest stored message (0 when none): the notifier tells only of later ones. */
  latestMessageRowId(): number;
  setSeen(messageRowIds: number[], seen: boolean): void;
  flagChangesToPush(): MessageLocation[];
  unreadableMessagesCount(): number;
  /** The tags of each message, sorted (messages without tags are absent). */
  tagsOf(messageRowIds: number[]): Map<number, string[]>;
  /** Adds (on) or removes a tag (already normalized, shared/rules.ts normalizeTag) on messages; returns how many changed. */
  setTag(messageRowIds: number[], tag: string, on: boolean): number;
  /** Every tag in use, with how many messages carry it. */
  allTags(): TagCount[];
  /** The private note of a message (local only, never sent), or null. */
  noteOf(messageRowId: number): MessageNote | null;
  /** Saves a message's note; empty text removes it. false when there is no such message. */
  setNote(messageRowId: number, text: string): boolean;
}

/** Finding messages by their words and their notes. */
export interface SearchStore {
  /** Messages matching every FTS5 term in their subject, senders (cover and postacert.eml), body text or attachment names, listed like a folder. */
  searchMessages(options: SearchMessagesOptions): MessagePage;
  /** Messages whose note matches an FTS5 MATCH expression, ascending ids. */
  messagesWithNote(match: string): number[];
}

/** Sent messages, their recipients, the receipts and the links between them (D/A/C/E). */
export interface ReceiptsStore {
  /** Sent PEC (not of a bulk send) recorded by `cutoff` (ISO 8601) whose recipients still wait for a consegna, not yet told about. */
  awaitingDelivery(cutoff: string): AwaitingDeliveryRow[];
  /** Records that the user was told these sent PEC still lack consegne: awaitingDelivery leaves them out from now on. */
  markMissingNotified(sentMessageIds: readonly number[], at: string): void;
  /** Lists a message sent from PecDesk in its account's Sent folder at once (pending until the sync files the server's copy); null without a Sent folder. */
  fileSentCopy(input: SentCopyInput): Promise<IngestResult | null>;
  /** fileSentCopy for many (a bulk send's), in one commit; bytes already stored as their sent message's are not written again. */
  fileSentCopies(inputs: SentCopyInput[]): Promise<(IngestResult | null)[]>;
  /**
   * Puts the bytes of messages about to be sent in the raw store, in one pack fsynced (with its
   * folder) when the promise resolves; recordSent then names them by rawSha256 and rawPacked. Results in order.
   */
  storeSentRaw(raws: Buffer[]): Promise<SentRawResult[]>;
  /** Records a sent message and its recipients, and links the receipts that came before it. */
  recordSent(input: NewSentMessage): RecordSentResult;
  /** Records a sent message from its raw bytes: To/Cc as recipients, its Message-ID as key. */
  importSentMessage(raw: Buffer, accountId?: number): Promise<ImportSentResult>;
  setSentStatus(sentMessageId: number, status: SubmissionStatus): boolean;
  getSent(sentMessageId: number): SentMessageRow | null;
  /** The bytes a sent message was submitted with, checked against their SHA-256; null when it was recorded without them. */
  readSentRaw(sentMessageId: number): RawReadResult | null;
  /** Where a sent message's bytes are in the raw store (their own file: offset null, or their pack's entry); null when not there. */
  sentStoredBytes(sentMessageId: number): { sha256: string; relPath: string; offset: number | null; length: number | null } | null;
  findSentByMessageId(messageId: string): SentMessageRow | null;
  findSentForMessage(messageRowId: number): number | null;
  receiptsOf(sentMessageId: number): ReceiptRow[];
  deliveriesOf(sentMessageId: number): DeliveryRow[];
  unlinkedReceiptsCount(): number;
  /** "Ricevute da verificare": receipts not counted as proof (alterata, non firmata, contradictory, disagreeing headers, integra once an index is imported), newest first. */
  receiptsToVerify(offset: number, limit: number): { total: number; rows: ReceiptToVerifyRow[] };
  /** How many stored receipts have each verdict level ('unjudged': stored before verdicts existed, not re-checked yet). */
  receiptLevels(): Record<TrustLevel | 'unjudged', number>;
  /** The receipt row of a stored receipt message (its link, proof and problems); null for any other message. */
  receiptOfMessage(messageRowId: number): ReceiptRow | null;
  dac(sentMessageId: number): DacCounters;
  campaignDac(campaignId: number): DacCounters;
  sentStats(): SentStats[];
}

/** The providers' index and the verdicts on signed PEC objects. */
export interface TrustStore {
  /** The providers' index verdicts are judged against now (null: none imported). */
  currentTrustIndex(): ProviderIndexSnapshot | null;
  /** How many stored signed PEC objects (receipts, envelopes, anomalies) a re-check goes through. */
  signedObjectsCount(): number;
  /** The next `limit` signed PEC objects after row id `afterId`, with the stored facts their verdict rests on. */
  signedObjectsAfter(afterId: number, limit: number): StoredSignedFacts[];
  /** Stores new verdicts (and facts, for rows judged before they were stored); proof, statuses and counters follow in the same write. Returns how many changed level. */
  saveVerdicts(updates: VerdictUpdate[]): number;
  /** Files a providers' index version: the LDIF bytes fsynced under provider-index/, then its row. It becomes the one in force. */
  recordProviderIndex(input: NewProviderIndexVersion): RecordIndexResult;
  /** The providers' index version in force (the latest recorded), or null. */
  currentProviderIndex(): ProviderIndexVersionRow | null;
  /** The id of the version in force, or null (one indexed read). */
  currentProviderIndexId(): number | null;
  providerIndexVersion(versionId: number): ProviderIndexVersionRow | null;
  /** Every recorded version, oldest first. */
  providerIndexVersions(): ProviderIndexVersionRow[];
  /** The providers of a version, as parsed when it was imported. */
  providerIndexProviders(versionId: number): StoredProvider[] | null;
  /** The LDIF bytes of a version exactly as imported, checked against their SHA-256. */
  readProviderIndexRaw(versionId: number): RawReadResult | null;
  providerIndexState(): ProviderIndexState;
  /** Sets the given fields (null removes one). */
  updateProviderIndexState(patch: Partial<ProviderIndexState>): void;
}

/** Accounts, and those removed but kept readable. */
export interface AccountsStore {
  saveAccount(input: AccountInput): SaveAccountResult;
  listAccounts(): AccountRow[];
  /**
   * Removes an account ('delete' by default): 'archive' keeps its folders, messages and sent evidence
   * read-only (it leaves listAccounts, so nothing syncs or sends for it); 'delete' removes its rows and
   * then the raw files no other row names.
   */
  removeAccount(accountId: number, mode?: RemoveAccountMode): boolean;
  /** Accounts removed with 'archive', whose mail stays readable. */
  listArchivedAccounts(): ArchivedAccountRow[];
}

/** Folders, where messages sit on the server and the sync state of each folder. */
export interface FoldersStore {
  upsertFolder(accountId: number, folder: FolderInput): number;
  listFolders(accountId?: number): FolderSummary[];
  removeFolder(folderId: number): void;
  /** Follows a server RENAME: the folder (at oldPath) and its subfolders take newPath, keeping ids, messages and sync state. */
  renameFolder(folderId: number, oldPath: string, newPath: string, delimiter: string): void;
  folderSyncState(folderId: number): FolderSyncState | null;
  setFolderSyncState(folderId: number, state: FolderSyncState): void;
  folderUids(folderId: number): number[];
  removeLocations(folderId: number, uids: number[]): void;
  /** Moves a message's location to another folder and UID, flags kept, in one transaction; false if the store had none there. */
  moveLocation(fromFolderId: number, fromUid: number, toFolderId: number, toUid: number): boolean;
  /** moveLocation for many locations in one transaction; returns how many moved. */
  moveLocations(moves: LocationMove[]): number;
  setServerFlags(folderId: number, uid: number, flags: string[]): void;
  /** What the store knows of a server mailbox, for the sync to compare with the server. */
  readonly mailboxLocations: MailboxLocations;
}

/** Rules for incoming mail. */
export interface RulesStore {
  /** Rules for incoming mail, in the order they run. */
  listRules(): RuleRow[];
  /** Adds a rule at the end (no id) or replaces one; its id, or null when the rule or its account does not exist. */
  saveRule(input: RuleInput): number | null;
  deleteRule(ruleId: number): boolean;
  /** Sets the order the rules run in; false unless `ruleIds` names every rule once. */
  reorderRules(ruleIds: number[]): boolean;
}

/** The send queue: bulk sends (campaigns, their per-recipient queue and view, drafts' lists, templates), single PEC as tasks, and which process sends for an account. */
export interface CampaignsStore {
  createCampaign(input: { accountId?: number | null; subject: string; state?: string }): number;
  /** The campaigns rows, their files and their recipients as the composer gave them. */
  readonly campaigns: CampaignRepo;
  /** The per-recipient send queue and its state machine. */
  readonly sendQueue: RecipientQueue;
  /** The campaign view's reads: each recipient's status, counters, who is late. */
  readonly campaignRecipients: CampaignRecipientRows;
  /** Named campaign messages to start new ones from. */
  readonly campaignTemplates: TemplateRows;
  /** Which process sends for each account. */
  readonly sendLeases: SendLeaseRows;
  /** Single PEC in the send queue: enqueue one, and where its sending stands. */
  readonly sendTasks: SendTasks;
  /** The recipient lists of bulk-send drafts: added in chunks, paged and counted where they are kept. */
  readonly campaignDrafts: CampaignDraftRecipients;
}

/** The local database and raw-message store of PecDesk: every role over one database. */
export interface Store
  extends StoreLifecycle, MessagesStore, SearchStore, ReceiptsStore, TrustStore, AccountsStore, FoldersStore, RulesStore, CampaignsStore {
  /** Contacts, groups, the PEC evidence of addresses, remembered import layouts. */
  readonly contacts: ContactsStore;
}
