// The store as one object: opens <dir>/pecdesk.sqlite (WAL, foreign keys, migrations) and the
// raw-message folder next to it, and gathers the operations of the files around it.
// Synchronous on purpose (better-sqlite3): the CLI and the tests call it directly. The app calls it on
// the main process today; the contacts import opens its own in a worker so a long import never stalls
// a window (CONTRIBUTING.md "Heavy work off the main process").
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DacCounters } from '../../shared/pec';
import type { TrustLevel } from '../../shared/trust';
import { countsAsProof, loadCurrentIndex, type ProviderIndexSnapshot } from '../trust';
import { ChangeTracker } from './changes';
import { DacQueries } from './dac';
import { MessageDrafts } from './drafts';
import { WalSync } from './deferred-sync';
import { importMessage, importMessages, importSentMessage, importStoredMessages, type ImportItem, type ImportSentResult } from './import';
import { Ingester, type IngestInput, type IngestResult } from './ingest';
import { Linker } from './link';
import { backupDue, backupNow, backupOnline, type BackupFile } from './backup';
import { freeBytes, isDiskFullAt, LOW_SPACE_BYTES } from './disk-space';
import { checkBeforeOpen, checkDatabase, DATABASE_NAME, StoreDamagedError } from './integrity';
import { migrate, migrations } from './migrations';
import { AnnotationQueries } from './queries/annotations';
import { AccountRemoval, type ArchivedAccountRow, type RemoveAccountMode } from './queries/account-removal';
import { AccountQueries, type SaveAccountResult } from './queries/accounts';
import { ArchiveQueries } from './queries/archive';
import { NoticeQueries } from './queries/notices';
import { FolderQueries } from './queries/folders';
import { MessageQueries } from './queries/messages';
import { RuleQueries } from './queries/rules';
import { ProviderIndexQueries, type RecordIndexResult } from './provider-index';
import { SentQueries } from './queries/sent';
import { removeRawFiles, sha256Hex, writeRawBatch, type RawReadResult, type RawWriteResult } from './rawStore';
import { fileSentCopies, fileSentCopy, type SentCopyInput } from './sent-copy';
import { VerdictQueries, type StoredSignedFacts, type VerdictUpdate } from './queries/verdicts';
import { SentRecorder, type RecordSentResult, type SubmissionStatus } from './sent';
import type {
  AccountInput, AccountRow, ArchiveCandidate, AwaitingDeliveryRow, ArchiveScope, ChangeListener, DeliveryRow, FolderInput, FolderSummary, FolderSyncState, ImportedSummary, ListMessagesOptions, LocationMove,
  MessageDetail, MessageLocation, MessageNote, MessagePage, RuleInput, RuleRow, TagCount, NewProviderIndexVersion, NewSentMessage, ProviderIndexState, ProviderIndexVersionRow, ReceiptRow,
  ReceiptToVerifyRow, SearchMessagesOptions, SentMessageRow, SentStats, StoredProvider,
} from './types';

/** The local database and raw-message store of PecDesk. */
export interface Store {
  /** The folder holding pecdesk.sqlite and raw/. */
  readonly dir: string;
  /** The schema version after migrations (PRAGMA user_version). */
  readonly schemaVersion: number;
  /** The database handle, for other domains' own tables and reads (contacts, the sync's local state). Write messages through the methods. */
  readonly db: Database.Database;
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
  /** Sent PEC (not of a bulk send) recorded by `cutoff` (ISO 8601) whose recipients still wait for a consegna. */
  awaitingDelivery(cutoff: string): AwaitingDeliveryRow[];
  /** Messages matching every FTS5 term in their subject, senders (cover and postacert.eml), body text or attachment names, listed like a folder. */
  searchMessages(options: SearchMessagesOptions): MessagePage;
  setSeen(messageRowIds: number[], seen: boolean): void;
  flagChangesToPush(): MessageLocation[];
  unreadableMessagesCount(): number;

