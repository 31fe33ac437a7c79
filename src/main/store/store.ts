// The store as one object: opens <dir>/pecdesk.sqlite (WAL, foreign keys, migrations) and the
// raw-message folder next to it, and gathers the operations of the files around it.
// Synchronous on purpose (better-sqlite3): the CLI and the tests call it directly. The app calls it on
// the main process today; the contacts import opens its own in a worker so a long import never stalls
// a window (CONTRIBUTING.md "Heavy work off the main process").
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { countsAsProof, type ProviderIndexSnapshot } from '../proof';
import { loadCurrentIndex } from './current-index';
import { ChangeTracker } from './changes';
import { CampaignRepo } from './campaigns/campaign-repo';
import { RecipientQueue } from './campaigns/recipient-queue';
import { CampaignRecipientRows } from './campaigns/recipient-rows';
import { SendLeaseRows } from './campaigns/send-lease-rows';
import { TemplateRows } from './campaigns/template-rows';
import { contactsStore } from './contacts';
import { DacQueries } from './dac';
import { MessageDrafts } from './drafts';
import { SendTasks } from './send-tasks';
import { CampaignDraftRecipients } from './campaign-drafts';
import { WalSync } from './deferred-sync';
import { importMessage, importMessages, importSentMessage, importStoredMessages } from './import';
import { Ingester } from './ingest';
import { Linker } from './link';
import { backupDue, backupNow, backupOnline, type BackupFile } from './backup';
import { freeBytes, isDiskFullAt, LOW_SPACE_BYTES } from './disk-space';
import { checkBeforeOpen, checkDatabase, DATABASE_NAME, StoreDamagedError } from './integrity';
import { migrate, migrations } from './migrations';
import { AnnotationQueries } from './queries/annotations';
import { AccountRemoval } from './queries/account-removal';
import { AccountQueries } from './queries/accounts';
import { ArchiveQueries } from './queries/archive';
import { MailboxLocations } from './queries/mailbox-locations';
import { RawReferences } from './queries/raw-references';
import { NoticeQueries } from './queries/notices';
import { FolderQueries } from './queries/folders';
import { MessageQueries } from './queries/messages';
import { RuleQueries } from './queries/rules';
import { ProviderIndexQueries } from './provider-index';
import { SentQueries } from './queries/sent';
import { writeSentPack } from './packStore';
import { removeRawFiles } from './rawStore';
import { fileSentCopies, fileSentCopy } from './sent-copy';
import { VerdictQueries } from './queries/verdicts';
import { SentRecorder } from './sent';
import type { Store } from './roles';

export type { Store } from './roles';

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
    // Statement journals in memory: every INSERT that fires a trigger keeps one, and on disk (the
    // default) a 10,000-message sync wrote ~1 GB to deleted temp files, 4 KB a call (ARCHITECTURE.md
    // "Where a stored message's time goes"). A crash loses nothing with it: it only undoes a failed statement.
    db.pragma('temp_store = MEMORY');
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
  const rawReferences = new RawReferences(db);
  const campaigns = new CampaignRepo(db, changes, { createCampaign: (input) => sentRecorder.createCampaign(input), readSentRaw: (id) => sent.readSentRaw(id) });
  self = {
    dir,
    schemaVersion,
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
    sendTasks: new SendTasks(db, changes, (input) => sentRecorder.recordSent(input)),
    campaignDrafts: new CampaignDraftRecipients(db),
    deferSync: (write) => walSync.deferSync(write),
    ingest: (input) => ingester.ingest(input),
    ingestBatch: (inputs) => ingester.ingestBatch(inputs),
    importMessage: (raw, extra) => importMessage(ingester, raw, extra),
    importMessages: (items) => importMessages(ingester, items),
    readMessageRaw: (id) => messages.readMessageRaw(id),
    rawHashesNamed: () => rawReferences.all(),
    getMessage: (id) => messages.getMessage(id),
    listMessages: (options) => messages.listMessages(options),
    importedSummary: () => messages.importedSummary(),
    archiveCandidates: (scope) => archive.candidates(scope),
    latestMessageRowId: () => notices.latestMessageRowId(),
    awaitingDelivery: (cutoff) => notices.awaitingDelivery(cutoff),
    markMissingNotified: (ids, at) => notices.markMissingNotified(ids, at),
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
    sentStoredBytes: (id) => sent.sentStoredBytes(id),
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
    fileSentCopy: (input) => fileSentCopy(self, (items, places) => importStoredMessages(ingester, items, places), input),
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
    fileSentCopies: (inputs) => fileSentCopies(self, (items, places) => importStoredMessages(ingester, items, places), inputs),
    storeSentRaw: (raws) => writeSentPack(dir, raws),
    mailboxLocations: new MailboxLocations(db),
    contacts: contactsStore(db, changes),
    campaigns,
    sendQueue: new RecipientQueue(db, {
      storeSentRaw: (raws) => self.storeSentRaw(raws),
      readSentRaw: (id) => sent.readSentRaw(id),
      recordSent: (input) => sentRecorder.recordSent(input),
      setSentStatus: (id, status) => sentRecorder.setSentStatus(id, status),
      deferSync: (write) => walSync.deferSync(write),
    }, campaigns),
    campaignRecipients: new CampaignRecipientRows(db, changes),
    campaignTemplates: new TemplateRows(db),
    sendLeases: new SendLeaseRows(db),
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
