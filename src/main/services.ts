// Builds PecDesk's services from a config: the one place that wires store, accounts, mail and
// contacts together. The Electron app, the web bridge, the CLI and the tests all start here, so
// they run the same core.
import path from 'node:path';
import {
  AccountsService,
  FileKeySecretStore,
  headlessPassphrase,
  storeAccountsStorage,
  type Account,
  type AccountResult,
  type ConnectOptions,
  type SecretStore,
} from './accounts';
import { Contacts } from './contacts';
import {
  actionWords, createSyncEngine, type DeleteRequest, type MessageActionResult, type MoveRequest, type SyncEngine, type SyncProgress, type SyncResult, type SyncStatus,
} from './mail';
import { createSendEngine, type SendEngine } from './send';
import { openStore, type Store } from './store';
import { loadCurrentIndex, ProviderIndexService, type IndexServiceOptions } from './trust';

/** The secrets file of each SecretStore in a data folder (their formats differ, so never shared). */
export const SECRETS_FILES = { safeStorage: 'secrets.json', fileKey: 'secrets-headless.json' } as const;

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
  /** Clock and download of the providers' index (tests). */
  providerIndex?: IndexServiceOptions;
}

/** What the sync engines report, for the UI's status line and the accounts' sync state. */
export type SyncEvent =
  | { kind: 'progress'; progress: SyncProgress }
  | { kind: 'status'; status: SyncStatus }
  | { kind: 'result'; accountId: number; result: SyncResult };

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
  readonly connect: ConnectOptions;
  /** Creates or updates an account with its password, and (re)starts its sync engine. */
  saveAccount(settings: unknown, password?: string): Promise<AccountResult<Account>>;
  /** Removes an account, its password and its sync engine (stored messages stay: evidence). */
  removeAccount(accountId: string): Promise<AccountResult<void>>;
  readonly mail: MailSync;
  /** Bulk sending: campaigns, the paced queue, tracking and the evidence export. */
  readonly send: SendEngine;
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

  const engineFor = (account: Account): SyncEngine => {
    const fingerprint = JSON.stringify(account);
    const existing = engines.get(account.id);
    if (existing && existing.settings === fingerprint) return existing.engine;
    void existing?.engine.dispose();
    const engine = createSyncEngine({
      store,
      account,
      secretStore: config.secrets,
      connect: config.connect,
      onProgress: (progress) => emit({ kind: 'progress', progress }),
      onStatus: (status) => emit({ kind: 'status', status }),
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
    refresh,
    async dispose() {
      live = false;
      await Promise.all([...engines.values()].map(({ engine }) => engine.dispose()));
      engines.clear();
    },
  };
}

/** Opens the store in dataDir and builds the services over it. */
export async function createServices(config: ServicesConfig): Promise<Services> {
  // Signed PEC objects are judged at ingest against the providers' index imported into this same
  // store (the store's own default has none: store/ does not reach trust/).
  const store: Store = openStore(config.dataDir, { trustIndex: () => loadCurrentIndex(store) });
  const accounts = new AccountsService(storeAccountsStorage(store), config.secrets);
  const mail = createMailSync(store, accounts, config);
  const contacts = new Contacts(store);
  const send = createSendEngine({ store, accounts, connect: config.connect, pecStatus: (address) => contacts.pecStatus(address) });
  const providerIndex = new ProviderIndexService(store, config.providerIndex);
  return {
    contacts,
    mail: {
      ...mail,
      // The long-running hosts (app, web bridge) start the background work here, and a campaign
      // that was sending when the process died goes on with it: the user started it, and the queue
      // knows exactly who was already sent to (doubtful messages are reconciled first). One-shot
      // runs (CLI, tests) never call start, so they never send on their own. The providers' index
      // is downloaded here on first run and then weekly (checked now and once a day).
      async start() {
        await mail.start();
        send.resumeInterrupted();
        providerIndex.start();
      },
    },
    send,
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
    async removeAccount(accountId) {
      const removed = await accounts.remove(accountId);
      await mail.refresh();
      return removed;
    },
    async close() {
      providerIndex.stop();
      await providerIndex.idle();
      await send.dispose();
      await mail.dispose();
      store.close();
    },
  };
}
