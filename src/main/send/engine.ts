// The bulk-send engine: starts, pauses, resumes and cancels campaigns on the user's command, runs
// one AccountRunner per account (accounts send in parallel, each within its own rate limit), and
// watches for late deliveries. What it does is written to the store, whose change stream tells the
// UI (store-changed 'campaigns'); only notices that are no row (a runner's trouble, recipients that
// just became late) are told here, with onNotice.
//
// The user starts every send explicitly (some provider contracts forbid unattended automated
// sending); the one exception is a campaign that was sending when the process died:
// resumeInterrupted() picks it up where the queue says it stopped, doubtful messages first.
import type { Account, AccountResult, ConnectOptions } from '../accounts';
import type { PecStatus } from '../contacts';
import { isDiskFull, type RecipientQueue, type Store } from '../store';
import { systemClock, type Clock } from './clock';
import { checkCampaign } from './checks';
import { sentAttachments } from './compose';
import { Campaigns } from './campaigns';
import { DEFAULT_RECONCILE_GRACE_MS } from './reconcile';
import { failureOf } from './failure-words';
import { AccountRunner, type AccountLoad, type PauseReason } from './runner';
import { SingleSends, type SingleSendInput, type SingleSendResult } from './single';
import type { CampaignResult, CampaignState, CheckReport, Pacing, SendNotice } from './types';

/** Where the engine reads accounts and passwords (AccountsService fits). */
export interface AccountSource {
  get(id: string): Promise<AccountResult<Account>>;
  password(id: string): Promise<AccountResult<string>>;
}

/** What createSendEngine needs; everything but store and accounts has a default. */
export interface SendEngineOptions {
  store: Store;
  accounts: AccountSource;
  /** TLS trust and timeouts for the mail servers. */
  connect?: ConnectOptions;
  clock?: Clock;
  /** How long a message whose submission was interrupted may still turn out accepted (default 120 s). */
  reconcileGraceMs?: number;
  /** After how long without a delivery receipt a recipient is late (default 24 h). */
  overdueAfterMs?: number;
  /** How often to look for late recipients; 0 = only when checkOverdue() is called (default 60 s). */
  overdueCheckEveryMs?: number;
  /** SMTP connections per account (default 1: PEC providers limit per mailbox anyway). */
  maxConnections?: number;
  /** Messages in flight per account at most (default 64; never more than one per SMTP connection). */
  window?: number;
  /** After a full disk stopped an account's sending, how often it tries again (default 20 s, like the sync's wait for room). */
  diskFullRetryMs?: number;
  /** The PEC badge of an address for the checks (the contacts domain's); a domain guess when absent. */
  pecStatus?: (address: string) => PecStatus;
}

/** The running bulk-send engine. */
export interface SendEngine {
  readonly campaigns: Campaigns;
  /** The pre-send checks and the estimate, with the campaign's account. */
  check(campaignId: number): Promise<CampaignResult<CheckReport>>;
  /** Starts sending (the user's explicit command); refused with the report when a check finds an error. */
  start(campaignId: number): Promise<CampaignResult<CheckReport>>;
  pause(campaignId: number): CampaignResult<void>;
  resume(campaignId: number): CampaignResult<void>;
  /** Cancels what was not sent yet; messages already submitted (or being submitted) are left alone. */
  cancel(campaignId: number): CampaignResult<{ cancelled: number }>;
  /**
   * Sends one PEC (the composer's) through the queue: files and enqueues it, then wakes the
   * account's runner. Resolves once it is enqueued; its state then is in the store
   * (Store.sendTasks, on the change stream as 'campaigns').
   */
  sendSingle(message: SingleSendInput): Promise<SingleSendResult>;
  /** After a restart: runs again the campaigns that were sending, reconciling doubtful messages first, and makes the Sent copies still due. */
  resumeInterrupted(): number[];
  /** Resolves when the campaign is done, cancelled or paused (or the engine disposed), with its state then. */
  whenSettled(campaignId: number): Promise<CampaignState>;
  /** The account's pacing now, or null when it is not sending. */
  pacing(accountId: number): Pacing | null;
  /** Reports recipients that became late (once each, across restarts); returns them. */
  checkOverdue(): { campaignId: number; recipients: { recipientId: number; address: string }[] }[];
  /** The notices: a runner's trouble ('problem'), recipients that just became late ('overdue'). */
  onNotice(listener: (notice: SendNotice) => void): () => void;
  /** Stops the runners (in-flight submissions finish) and the overdue watch. */
  dispose(): Promise<void>;
}

