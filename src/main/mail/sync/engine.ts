// One account's sync engine: owns its imapflow connection, runs every IMAP operation one at a
// time, keeps INBOX open in IDLE for new mail, re-syncs everything now and then, reconnects with
// backoff after a drop (resuming where the folder syncs stopped), and closes cleanly on dispose().
// Engines share nothing, so several accounts sync side by side.
import type { ImapFlow } from 'imapflow';
import { createAnalyzerPool, type AnalyzerPool } from '../../pec';
import type { ConnectionStage } from '../../accounts';
import { backoffDelay } from './backoff';
import { MailboxNotices, type FolderContext } from './context';
import { isInbox, syncFolderTree, type FolderTree } from './folder-tree';
import { syncMailbox } from './folder-sync';
import { LocalState, type MailboxView } from './local-state';
import { createFolder, deleteFolder, renameFolder } from './folder-ops';
import { deleteMessages, moveMessages, type ActionContext, type ActionOutcome } from './message-actions';
import { readQuota } from './quota';
import { applyRulesTo } from './rules-apply';
import { closeSession, connectionGone, openSession, type PasswordSource } from './session';
import { freeBytesAsync, isDiskFull, LOW_SPACE_BYTES } from '../../store';
import { actionWords, diskFullWords, failureWords, retryWords, STATE_WORDS } from './status-words';
import type {
  CreateFolderRequest, DeleteRequest, FolderOpResult, FolderReport, MessageActionResult, MoveRequest, QuotaResult, RenameFolderRequest, RuleNotice, RulesResult,
  SyncEngine, SyncEngineOptions, SyncErrorCode, SyncFailure, SyncResult, SyncStatus,
} from './types';

// A full disk is checked for room every 20 s: new mail waits on the disk, not on the 5-minute poll.
const DEFAULT_TIMING = { idleDelayMs: 1000, pollIntervalMs: 5 * 60_000, backoffInitialMs: 1000, backoffMaxMs: 60_000, diskFullRetryMs: 20_000 };
// Several notifications of one change (EXISTS then FETCH) end up in one sync.
const EVENT_DEBOUNCE_MS = 150;
const PROGRESS_EVERY_MS = 200;

type Connected = { ok: true; client: ImapFlow } | SyncFailure;

