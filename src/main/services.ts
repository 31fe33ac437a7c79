// Builds PecDesk's services from a config: the one place that wires store, accounts, mail and
// contacts together. The Electron app, the web bridge, the CLI and the tests all start here, so
// they run the same core.
import path from 'node:path';
import {
  AccountsService,
  copySecrets,
  FileKeySecretStore,
  MasterPasswordSecretStore,
  headlessPassphrase,
  storeAccountsStorage,
  type Account,
  type AccountErrorCode,
  type AccountRemovalMode,
  type AccountResult,
  type ConnectOptions,
  type SecretStore,
} from './accounts';
import { Contacts, ImportWorker } from './contacts';
import { openLog, silentLog, type AppLog } from './diagnostics';
import {
  actionWords, createSyncEngine, type CreateFolderRequest, type DeleteRequest, type FolderOpResult, type MessageActionResult, type MoveRequest, type QuotaResult,
  type RenameFolderRequest, type RuleNotice, type RulesResult, type SyncEngine, type SyncFailure, type SyncProgress, type SyncResult, type SyncStatus,
} from './mail';
import { createAnalyzerPool } from './pec';
import { createSendEngine, type SendEngine } from './send';
import { logServiceEvents } from './service-log';
import { openStore, type Store } from './store';
import { ProviderIndexService, type IndexServiceOptions } from './trust';

/** The secrets file of each SecretStore in a data folder (their formats differ, so never shared). */
export const SECRETS_FILES = { safeStorage: 'secrets.json', fileKey: 'secrets-headless.json', masterPassword: 'secrets-master.json' } as const;

/**
 * Passwords kept behind a master password because the system keychain protects nothing
 * ("basic_text" on Linux without a keyring) or is missing. `legacy` is the keychain store that
 * may hold passwords saved before: they move behind the master password when it is created.
 */
export interface SecretsGate {
  reason: 'basic-text' | 'unavailable';
  store: MasterPasswordSecretStore;
  legacy?: SecretStore;
}

/** A SecretsGate in a data folder, for the app on a system without a real keychain (and the web bridge trying that path). */
export function masterPasswordGate(dataDir: string, reason: SecretsGate['reason'], legacy?: SecretStore): SecretsGate {
  return { reason, store: new MasterPasswordSecretStore(path.join(dataDir, SECRETS_FILES.masterPassword)), legacy };
}

/** How passwords are kept, as the UI explains it. */
export interface SecretsStatus {
  /** keychain: the OS keychain; master-password: behind a password the user types; key-file: a key file in the data folder (CLI, web bridge). */
  mode: 'keychain' | 'master-password' | 'key-file';
  state: 'not-set' | 'locked' | 'unlocked';
  reason: SecretsGate['reason'] | null;
}

/** The SecretStore for runs without a desktop keychain (CLI, web bridge, tests): key from $PECDESK_SECRET_KEY or <dataDir>/secret.key. */
export function headlessSecretStore(dataDir: string): SecretStore {
  return new FileKeySecretStore(path.join(dataDir, SECRETS_FILES.fileKey), headlessPassphrase(dataDir));
}

/** What the services need from their host. */
export interface ServicesConfig {
  /** Holds pecdesk.sqlite, raw/ and preferences. */
  dataDir: string;
  /** Where account passwords are kept (safeStorage in the app, a key file headless). */
  secrets: SecretStore;
  /** TLS options for mail servers (e.g. the PEC sandbox's own CA). */
  connect?: ConnectOptions;
  /** Where the rotated log goes (<dataDir>/logs in the app and the web bridge); none when absent. */
  logDir?: string;
  /** Clock and download of the providers' index (tests). */
  providerIndex?: IndexServiceOptions;
  /** What `secrets` is, for the UI: the OS keychain (the app) or a key file (default). */
  secretsMode?: 'keychain' | 'key-file';
  /** Instead of `secrets`' mode: passwords behind a master password; background work waits for it. */
  secretsGate?: SecretsGate;
  /** The database was just checked (core.ts runs the check in the background): openStore skips its own. */
  storeChecked?: boolean;
  /** How long a bulk-send message whose submission was interrupted may still turn out accepted (tests: seconds; default the send domain's). */
  reconcileGraceMs?: number;
}