  /** Lists a message sent from PecDesk in its account's Sent folder at once (pending until the sync files the server's copy); null without a Sent folder. */
  fileSentCopy(input: SentCopyInput): Promise<IngestResult | null>;
  /** fileSentCopy for many (a bulk send's), in one commit; bytes already stored as their sent message's are not written again. */
  fileSentCopies(inputs: SentCopyInput[]): Promise<(IngestResult | null)[]>;
  /**
   * Puts the bytes of messages about to be sent in the raw store, side by side, each file and its
   * folder fsynced when the promise resolves; recordSent then names them by rawSha256. Results in order.
   */
  storeSentRaw(raws: Buffer[]): Promise<RawWriteResult[]>;
  /** Records a sent message and its recipients, and links the receipts that came before it. */
  recordSent(input: NewSentMessage): RecordSentResult;
  /** Records a sent message from its raw bytes: To/Cc as recipients, its Message-ID as key. */
  importSentMessage(raw: Buffer, accountId?: number): Promise<ImportSentResult>;
  setSentStatus(sentMessageId: number, status: SubmissionStatus): boolean;
  createCampaign(input: { accountId?: number | null; subject: string; state?: string }): number;
  getSent(sentMessageId: number): SentMessageRow | null;
  /** The bytes a sent message was submitted with, checked against their SHA-256; null when it was recorded without them. */
  readSentRaw(sentMessageId: number): RawReadResult | null;
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
  /** The providers' index verdicts are judged against now (null: none imported). */
  currentTrustIndex(): ProviderIndexSnapshot | null;
  /** How many stored signed PEC objects (receipts, envelopes, anomalies) a re-check goes through. */
  signedObjectsCount(): number;
  /** The next `limit` signed PEC objects after row id `afterId`, with the stored facts their verdict rests on. */
  signedObjectsAfter(afterId: number, limit: number): StoredSignedFacts[];
  /** Stores new verdicts (and facts, for rows judged before they were stored); proof, statuses and counters follow in the same write. Returns how many changed level. */
  saveVerdicts(updates: VerdictUpdate[]): number;
  dac(sentMessageId: number): DacCounters;
  campaignDac(campaignId: number): DacCounters;
  sentStats(): SentStats[];

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
  /** Messages whose note matches an FTS5 MATCH expression, ascending ids. */
  messagesWithNote(match: string): number[];
  /** Rules for incoming mail, in the order they run. */
  listRules(): RuleRow[];
  /** Adds a rule at the end (no id) or replaces one; its id, or null when the rule or its account does not exist. */
  saveRule(input: RuleInput): number | null;
  deleteRule(ruleId: number): boolean;
  /** Sets the order the rules run in; false unless `ruleIds` names every rule once. */
  reorderRules(ruleIds: number[]): boolean;
}

const databaseFile = (dir: string) => path.join(dir, DATABASE_NAME);

/** Whether dir already holds a store (for commands that only read one). */
export function hasStore(dir: string): boolean {
  return fs.existsSync(databaseFile(dir));
}

/** What a caller may give openStore. */
export interface OpenStoreOptions {
  /** Create a new database even though raw/ holds messages (`pecdesk db reindex` files them again). */
  rebuild?: boolean;
  /** The providers' index in force, read when a signed PEC object is filed; by default the one imported into this store. */
  trustIndex?: () => ProviderIndexSnapshot | null;
  /** The caller has just run checkStoreFile on this folder (in the background at start): skip the quick_check here. */
  checked?: boolean;
}

/** The options of openStore (the name the verdict code uses). */
export type StoreOptions = OpenStoreOptions;

/**
 * Opens (creating if needed) the store in dir and brings its schema up to date. A database that
 * fails its check (0 bytes, not SQLite, damaged pages) throws StoreDamagedError before anything
 * is written into it. A copy goes to backups/ before migrations and once a day.
 */