/** Creates the sync engine of one account; nothing connects before syncAll() or start(). Settings are read once: after an account changes, dispose it and create another. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  return new AccountSync(options);
}

class AccountSync implements SyncEngine {
  readonly accountId: number;
  private readonly timing: typeof DEFAULT_TIMING;
  private readonly passwordSource: PasswordSource;
  private readonly local: LocalState;
  private readonly notices = new MailboxNotices();
  private client: ImapFlow | null = null;
  private tree: FolderTree | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** A full sync asked for and not started yet: requests that come meanwhile share it. */
  private waitingSyncAll: Promise<SyncResult> | null = null;
  private busy = false;
  private live = false;
  private disposed = false;
  private loop: Promise<void> | null = null;
  /** The keep-in-sync loop is running (it ends on a refused password): it reports its own retries. */
  private looping = false;
  /** The loop's own sync is running: a connection it cannot open is the loop's to report. */
  private loopAttempting = false;
  private disposing: Promise<void> | null = null;
  private wakeOnDisconnect: (() => void) | null = null;
  private wakeFromSleep: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private eventTimer: NodeJS.Timeout | null = null;
  /** Set while a full disk stopped the sync: the next look at the free space. */
  private spaceTimer: NodeJS.Timeout | null = null;
  private readonly changedPaths = new Set<string>();
  private lastProgressAt = 0;
  /** The INBOX state (UIDVALIDITY:UIDNEXT:EXISTS) a catch-up sync was last asked for. */
  private inboxCaughtUpAt = '';
  private current: SyncStatus;
  /** Classifies fetched messages on worker threads; started by the first sync that files mail, closed by dispose(). */
  private analyzer: AnalyzerPool | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.accountId = Number(options.account.id);
    if (!Number.isInteger(this.accountId)) throw new Error(`sync engine: account id ${String(options.account.id)} is not a store row id`);
    if (options.password !== undefined) this.passwordSource = { password: options.password };
    else if (options.passwordOf) this.passwordSource = { read: options.passwordOf };
    else if (options.secretStore) this.passwordSource = { secretStore: options.secretStore, key: String(options.account.id) };
    else throw new Error('sync engine: give a password, passwordOf or a secretStore');
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.local = new LocalState(options.store);
    this.current = { accountId: this.accountId, state: 'not-started', message: STATE_WORDS.notStarted };
  }

  status(): SyncStatus {
    return this.current;
  }

  syncAll(): Promise<SyncResult> {
    // "Ricevi" pressed again, the poll timer or IDLE news while a full sync waits its turn add
    // nothing to that sync: they share it rather than queue one full sync each, which on a slow
    // server would pile up faster than they run.
    if (this.waitingSyncAll) return this.waitingSyncAll;
    const run = this.exclusive(
      (client) => {
        if (this.waitingSyncAll === run) this.waitingSyncAll = null;
        return this.syncEverything(client);
      },
      (result) => this.reportOutcome(result),
    );
    this.waitingSyncAll = run;
    void run.finally(() => {
      if (this.waitingSyncAll === run) this.waitingSyncAll = null;
    });
    return run;
  }

  syncFolder(path: string): Promise<SyncResult> {
    return this.exclusive((client) => this.syncPath(client, path), (result) => this.reportOutcome(result));
  }

  moveMessages(request: MoveRequest): Promise<MessageActionResult> {
    return this.act((ctx) => moveMessages(ctx, request));
  }

  deleteMessages(request: DeleteRequest): Promise<MessageActionResult> {
    return this.act((ctx) => deleteMessages(ctx, request));
  }

  createFolder(request: CreateFolderRequest): Promise<FolderOpResult | SyncFailure> {
    return this.treeChange((ctx) => createFolder(ctx, request));
  }

  renameFolder(request: RenameFolderRequest): Promise<FolderOpResult | SyncFailure> {
    return this.treeChange((ctx) => renameFolder(ctx, request));
  }

  deleteFolder(folderId: number): Promise<FolderOpResult | SyncFailure> {
    return this.treeChange((ctx) => deleteFolder(ctx, folderId));
  }

  quota(): Promise<QuotaResult | SyncFailure> {
    return this.exclusive((client) => readQuota(client), () => this.settled());
  }

  applyRules(folderId: number): Promise<RulesResult | SyncFailure> {
    return this.exclusive((client) => applyRulesTo(this.actionContext(client), folderId, (notice) => this.ruleNotice(notice)), () => this.settled());
  }

  start(): void {
    if (this.loop || this.disposed) return;
    this.live = true;
    this.loop = this.keepInSync();
    // IDLE watches INBOX only: the other folders are compared on this timer.
    this.pollTimer = setInterval(() => {
      if (this.client?.usable) void this.syncAll();
    }, this.timing.pollIntervalMs);
  }

  dispose(): Promise<void> {
    this.disposing ??= this.shutdown();
    return this.disposing;
  }

  private async shutdown(): Promise<void> {
    this.disposed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.eventTimer) clearTimeout(this.eventTimer);
    if (this.spaceTimer) clearTimeout(this.spaceTimer);
    this.wakeFromSleep?.();
    this.wakeOnDisconnect?.();
    const client = this.client;
    this.client = null;
    if (client) {
      // Mid-operation there is nothing to say goodbye to: closing makes the operation end at once.
      if (this.busy) client.close();
      else await closeSession(client);
    }
    await this.loop;
    await this.queue;
    // Left open, its threads would keep the process (and a test run) alive; a shared pool is its owner's to close.
    if (!this.options.sharedAnalyzer) await this.analyzer?.close();
    this.setStatus({ state: 'closed', message: STATE_WORDS.closed });
  }

  /** Connect, sync, IDLE until the connection drops, wait, again; stops on a wrong password. */
  private async keepInSync(): Promise<void> {
    this.looping = true;
    try {
      await this.syncUntilStopped();
    } finally {
      this.looping = false;
    }
  }

  private async syncUntilStopped(): Promise<void> {
    let attempt = 0;
    while (!this.disposed) {
      this.loopAttempting = true;
      const result = await this.syncAll().finally(() => (this.loopAttempting = false));
      if (this.disposed) return;
      let failure: SyncFailure;
      if (result.ok) {
        attempt = 0;
        await this.untilDisconnected();
        if (this.disposed) return;
        failure = this.failure('connection-lost', 'the connection to the server closed');
      } else {
        failure = result;
      }
      if (failure.code === 'auth-failed' || failure.code === 'no-password') {
        this.setStatus({ state: 'stopped', code: failure.code, stage: failure.stage, message: failure.message });
        return;
      }
      const delay = backoffDelay(attempt++, { initialMs: this.timing.backoffInitialMs, maxMs: this.timing.backoffMaxMs });
      this.log('warn', 'IMAP sync will retry', { code: failure.code, detail: failure.detail, delayMs: delay });
      this.setStatus({ state: 'retrying', code: failure.code, stage: failure.stage, message: retryWords(failure.message, delay), retryInMs: delay });
      await this.sleep(delay);
    }
  }

  /** Runs one IMAP operation after the previous ones, on a connection opened if needed; `settle` reports its outcome. */
  private exclusive<T>(operation: (client: ImapFlow) => Promise<T>, settle: (result: T | SyncFailure) => void): Promise<T | SyncFailure> {
    const run = this.queue.then(async (): Promise<T | SyncFailure> => {
      if (this.disposed) return this.failure('disposed', 'the sync engine was disposed');
      const before = this.current;
      const connected = await this.connect();
      if (!connected.ok) {
        this.connectionFailed(connected, before);
        return connected;
      }
      const { client } = connected;
      this.busy = true;
      this.setStatus({ state: 'syncing', message: STATE_WORDS.syncing });
      let result: T | SyncFailure;
      try {
        result = await operation(client);
      } catch (err) {
        result = this.failureFromThrow(client, err);
      } finally {
        this.busy = false;
      }
      if (this.live && !this.disposed && client.usable) await this.reopenInbox(client);
      settle(result);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * connect() said "connecting": a connection it could not open must not leave it so. The loop's
   * own attempt is followed by its retry; an operation asked for while the loop waits to retry
   * leaves that wait shown; otherwise (a one-off sync, the quota asked for after a refused password
   * stopped the loop) the failure is the status.
   */
  private connectionFailed(failure: SyncFailure, before: SyncStatus): void {
    if (this.disposed || this.loopAttempting) return;
    if (this.looping) {
      const { accountId: _accountId, ...waiting } = before;
      this.setStatus(waiting);
    } else {
      this.setStatus({ state: 'stopped', code: failure.code, stage: failure.stage, message: failure.message });
    }
  }

  private async connect(): Promise<Connected> {
    if (this.client?.usable) return { ok: true, client: this.client };
    const { imap } = this.options.account;
    this.setStatus({ state: 'connecting', message: STATE_WORDS.connecting(imap.host) });
    // A new session is followed by a sync: the classifying threads load while it logs in and lists.
    this.analyzerPool().warm();
    const session = await openSession(imap, this.passwordSource, this.options.connect ?? {}, this.timing.idleDelayMs);
    if (!session.ok) return this.failure(session.code, session.detail, session.stage);
    if (this.disposed) {
      await closeSession(session.client);
      return this.failure('disposed', 'the sync engine was disposed');
    }
    this.watch(session.client);
    this.client = session.client;
    this.log('info', 'IMAP connected', { host: imap.host, port: imap.port, capabilities: [...session.client.enabled].join(' ') });
    return session;
  }

  /** Server notices are remembered for the next sync, and while started, a change of a mailbox brings a sync of it. */
  private watch(client: ImapFlow): void {
    client.on('expunge', (event) => {
      this.notices.expunged(event);
      this.mailboxChanged(event.path);
    });
    client.on('exists', (event) => this.announced(event.path));
    client.on('flags', (event) => this.announced(event.path));
    client.on('mailboxClose', (mailbox) => this.notices.unwatch(mailbox.path));
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = null;
      this.wakeOnDisconnect?.();
    });
  }

  /** New messages or flag changes of a mailbox: remembered for the quick check, and synced while started. */
  private announced(path: string): void {
    this.notices.touched(path);
    this.mailboxChanged(path);
  }

  private mailboxChanged(path: string): void {
    // While the disk is full a sync can only fail again (and its own FETCH raises more events):
    // the wait for space syncs everything once there is room.
    if (!this.live || this.disposed || this.spaceTimer) return;
    this.changedPaths.add(path);
    if (this.eventTimer) return;
    this.eventTimer = setTimeout(() => {
      this.eventTimer = null;
      const paths = [...this.changedPaths];
      this.changedPaths.clear();
      for (const p of paths) void this.syncFolder(p);
    }, EVENT_DEBOUNCE_MS);
  }

  /**
   * A move or deletion on this account's connection, between syncs. A server without UIDPLUS
   * names no new UIDs: the destination is synced at once, so the messages show there now rather
   * than at the next poll.
   */
  private act(action: (ctx: ActionContext) => Promise<ActionOutcome>): Promise<MessageActionResult> {
    return this.exclusive(
      async (client): Promise<MessageActionResult> => {
        let outcome: ActionOutcome;
        try {
          outcome = await action(this.actionContext(client));
        } catch (err) {
          if (connectionGone(client)) throw err;
          // A NO to SELECT (the folder was deleted by another client meanwhile) and the like.
          outcome = { ok: false, code: 'server-refused', detail: err instanceof Error ? err.message : String(err) };
        }
        if (!outcome.ok) return { ...outcome, message: actionWords(outcome.code) };
        if (outcome.resync) await this.syncPath(client, outcome.resync.path);
        return { ok: true, count: outcome.count, permanently: outcome.permanently };
      },
      (result) => this.reportAction(result),
    );
  }

  private actionContext(client: ImapFlow): ActionContext {
    return { client, store: this.options.store, local: this.local, accountId: this.accountId };
  }

  /** A change to the folder tree: the next folder sync lists the tree again rather than trust the one it knew. */
  private treeChange(change: (ctx: ActionContext) => Promise<FolderOpResult>): Promise<FolderOpResult | SyncFailure> {
    return this.exclusive(async (client) => {
      const outcome = await change(this.actionContext(client));
      if (outcome.ok) this.tree = null;
      return outcome;
    }, () => this.settled());
  }

  /** After an operation other than a sync: the connection is known to work, unless it failed under it. */
  private settled(): void {
    if (!this.disposed && this.client?.usable) this.setStatus({ state: 'idle', message: STATE_WORDS.idle });
  }

  private ruleNotice(notice: RuleNotice): void {
    this.notify(() => this.options.onRuleNotice?.(notice));
  }

  private async syncPath(client: ImapFlow, path: string): Promise<SyncResult> {
    let view = this.tree?.mailboxes.find((m) => m.path === path);
    if (!view) {
      this.tree = await syncFolderTree(client, this.options.store, this.accountId, this.options.account, this.local);
      view = this.tree.mailboxes.find((m) => m.path === path);
    }
    if (!view || !this.tree) return this.failure('folder-failed', `there is no folder "${path}" on the server`);
    return { ok: true, folders: [await this.syncOne(client, view, this.tree)] };
  }

  private async syncEverything(client: ImapFlow): Promise<SyncResult> {
    this.tree = await syncFolderTree(client, this.options.store, this.accountId, this.options.account, this.local);
    const folders: FolderReport[] = [];
    for (const view of this.tree.mailboxes) {
      if (this.disposed) break;
      folders.push(await this.syncOne(client, view, this.tree));
    }
    return { ok: true, folders };
  }

  private analyzerPool(): AnalyzerPool {
    return (this.analyzer ??= this.options.sharedAnalyzer ?? createAnalyzerPool(this.options.analyzer));
  }

  /** Syncs one mailbox; a failure of that mailbox alone becomes its report's error. */
  private async syncOne(client: ImapFlow, view: MailboxView, tree: FolderTree): Promise<FolderReport> {
    const ctx: FolderContext = {
      client,
      store: this.options.store,
      analyzer: this.analyzerPool(),
      local: this.local,
      view,
      receipts: isInbox(view.path) ? tree.receipts : null,
      notices: this.notices,
      progress: (done, total) => this.progress(view.path, done, total),
      rules: isInbox(view.path) ? { accountId: this.accountId, notify: (notice) => this.ruleNotice(notice) } : null,
      arrived: [],
    };
    try {
      const report = await syncMailbox(ctx);
      if (report.error) this.log('warn', `IMAP sync of ${view.path} incomplete`, { ...report.error });
      return report;
    } catch (err) {
      if (connectionGone(client)) throw err;
      const detail = err instanceof Error ? err.message : String(err);
      this.log('warn', `IMAP sync of ${view.path} failed`, { detail });
      return { path: view.path, folderId: view.folderId, added: 0, removed: 0, flagsFromServer: 0, flagsToServer: 0, receiptsFiled: 0, uidValidityReset: false, error: { code: 'folder-failed', detail } };
    }
  }

  /** INBOX selected again after an operation, so that imapflow's IDLE watches it, and caught up with. */
  private async reopenInbox(client: ImapFlow): Promise<void> {
    try {
      const lock = await client.getMailboxLock('INBOX');
      lock.release();
    } catch (err) {
      this.log('warn', 'INBOX could not be selected for IDLE', { detail: err instanceof Error ? err.message : String(err) });
      return;
    }
    this.catchUpInbox(client);
  }

  /**
   * Mail that reached INBOX while another folder was selected is announced by nothing: the SELECT
   * that reopens INBOX states the new EXISTS/UIDNEXT as its starting point (imapflow raises
   * 'exists' only for changes of a mailbox already open), and the IDLE that follows reports only
   * changes after that point. Without this check it would wait for the next poll. Each server
   * state is acted on once, so a message the store cannot take does not make the sync spin.
   */
  private catchUpInbox(client: ImapFlow): void {
    const mailbox = client.mailbox;
    const view = this.tree?.mailboxes.find((m) => isInbox(m.path));
    if (!mailbox || !view || mailbox.path !== view.path) return;
    const stored = this.options.store.folderSyncState(view.folderId);
    const behind = !stored || stored.uidNext === null || mailbox.uidNext > stored.uidNext || mailbox.exists !== this.local.count(view);
    const seen = `${mailbox.uidValidity}:${mailbox.uidNext}:${mailbox.exists}`;
    if (!behind || seen === this.inboxCaughtUpAt) return;
    this.inboxCaughtUpAt = seen;
    this.announced(view.path);
  }

  private failureFromThrow(client: ImapFlow, err: unknown): SyncFailure {
    const detail = err instanceof Error ? err.message : String(err);
    if (!connectionGone(client)) return this.failure('folder-failed', detail);
    if (this.client === client) this.client = null;
    client.close();
    return this.failure('connection-lost', detail);
  }

  private reportOutcome(result: SyncResult): void {
    if (this.disposed) return;
    const diskFull = this.diskFullIn(result);
    if (diskFull !== null) {
      this.log('warn', 'IMAP sync stopped by a full disk', { detail: diskFull });
      this.setStatus({ state: this.live ? 'retrying' : 'stopped', code: 'disk-full', message: diskFullWords(this.timing.diskFullRetryMs), retryInMs: this.live ? this.timing.diskFullRetryMs : undefined });
      if (this.live) this.waitForSpace();
      return;
    }
    if (!result.ok) {
      // While the loop runs, it reports the retry; otherwise the sync reports the failure itself.
      if (!this.looping) this.setStatus({ state: 'stopped', code: result.code, stage: result.stage, message: result.message });
      return;
    }
    const problem = result.folders.find((f) => f.error)?.error;
    if (problem) this.setStatus({ state: 'idle', code: problem.code, message: failureWords(problem.code, this.options.account.imap.host) });
    else this.setStatus({ state: 'idle', message: STATE_WORDS.idle });
  }

  /** The detail of a failure caused by a full disk (ENOSPC, SQLITE_FULL) in the sync or one of its folders, else null. */
  private diskFullIn(result: SyncResult): string | null {
    const details = result.ok ? result.folders.flatMap((f) => (f.error ? [f.error.detail] : [])) : [result.detail];
    return details.find((detail) => isDiskFull(detail)) ?? null;
  }

  /**
   * While started, a sync stopped by a full disk is tried again as soon as there is room: free
   * space is read every diskFullRetryMs, without waiting for new mail or the poll. What was
   * filed stays filed and each folder resumes from its saved UIDNEXT, so nothing is fetched twice.
   */
  private waitForSpace(): void {
    if (this.spaceTimer || this.disposed) return;
    this.spaceTimer = setTimeout(() => {
      void (async () => {
        const free = await freeBytesAsync(this.options.store.dir);
        this.spaceTimer = null;
        if (this.disposed) return;
        if (free !== null && free < LOW_SPACE_BYTES) return this.waitForSpace();
        await this.syncAll();
      })();
    }, this.timing.diskFullRetryMs);
  }

  /** After a move or deletion the connection is known to work, unless it failed under it. */
  private reportAction(result: MessageActionResult): void {
    if (this.disposed) return;
    if (this.client?.usable) this.setStatus({ state: 'idle', message: STATE_WORDS.idle });
    else if (!this.looping && !result.ok) this.setStatus({ state: 'stopped', code: 'connection-lost', message: result.message });
  }

  private failure(code: SyncErrorCode, detail: string, stage?: ConnectionStage): SyncFailure {
    const { host } = this.options.account.imap;
    return { ok: false, code, detail, message: failureWords(code, host, stage), host, ...(stage ? { stage } : {}) };
  }

  private untilDisconnected(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.client || this.disposed) return resolve();
      this.wakeOnDisconnect = () => {
        this.wakeOnDisconnect = null;
        resolve();
      };
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeFromSleep?.(), ms);
      this.wakeFromSleep = () => {
        this.wakeFromSleep = null;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private progress(folder: string, done: number, total: number): void {
    const now = Date.now();
    if (done !== 0 && done !== total && now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    this.notify(() => this.options.onProgress?.({ accountId: this.accountId, folder, done, total }));
  }

  private setStatus(status: Omit<SyncStatus, 'accountId'>): void {
    // A code comes with the server it is about; a stage only where one is known.
    const { stage, ...rest } = status;
    this.current = { accountId: this.accountId, ...(status.code ? { host: this.options.account.imap.host } : {}), ...rest, ...(stage ? { stage } : {}) };
    this.notify(() => this.options.onStatus?.(this.current));
  }

  /** A listener's failure is its own bug: logged, never allowed to stop the sync. */
  private notify(call: () => void): void {
    try {
      call();
    } catch (err) {
      this.log('error', 'sync listener failed', { detail: err instanceof Error ? err.message : String(err) });
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string, data: Record<string, unknown>): void {
    this.options.logger?.[level](message, { accountId: this.accountId, ...data });
  }
}