const SETTLED: ReadonlySet<CampaignState> = new Set(['done', 'cancelled', 'paused']);
const DISK_FULL_RETRY_MS = 20_000;

/** Creates the engine; nothing is sent until start() or resumeInterrupted(). */
export function createSendEngine(options: SendEngineOptions): SendEngine {
  return new Engine(options);
}

class Engine implements SendEngine {
  readonly campaigns: Campaigns;
  private readonly clock: Clock;
  private readonly queue: RecipientQueue;
  private readonly runners = new Map<number, AccountRunner>();
  private readonly running = new Set<Promise<void>>();
  private readonly listeners = new Set<(notice: SendNotice) => void>();
  private readonly settledWaiters = new Map<number, ((state: CampaignState) => void)[]>();
  private disposing: Promise<void> | null = null;
  private readonly disposed = new AbortController();
  private readonly overdueWatch: Promise<void>;
  private readonly singles: SingleSends;

  constructor(private readonly options: SendEngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.campaigns = new Campaigns(options.store, { clock: this.clock, overdueAfterMs: options.overdueAfterMs });
    this.queue = options.store.sendQueue;
    this.overdueWatch = this.watchOverdue(options.overdueCheckEveryMs ?? 60_000);
    this.singles = new SingleSends({
      store: options.store,
      repo: this.campaigns.repo,
      connect: options.connect ?? {},
      loadAccount: (id) => this.loadAccount(id),
    });
  }

  async sendSingle(message: SingleSendInput): Promise<SingleSendResult> {
    if (this.disposed.signal.aborted) return { ok: false, code: 'io', detail: 'the send engine is shutting down' };
    const queued = await this.singles.enqueue(message);
    if (queued.ok) this.ensureRunner(message.accountId);
    return queued;
  }

  async check(campaignId: number): Promise<CampaignResult<CheckReport>> {
    const row = this.campaigns.repo.get(campaignId);
    if (!row) return { ok: false, code: 'not-found', detail: `nessuna campagna con id ${campaignId}` };
    if (row.accountId === null) return { ok: false, code: 'account', detail: "l'account della campagna è stato rimosso" };
    const account = await this.options.accounts.get(String(row.accountId));
    if (!account.ok) return { ok: false, code: 'account', detail: account.detail };
    await this.campaigns.ensureZip(row);
    const report = await checkCampaign({
      campaign: row,
      recipients: this.campaigns.repo.recipients(campaignId),
      attachments: sentAttachments(this.campaigns.repo, row),
      settings: account.value,
      pecStatus: this.options.pecStatus,
    });
    if (row.state === 'draft' && !report.blocked) this.setState(campaignId, 'ready');
    return { ok: true, value: report };
  }

  async start(campaignId: number): Promise<CampaignResult<CheckReport>> {
    const row = this.campaigns.repo.get(campaignId);
    if (row && row.state !== 'draft' && row.state !== 'ready') {
      return { ok: false, code: 'wrong-state', detail: `la campagna ${campaignId} è ${row.state}: si avvia solo una bozza` };
    }
    const checked = await this.check(campaignId);
    if (!checked.ok) return checked;
    if (checked.value.blocked) {
      const errors = checked.value.findings.filter((f) => f.severity === 'error').map((f) => f.message);
      return { ok: false, code: 'checks-failed', detail: errors.join(' '), report: checked.value };
    }
    this.setState(campaignId, 'sending');
    this.ensureRunner(row!.accountId!);
    return checked;
  }

  pause(campaignId: number): CampaignResult<void> {
    return this.move(campaignId, ['sending'], 'paused');
  }