export function openStore(dir: string, options: OpenStoreOptions = {}): Store {
  const file = databaseFile(dir);
  const lost = checkBeforeOpen(dir, file);
  if (lost && !(options.rebuild && lost.code === 'db-missing')) throw new StoreDamagedError(lost);
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(file);
  try {
    // Checked before the first write (even the WAL switch writes the header): a damaged file is
    // left exactly as it is for `pecdesk db restore` to set aside.
    const damage = options.checked ? null : checkDatabase(db);
    if (damage) throw new StoreDamagedError(damage);
    fs.mkdirSync(path.join(dir, 'raw'), { recursive: true });
    // WAL lets the UI read while the sync writes. FULL syncs the WAL at every commit: a sent
    // message recorded just before a power cut must still be there when its receipts arrive.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // The CLI and the app may hold the same store: wait for the other's write instead of failing.
    db.pragma('busy_timeout = 5000');
    const before = db.pragma('user_version', { simple: true }) as number;
    // A new store has nothing to keep; an existing one is copied before its schema changes.
    if (before > 0 && before < migrations.length) backupNow(db, dir, before);
    const schemaVersion = migrate(db);
    // The planner needs statistics to pick the list and count indexes over a grown folder; the
    // store lives as long as the app, so SQLite's advice is optimize=0x10002 at open (every table,
    // bounded by analysis_limit, a no-op when nothing changed much) and plain optimize at close.
    optimizeIfRoom(db, dir, 'optimize = 0x10002');
    const dailyBackup = before > 0 && backupDue(dir) && roomForBackup(dir) ? backupOnline(db, dir, schemaVersion).catch(() => null) : Promise.resolve(null);
    return buildStore(dir, db, schemaVersion, dailyBackup, options);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Result of tryOpenStore: the store, or a damaged database, a full disk, or another reason it cannot open. */
export type OpenStoreResult =
  | { ok: true; store: Store }
  | { ok: false; code: 'store-unavailable' | 'store-damaged' | 'disk-full'; detail: string };

/** openStore for callers that report failures (unwritable folder, newer schema, damaged file, full disk) instead of crashing. */
export function tryOpenStore(dir: string, options: OpenStoreOptions = {}): OpenStoreResult {
  try {
    return { ok: true, store: openStore(dir, options) };
  } catch (err) {
    if (err instanceof StoreDamagedError) return { ok: false, code: 'store-damaged', detail: err.message };
    const detail = `cannot open the store in ${dir}: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, code: isDiskFullAt(err, dir) ? 'disk-full' : 'store-unavailable', detail };
  }
}

function buildStore(dir: string, db: Database.Database, schemaVersion: number, dailyBackup: Promise<BackupFile | null>, options: OpenStoreOptions): Store {
  const changes = new ChangeTracker(db);
  const linker = new Linker(db, changes);
  // By default the index imported into this store, its snapshot cached per version by trust/.
  // eslint-disable-next-line prefer-const -- assigned once the object below exists
  let self: Store;
  const trustIndex = options.trustIndex ?? ((): ProviderIndexSnapshot | null => loadCurrentIndex(self));
  const ingester = new Ingester(db, dir, changes, linker, trustIndex);
  const verdicts = new VerdictQueries(db, changes, linker);
  const dac = new DacQueries(db);
  const messages = new MessageQueries(db, dir, changes, dac);
  const sentRecorder = new SentRecorder(db, dir, changes, linker);
  const sent = new SentQueries(db, dir);
  const accounts = new AccountQueries(db, changes);
  const removal = new AccountRemoval(db, changes);
  const folders = new FolderQueries(db, changes);
  const providerIndex = new ProviderIndexQueries(db, dir, changes);
  const annotations = new AnnotationQueries(db, changes);
  const rules = new RuleQueries(db, changes);
  const archive = new ArchiveQueries(db);
  const notices = new NoticeQueries(db);
  const walSync = new WalSync(db, `${db.name}-wal`);
  self = {
    dir,
    schemaVersion,
    db,
    close: () => {
      // Closing twice (a test's clean-up after the service closed it) is harmless, as for a file handle.
      if (!db.open) return;
      optimizeIfRoom(db, dir, 'optimize');
      // Its descriptor first, so SQLite can remove the WAL on every system.
      walSync.close();
      db.close();
    },
    dailyBackup,
    onChange: (listener) => changes.onChange(listener),
    drafts: new MessageDrafts(db, changes),
    deferSync: (write) => walSync.deferSync(write),
    ingest: (input) => ingester.ingest(input),
    ingestBatch: (inputs) => ingester.ingestBatch(inputs),
    importMessage: (raw, extra) => importMessage(ingester, raw, extra),
    importMessages: (items) => importMessages(ingester, items),
    readMessageRaw: (id) => messages.readMessageRaw(id),
    getMessage: (id) => messages.getMessage(id),
    listMessages: (options) => messages.listMessages(options),
    importedSummary: () => messages.importedSummary(),
    archiveCandidates: (scope) => archive.candidates(scope),
    latestMessageRowId: () => notices.latestMessageRowId(),
    awaitingDelivery: (cutoff) => notices.awaitingDelivery(cutoff),
    searchMessages: (options) => messages.searchMessages(options),
    setSeen: (ids, seen) => messages.setSeen(ids, seen),
    flagChangesToPush: () => messages.flagChangesToPush(),
    unreadableMessagesCount: () => messages.unreadableMessagesCount(),
    recordSent: (input) => sentRecorder.recordSent(input),
    importSentMessage: (raw, accountId) => importSentMessage(sentRecorder, raw, accountId),
    setSentStatus: (id, status) => sentRecorder.setSentStatus(id, status),
    createCampaign: (input) => sentRecorder.createCampaign(input),
    getSent: (id) => sent.getSent(id),
    readSentRaw: (id) => sent.readSentRaw(id),
    findSentByMessageId: (messageId) => sent.findSentByMessageId(messageId),
    findSentForMessage: (id) => sent.findSentForMessage(id),
    receiptsOf: (id) => sent.receiptsOf(id),
    deliveriesOf: (id) => sent.deliveriesOf(id),
    unlinkedReceiptsCount: () => sent.unlinkedReceiptsCount(),
    receiptsToVerify: (offset, limit) => sent.receiptsToVerify(offset, limit),
    receiptOfMessage: (id) => sent.receiptOfMessage(id),
    receiptLevels: () => sent.receiptLevels(),
    currentTrustIndex: () => trustIndex(),
    signedObjectsCount: () => verdicts.count(),
    signedObjectsAfter: (afterId, limit) => verdicts.after(afterId, limit),
    saveVerdicts: (updates) => verdicts.save(updates, countsAsProof),
    dac: (id) => dac.dac(id),
    campaignDac: (id) => dac.campaignDac(id),
    sentStats: () => dac.sentStats(),
    saveAccount: (input) => accounts.saveAccount(input),
    listAccounts: () => accounts.listAccounts(),
    removeAccount: (id, mode = 'delete') => {
      const result = removal.removeAccount(id, mode);
      // After the commit: a crash in between leaves a file no row names, never a row without its file.
      removeRawFiles(dir, result.unreferencedRaw);
      return result.removed;
    },
    listArchivedAccounts: () => removal.listArchives(),
    upsertFolder: (accountId, folder) => folders.upsertFolder(accountId, folder),
    listFolders: (accountId) => folders.listFolders(accountId),
    removeFolder: (id) => folders.removeFolder(id),
    renameFolder: (id, oldPath, newPath, delimiter) => folders.renameFolder(id, oldPath, newPath, delimiter),
    folderSyncState: (id) => folders.folderSyncState(id),
    setFolderSyncState: (id, state) => folders.setFolderSyncState(id, state),
    folderUids: (id) => folders.folderUids(id),
    removeLocations: (id, uids) => folders.removeLocations(id, uids),
    moveLocation: (fromFolderId, fromUid, toFolderId, toUid) => folders.moveLocations([{ fromFolderId, fromUid, toFolderId, toUid }]) === 1,
    moveLocations: (moves) => folders.moveLocations(moves),
    setServerFlags: (id, uid, flags) => folders.setServerFlags(id, uid, flags),
    recordProviderIndex: (input) => providerIndex.record(input),
    currentProviderIndex: () => providerIndex.currentVersion(),
    currentProviderIndexId: () => providerIndex.currentVersionId(),
    providerIndexVersion: (id) => providerIndex.version(id),
    providerIndexVersions: () => providerIndex.versions(),
    providerIndexProviders: (id) => providerIndex.providers(id),
    readProviderIndexRaw: (id) => providerIndex.readRaw(id),
    providerIndexState: () => providerIndex.state(),
    updateProviderIndexState: (patch) => providerIndex.updateState(patch),
    fileSentCopy: (input) => fileSentCopy(self, input),
    tagsOf: (ids) => annotations.tagsOf(ids),
    setTag: (ids, tag, on) => annotations.setTag(ids, tag, on),
    allTags: () => annotations.allTags(),
    noteOf: (id) => annotations.noteOf(id),
    setNote: (id, text) => annotations.setNote(id, text),
    messagesWithNote: (match) => annotations.messagesWithNote(match),
    listRules: () => rules.listRules(),
    saveRule: (input) => rules.saveRule(input),
    deleteRule: (id) => rules.deleteRule(id),
    reorderRules: (ids) => rules.reorderRules(ids),
    fileSentCopies: (inputs) => fileSentCopies(self, (items) => importStoredMessages(ingester, items), inputs),
    storeSentRaw: (raws) => writeRawBatch(dir, raws.map((raw) => ({ raw, sha256: sha256Hex(raw) }))),
  };
  return self;
}

/**
 * PRAGMA optimize (at open and at close) is only an update of the planner's statistics: on a full
 * disk it fails (and used to turn every command's end into an internal error), so it is skipped
 * when space is short and never allowed to throw.
 */
function optimizeIfRoom(db: Database.Database, dir: string, pragma: 'optimize' | 'optimize = 0x10002'): void {
  const free = freeBytes(dir);
  if (free !== null && free < LOW_SPACE_BYTES) return;
  try {
    db.pragma(pragma);
  } catch {
    // Best-effort by nature: the next open's optimize catches up.
  }
}

/** A daily copy must not take the room new mail needs: it waits for twice the database's size free. */
function roomForBackup(dir: string): boolean {
  const free = freeBytes(dir);
  return free === null || free > 2 * fs.statSync(databaseFile(dir)).size + LOW_SPACE_BYTES;
}