/** What the sync engines report, for the UI's status line and the accounts' sync state. */
export type SyncEvent =
  | { kind: 'progress'; progress: SyncProgress }
  | { kind: 'status'; status: SyncStatus }
  | { kind: 'result'; accountId: number; result: SyncResult }
  | { kind: 'rule-notice'; notice: RuleNotice };

/** One sync engine per account, created from the stored accounts. */
export interface MailSync {
  /** Keeps every account in sync in the background (IDLE on INBOX, periodic full syncs). */
  start(): Promise<void>;
  /** Syncs one account, or all, once now; resolves with each account's result. */
  syncNow(accountId?: string): Promise<SyncResult[]>;
  onEvent(listener: (event: SyncEvent) => void): () => void;
  /** Moves messages to another folder of the same account, on its server and then in the store. */
  moveMessages(request: MoveRequest): Promise<MessageActionResult>;
  /** Moves messages to their account's Trash or, confirmed, deletes them from its server; their stored bytes stay. */
  deleteMessages(request: DeleteRequest): Promise<MessageActionResult>;
  /** Creates a folder on the account's server (under a folder of it, or at the top), then in the store. */
  createFolder(accountId: string, request: CreateFolderRequest): Promise<FolderOpResult | SyncFailure>;
  /** Renames or moves a folder on its account's server, then in the store. */
  renameFolder(request: RenameFolderRequest): Promise<FolderOpResult | SyncFailure>;
  /** Deletes an empty folder on its account's server, then in the store. */
  deleteFolder(folderId: number): Promise<FolderOpResult | SyncFailure>;
  /** Runs the rules for incoming mail on every message of a folder now. */
  applyRules(folderId: number): Promise<RulesResult | SyncFailure>;
  /** Each account's storage quota, asked of its server now. */
  quotas(): Promise<{ accountId: number; quota: QuotaResult | SyncFailure }[]>;
  /** Re-reads the accounts: new ones get an engine, changed ones a fresh one, removed ones none. */
  refresh(): Promise<void>;
  dispose(): Promise<void>;
}

/** The running core of PecDesk. */
export interface Services {
  readonly dataDir: string;
  readonly store: Store;
  readonly accounts: AccountsService;
  readonly contacts: Contacts;
  /** The spreadsheet import's thread: the wizard's steps run there, one after the other. */
  readonly importWorker: ImportWorker;
  readonly connect: ConnectOptions;
  /** Creates or updates an account with its password, and (re)starts its sync engine. */
  saveAccount(settings: unknown, password?: string): Promise<AccountResult<Account>>;
  /** Removes an account, its password and its sync engine; its mail stays as a read-only archive or is deleted. */
  removeAccount(accountId: string, mode: AccountRemovalMode): Promise<AccountResult<void>>;
  /** How passwords are kept and whether they are unlocked. */
  secretsStatus(): SecretsStatus;
  /** Unlocks passwords kept behind the master password; background work starts then. */
  unlockSecrets(password: string): Promise<AccountResult<SecretsStatus>>;
  /** Sets the master password the first time, moving passwords saved in the weak keychain behind it. */
  createMasterPassword(password: string): Promise<AccountResult<SecretsStatus>>;
  readonly mail: MailSync;
  /** Bulk sending: campaigns, the paced queue, tracking and the evidence export. */
  readonly send: SendEngine;
  /** The app's log: sync and send problems land here by themselves; hosts add their own events. */
  readonly log: AppLog;
  /** The providers' index (RFC 6109): import, download, the weekly update, the re-check of verdicts. */
  readonly providerIndex: ProviderIndexService;
  /** Closes the store and everything opened on its behalf. */
  close(): Promise<void>;
}