  resume(campaignId: number): CampaignResult<void> {
    const moved = this.move(campaignId, ['paused'], 'sending');
    if (moved.ok) this.ensureRunner(this.campaigns.repo.get(campaignId)!.accountId!);
    return moved;
  }

  cancel(campaignId: number): CampaignResult<{ cancelled: number }> {
    const row = this.campaigns.repo.get(campaignId);
    if (!row) return { ok: false, code: 'not-found', detail: `nessuna campagna con id ${campaignId}` };
    if (row.state === 'done' || row.state === 'cancelled') return { ok: false, code: 'wrong-state', detail: `la campagna ${campaignId} è ${row.state}` };
    const cancelled = this.queue.cancel(campaignId);
    this.setState(campaignId, 'cancelled');
    return { ok: true, value: { cancelled } };
  }

  resumeInterrupted(): number[] {
    for (const accountId of this.queue.accountsNeedingWork()) this.ensureRunner(accountId);
    this.singles.resumeSentCopies();
    return this.campaigns.repo.list().filter((c) => c.state === 'sending').map((c) => c.id);
  }

  whenSettled(campaignId: number): Promise<CampaignState> {
    const state = this.campaigns.repo.get(campaignId)?.state ?? 'cancelled';
    if (SETTLED.has(state)) return Promise.resolve(state);
    return new Promise((resolve) => this.settledWaiters.set(campaignId, [...(this.settledWaiters.get(campaignId) ?? []), resolve]));
  }

  pacing(accountId: number): Pacing | null {
    return this.runners.get(accountId)?.pacing() ?? null;
  }

  checkOverdue(): { campaignId: number; recipients: { recipientId: number; address: string }[] }[] {
    const late = this.campaigns.views.takeNewlyOverdue(this.campaigns.overdueCutoff(), new Date(this.clock.now()).toISOString());
    const byCampaign = new Map<number, { recipientId: number; address: string }[]>();
    for (const r of late) byCampaign.set(r.campaignId, [...(byCampaign.get(r.campaignId) ?? []), { recipientId: r.id, address: r.address }]);
    const reports = [...byCampaign].map(([campaignId, recipients]) => ({ campaignId, recipients }));
    for (const report of reports) this.emit({ kind: 'overdue', ...report });
    return reports;
  }

  onNotice(listener: (notice: SendNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): Promise<void> {
    this.disposing ??= this.shutdown();
    return this.disposing;
  }

  private async shutdown(): Promise<void> {
    this.disposed.abort();
    for (const runner of this.runners.values()) runner.stop();
    while (this.running.size) await Promise.all([...this.running]);
    await this.singles.settle();
    this.singles.dispose();
    await this.overdueWatch;
    this.listeners.clear();
    // Whoever waits for a campaign learns where it stands now (still 'sending' after a Ctrl-C).
    for (const [campaignId, waiters] of this.settledWaiters) {
      const state = this.campaigns.repo.get(campaignId)?.state ?? 'cancelled';
      for (const resolve of waiters) resolve(state);
    }
    this.settledWaiters.clear();
  }

  /** Starts the account's runner, or wakes it; a runner that ends with work left is started again. */
  private ensureRunner(accountId: number): void {
    if (this.disposed.signal.aborted) return;
    const existing = this.runners.get(accountId);
    if (existing) return existing.notify();
    const runner = new AccountRunner(accountId, {
      store: this.options.store,
      repo: this.campaigns.repo,
      queue: this.queue,
      clock: this.clock,
      connect: this.options.connect ?? {},
      graceMs: this.options.reconcileGraceMs ?? DEFAULT_RECONCILE_GRACE_MS,
      maxConnections: this.options.maxConnections ?? 1,
      window: this.options.window ?? 64,
      loadAccount: (id) => this.loadAccount(id),
      emit: (event) => this.emit(event),
      changed: (_accountId, campaignIds) => this.changed(campaignIds),
      pauseAccount: (id, why) => {
        for (const campaignId of this.campaigns.repo.sending(id)) this.setState(campaignId, 'paused', why);
      },
    });
    this.runners.set(accountId, runner);
    const run = runner.run().then(
      () => {
        this.runners.delete(accountId);
        this.running.delete(run);
        // Started or resumed while the runner was finishing: it must not be left waiting.
        if (this.campaigns.repo.sending(accountId).length > 0) this.ensureRunner(accountId);
      },
      (err: unknown) => {
        this.runners.delete(accountId);
        this.running.delete(run);
        if (isDiskFull(err)) return this.waitForRoom(accountId);
        // A bug, not a server answer: say so and stop; the queue stays as committed, consistent.
        this.emit({ kind: 'problem', accountId, code: 'account', detail: `errore interno: ${err instanceof Error ? err.message : String(err)}`, retryInMs: null });
      },
    );
    this.running.add(run);
  }

  /**
   * A full disk stopped the runner mid-commit: every commit is one transaction, so the queue is as
   * last committed (a message whose answer was not recorded stays doubtful and is reconciled, never
   * blindly resent). Say so in words and start the runner again every diskFullRetryMs: once there
   * is room it goes on by itself.
   */
  private waitForRoom(accountId: number): void {
    const every = this.options.diskFullRetryMs ?? DISK_FULL_RETRY_MS;
    const detail = `Disco pieno: l'invio è sospeso, nulla di già registrato è perso. Libera spazio sul disco e l'invio riprende da solo (controllo ogni ${Math.max(1, Math.round(every / 1000))} s).`;
    this.emit({ kind: 'problem', accountId, code: 'disk-full', detail, retryInMs: every });
    void this.clock.sleep(every, this.disposed.signal).then((woke) => {
      if (woke && this.campaigns.repo.sending(accountId).length > 0) this.ensureRunner(accountId);
    });
  }

  private async loadAccount(accountId: number): Promise<AccountLoad> {
    const account = await this.options.accounts.get(String(accountId));
    if (!account.ok) return { ok: false, detail: `Account ${accountId}: ${account.detail}`, pause: failureOf('account-unavailable') };
    const password = await this.options.accounts.password(String(accountId));
    if (!password.ok) {
      return { ok: false, detail: `Password dell'account ${account.value.address}: ${password.detail}`, pause: failureOf('password-unavailable', { address: account.value.address }) };
    }
    return { ok: true, value: { settings: account.value, password: password.value } };
  }

  /** After a commit of a runner: campaigns whose queue emptied are done (the commit itself told the change stream). */
  private changed(campaignIds: Set<number>): void {
    for (const id of campaignIds) {
      const row = this.campaigns.repo.get(id);
      if (row?.state === 'sending' && !this.queue.hasUnfinished(id)) this.setState(id, 'done');
    }
  }

  private move(campaignId: number, from: CampaignState[], to: CampaignState): CampaignResult<void> {
    const row = this.campaigns.repo.get(campaignId);
    if (!row) return { ok: false, code: 'not-found', detail: `nessuna campagna con id ${campaignId}` };
    if (!from.includes(row.state)) return { ok: false, code: 'wrong-state', detail: `la campagna ${campaignId} è ${row.state}` };
    this.setState(campaignId, to);
    if (to === 'sending' && !this.queue.hasUnfinished(campaignId)) this.setState(campaignId, 'done');
    return { ok: true, value: undefined };
  }

  private setState(campaignId: number, state: CampaignState, why: PauseReason | null = null): void {
    this.campaigns.repo.setState(campaignId, state, new Date(this.clock.now()).toISOString(), why?.reason ?? null, why ? JSON.stringify(why.values) : null);
    if (!SETTLED.has(state)) return;
    const waiters = this.settledWaiters.get(campaignId) ?? [];
    this.settledWaiters.delete(campaignId);
    for (const resolve of waiters) resolve(state);
  }

  private async watchOverdue(everyMs: number): Promise<void> {
    if (everyMs <= 0) return;
    while (await this.clock.sleep(everyMs, this.disposed.signal)) this.checkOverdue();
  }

  private emit(notice: SendNotice): void {
    for (const listener of this.listeners) {
      try {
        listener(notice);
      } catch (err) {
        // The engine's state is committed: a failing listener is its own bug, reported apart.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