function createMailSync(store: Store, accounts: AccountsService, config: ServicesConfig): MailSync {
  const engines = new Map<string, { engine: SyncEngine; settings: string }>();
  const listeners = new Set<(event: SyncEvent) => void>();
  const emit = (event: SyncEvent) => listeners.forEach((l) => l(event));
  let live = false;
  // One set of classifying threads for every account (started with the first sync, see pec/pool.ts).
  const analyzer = createAnalyzerPool();

  const engineFor = (account: Account): SyncEngine => {
    const fingerprint = JSON.stringify(account);
    const existing = engines.get(account.id);
    if (existing && existing.settings === fingerprint) return existing.engine;
    void existing?.engine.dispose();
    const engine = createSyncEngine({
      store,
      account,
      // Through the accounts service: the password goes only to the servers it was saved for.
      passwordOf: () => accounts.passwordFor(account),
      connect: config.connect,
      onProgress: (progress) => emit({ kind: 'progress', progress }),
      onStatus: (status) => emit({ kind: 'status', status }),
      onRuleNotice: (notice) => emit({ kind: 'rule-notice', notice }),
      sharedAnalyzer: analyzer,
    });
    engines.set(account.id, { engine, settings: fingerprint });
    if (live) engine.start();
    return engine;
  };

  const refresh = async () => {
    const list = (await accounts.list()).accounts;
    for (const account of list) engineFor(account);
    for (const [id, { engine }] of engines) {
      if (!list.some((a) => a.id === id)) {
        engines.delete(id);
        await engine.dispose();
      }
    }
  };

  /** The engine of the account a folder belongs to (the engine checks the rest of the request). */
  const engineOfFolder = async (folderId: number): Promise<SyncEngine | null> => {
    const folder = store.listFolders().find((f) => f.id === folderId);
    if (!folder) return null;
    if (!engines.has(String(folder.accountId))) await refresh();
    return engines.get(String(folder.accountId))?.engine ?? null;
  };
  const noFolder = (folderId: number): FolderOpResult => ({ ok: false, code: 'no-such-folder', detail: `there is no folder ${folderId} of a configured account` });
  const engineOfAccount = async (accountId: string): Promise<SyncEngine | null> => {
    if (!engines.has(accountId)) await refresh();
    return engines.get(accountId)?.engine ?? null;
  };
  const noSuchFolder = (folderId: number): MessageActionResult => ({
    ok: false,
    code: 'no-such-folder',
    detail: `there is no folder ${folderId} of a configured account`,
    message: actionWords('no-such-folder'),
  });

  return {
    async start() {
      live = true;
      await refresh();
      for (const { engine } of engines.values()) engine.start();
    },
    async syncNow(accountId) {
      await refresh();
      const chosen = [...engines.entries()].filter(([id]) => accountId === undefined || id === accountId);
      return Promise.all(
        chosen.map(async ([, { engine }]) => {
          const result = await engine.syncAll();
          emit({ kind: 'result', accountId: engine.accountId, result });
          return result;
        }),
      );
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async moveMessages(request) {
      const engine = await engineOfFolder(request.fromFolderId);
      return engine ? engine.moveMessages(request) : noSuchFolder(request.fromFolderId);
    },
    async deleteMessages(request) {
      const engine = await engineOfFolder(request.folderId);
      return engine ? engine.deleteMessages(request) : noSuchFolder(request.folderId);
    },
    async createFolder(accountId, request) {
      const engine = await engineOfAccount(accountId);
      return engine ? engine.createFolder(request) : { ok: false, code: 'no-such-folder', detail: `there is no account ${accountId}` };
    },
    async renameFolder(request) {
      const engine = await engineOfFolder(request.folderId);
      return engine ? engine.renameFolder(request) : noFolder(request.folderId);
    },
    async deleteFolder(folderId) {
      const engine = await engineOfFolder(folderId);
      return engine ? engine.deleteFolder(folderId) : noFolder(folderId);
    },
    async applyRules(folderId) {
      const engine = await engineOfFolder(folderId);
      return engine ? engine.applyRules(folderId) : { ok: false, code: 'no-such-folder', detail: `there is no folder ${folderId} of a configured account` };
    },
    async quotas() {
      await refresh();
      return Promise.all([...engines.values()].map(async ({ engine }) => ({ accountId: engine.accountId, quota: await engine.quota() })));
    },
    refresh,
    async dispose() {
      live = false;
      await Promise.all([...engines.values()].map(({ engine }) => engine.dispose()));
      engines.clear();
      await analyzer.close();
    },
  };
}

/** Opens the store in dataDir and builds the services over it. */
export async function createServices(config: ServicesConfig): Promise<Services> {
  const store = openStore(config.dataDir, { checked: config.storeChecked });
  const gate = config.secretsGate;
  const accounts = new AccountsService(storeAccountsStorage(store), gate ? gate.store : config.secrets);
  const mail = createMailSync(store, accounts, config);
  const contacts = new Contacts(store);
  const importWorker = new ImportWorker();
  const send = createSendEngine({ store, accounts, connect: config.connect, reconcileGraceMs: config.reconcileGraceMs, pecStatus: (address) => contacts.pecStatus(address) });
  const log = config.logDir ? openLog(config.logDir) : silentLog;
  const stopLogging = logServiceEvents(log, mail, send, store);
  const providerIndex = new ProviderIndexService(store, config.providerIndex);
  // Background work (sync, resumed campaigns) needs the passwords: behind a locked gate it waits.
  let startWanted = false;
  let started = false;
  const startBackground = async () => {
    startWanted = true;
    // The providers' index is downloaded on first run and then weekly (checked now and once a day): it needs no password.
    providerIndex.start();
    if (started || (gate && gate.store.state() !== 'unlocked')) return;
    started = true;
    await mail.start();
    send.resumeInterrupted();
  };
  const secretsStatus = (): SecretsStatus =>
    gate ? { mode: 'master-password', state: gate.store.state(), reason: gate.reason } : { mode: config.secretsMode ?? 'key-file', state: 'unlocked', reason: null };
  const opened = async (result: { ok: true } | { ok: false; code: AccountErrorCode; detail: string }): Promise<AccountResult<SecretsStatus>> => {
    if (!result.ok) return result;
    if (startWanted) await startBackground();
    return { ok: true, value: secretsStatus() };
  };
  return {
    contacts,
    importWorker,
    mail: {
      ...mail,
      // The long-running hosts (app, web bridge) start the background work here, and a campaign
      // that was sending when the process died goes on with it: the user started it, and the queue
      // knows exactly who was already sent to (doubtful messages are reconciled first). One-shot
      // runs (CLI, tests) never call start, so they never send on their own.
      start: startBackground,
    },
    send,
    log,
    providerIndex,
    dataDir: config.dataDir,
    store,
    accounts,
    connect: config.connect ?? {},
    async saveAccount(input, password) {
      const saved = await accounts.save(input, password);
      if (saved.ok) await mail.refresh();
      return saved;
    },
    secretsStatus,
    async unlockSecrets(password) {
      if (!gate) return { ok: true, value: secretsStatus() };
      return opened(await gate.store.unlock(password));
    },
    async createMasterPassword(password) {
      if (!gate) return { ok: false, code: 'invalid-settings', detail: 'passwords are kept by the system keychain here: no master password is needed' };
      const created = await gate.store.create(password);
      if (!created.ok) return created;
      if (gate.legacy) {
        // Passwords saved in the weak keychain move behind the master password; those it cannot read are typed again.
        const ids = (await accounts.list()).accounts.map((a) => a.id);
        const copied = await copySecrets(gate.legacy, gate.store, ids);
        if (copied.ok) for (const id of ids) await gate.legacy.delete(id);
      }
      return opened({ ok: true });
    },
    async removeAccount(accountId, mode) {
      const removed = await accounts.remove(accountId, mode);
      await mail.refresh();
      return removed;
    },
    async close() {
      stopLogging();
      providerIndex.stop();
      await providerIndex.idle();
      await send.dispose();
      await mail.dispose();
      await importWorker.close();
      // A daily backup still copying would be abandoned by the close: let it finish.
      await store.dailyBackup;
      store.close();
    },
  };
}
