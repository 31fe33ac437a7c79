// One account's sending loop: decides the doubtful rows first (reconcile.ts), then builds,
// commits and submits messages as fast as the pacer allows, and records every answer. Runners of
// different accounts share nothing, so several accounts send in parallel.
//
// Every state change of a message is its own small commit, made when it happens: a message is
// marked 'submitting' only when a connection is free to start its SMTP transaction at once, and
// the provider's answer is committed as soon as it comes (together with the next claim, which
// follows right away). Messages are never claimed ahead in a window: nodemailer's pool would
// queue them behind the busy connections, and a process killed then would leave dozens of rows
// 'submitting' that never left, each waiting the whole reconciliation grace. So after a crash
// at most one message per connection is doubtful; the rest are 'preparing' or 'pending' and go
// at once.
import { effectiveLimits, type AccountSettings, type ConnectOptions } from '../accounts';
import { createSmtpSender, type SendResult, type SmtpSender } from '../mail';
import type { Store } from '../store';
import { Wakeup, type Clock } from './clock';
import type { CampaignRepo } from './campaign-repo';
import { buildMessage, envelopeOf, sentAttachments, type CampaignMessage } from './compose';
import { findOnServer } from './imap-probe';
import { LEASE_RETRY_MS, SendLease } from './lease';
import { Pacer } from './pacer';
import type { BuiltRow, Outcome, QueueRow, RecipientQueue } from './queue';
import { graceFor, reconcile } from './reconcile';
import type { Pacing, RecipientState, SendEvent } from './types';

/** An account ready to send: its settings and password. */
export interface LoadedAccount {
  settings: AccountSettings;
  password: string;
}

/** What loading an account gives: the account, or why it cannot send. */
export type AccountLoad = { ok: true; value: LoadedAccount } | { ok: false; detail: string };

/** What a runner needs from the engine. */
export interface RunnerContext {
  store: Store;
  repo: CampaignRepo;
  queue: RecipientQueue;
  clock: Clock;
  connect: ConnectOptions;
  graceMs: number;
  maxConnections: number;
  /** Messages in flight at most (also bounded by maxConnections: one transaction per connection). */
  window: number;
  loadAccount(accountId: number): Promise<AccountLoad>;
  emit(event: SendEvent): void;
  /** After each commit: the campaigns whose recipients changed. */
  changed(accountId: number, campaignIds: Set<number>): void;
  /** Pauses the account's sending campaigns, saying why (a refused password). */
  pauseAccount(accountId: number, detail: string): void;
}

const HOUR = 3_600_000;
const BACKOFF_INITIAL_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** A provider asking to slow down without saying for how long: one minute, its usual window. */
const DEFAULT_THROTTLE_WAIT_MS = 60_000;
/** The loop looks at the queue at least this often, whatever it waits for. */
const MAX_IDLE_MS = 60_000;

const OUTCOME_STATE: Record<Outcome['kind'], RecipientState> = { submitted: 'submitted', failed: 'failed', retry: 'retry-wait', unsent: 'preparing' };

/** The sending loop of one account; run() resolves when nothing is left to do or stop() was called. */
export class AccountRunner {
  private readonly wake: Wakeup;
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly messages = new Map<number, CampaignMessage>();
  private readonly rows = new Map<number, QueueRow>();
  private outcomes: Outcome[] = [];
  private touched = new Set<number>();
  private stopping = false;
  private reconcileAt = 0;
  private connectionFailures = 0;
  private pacer: Pacer | null = null;
  private account: LoadedAccount | null = null;
  private sender: SmtpSender | null = null;

  constructor(
    readonly accountId: number,
    private readonly ctx: RunnerContext,
  ) {
    this.wake = new Wakeup(ctx.clock);
  }

  /** Something changed (a campaign started or resumed): look at the queue again now. */
  notify(): void {
    this.wake.notify();
  }

  /** Stops launching; in-flight submissions finish and run() resolves. */
  stop(): void {
    this.stopping = true;
    this.wake.notify();
  }

  /** The pacing now, for progress events. */
  pacing(): Pacing {
    const now = this.ctx.clock.now();
    const limits = this.pacer?.effective(now) ?? { perMinute: null, perHour: null };
    const slowed = this.pacer?.slowedDownUntil(now) ?? null;
    const next = this.pacer && this.ctx.repo.sending(this.accountId).length > 0 ? this.pacer.nextSlotAt(now) : null;
    return { accountId: this.accountId, ...limits, slowedUntil: iso(slowed), nextSendAt: iso(next) };
  }

  async run(): Promise<void> {
    const lease = new SendLease(this.ctx.store.db, this.accountId);
    while (!lease.acquire()) {
      this.problem('busy', 'Un altro processo di PecDesk sta inviando da questo account: riprovo tra poco.', LEASE_RETRY_MS);
      await this.wake.wait(LEASE_RETRY_MS);
      if (this.stopping) return;
    }
    try {
      const loaded = await this.ctx.loadAccount(this.accountId);
      if (!loaded.ok) {
        this.ctx.pauseAccount(this.accountId, loaded.detail);
        this.problem('account', loaded.detail, null);
        return;
      }
      const { settings, password } = (this.account = loaded.value);
      const limits = effectiveLimits(settings);
      const now = this.ctx.clock.now();
      this.ctx.queue.pruneAttempts(now - 2 * HOUR);
      this.pacer = new Pacer({ perMinute: limits.perMinute, perHour: limits.perHour }, this.ctx.queue.attemptsSince(this.accountId, now - 2 * HOUR));
      this.sender = createSmtpSender(settings, password, { ...this.ctx.connect, maxConnections: this.ctx.maxConnections });
      // A process killed between its last commit and marking the campaign done left nothing to
      // send: the engine closes such campaigns now instead of waiting for a commit that never comes.
      this.ctx.changed(this.accountId, new Set(this.ctx.repo.sending(this.accountId)));
      await this.loop(lease);
    } finally {
      await Promise.all(this.inflight.values());
      if (this.outcomes.length) this.commit({}, this.ctx.clock.now());
      this.sender?.close();
      lease.release();
    }
  }

  private async loop(lease: SendLease): Promise<void> {
    while (!this.stopping) {
      lease.renew();
      if (this.ctx.clock.now() >= this.reconcileAt) await this.reconcileDoubtful();
      if (this.stopping) break;
      if (this.inflight.size < this.slots() && (await this.launchGroup()) > 0) continue;
      // Nothing to launch with it: the answers are recorded now, not with a later claim.
      if (this.outcomes.length) this.commit({}, this.ctx.clock.now());
      if (this.finished()) break;
      const now = this.ctx.clock.now();
      await this.wake.wait(Math.max(0, Math.min(this.nextWakeAt(now), now + MAX_IDLE_MS) - now));
    }
  }

  /** SMTP transactions that may be under way at once: one per connection. */
  private slots(): number {
    return Math.max(1, Math.min(this.ctx.window, this.ctx.maxConnections));
  }

  /** Nothing in flight, nothing to record, no campaign sending, no doubtful row left. */
  private finished(): boolean {
    return (
      this.inflight.size === 0 &&
      this.outcomes.length === 0 &&
      this.ctx.repo.sending(this.accountId).length === 0 &&
      this.ctx.queue.submitting(this.accountId).length === 0
    );
  }

  /** When there may be something to do without being notified (an answer notifies by itself). */
  private nextWakeAt(now: number): number {
    let at = this.reconcileAt;
    const retry = this.ctx.queue.nextRetryAt(this.accountId);
    if (retry !== null) at = Math.min(at, retry);
    // With every connection busy the loop waits for answers, not for the pacer.
    if (this.inflight.size < this.slots() && this.ctx.queue.sendable(this.accountId, now, 1).length > 0) {
      at = Math.min(at, this.pacer!.nextSlotAt(now));
    }
    return at;
  }

  /** Builds, commits and launches as many messages as the pacer and the free connections allow. */
  private async launchGroup(): Promise<number> {
    const { clock, queue } = this.ctx;
    const room = this.pacer!.available(clock.now(), this.slots() - this.inflight.size);
    if (room === 0) return 0;
    // Rows in flight are 'submitting', never sendable.
    const rows = queue.sendable(this.accountId, clock.now(), room);
    if (rows.length === 0) return 0;
    const built: BuiltRow[] = [];
    for (const row of rows) if (row.state === 'pending') built.push(await buildMessage(this.messageOf(row.campaignId), row));
    const ready = rows.filter((r) => r.state !== 'pending' || built.some((b) => b.id === r.id && b.ok));
    for (const row of rows) this.touched.add(row.campaignId);
    const at = clock.now();
    const granted = ready.slice(0, this.pacer!.grant(at, ready.length));
    const claimed = this.commit({ built, claim: granted }, at);
    for (const b of built) if (!b.ok) this.recipientEvent(rows.find((r) => r.id === b.id)!, 'failed', b.reason);
    for (const row of granted) {
      if (!claimed.has(row.id)) continue;
      const fresh = built.find((b) => b.id === row.id);
      if (fresh?.ok) {
        this.launch(row, fresh.messageId, fresh.raw);
        continue;
      }
      const stored = queue.raw(row.id);
      if (stored.ok) this.launch(row, row.messageId!, stored.raw);
      else {
        // Its exact bytes are gone from the raw store: sending other bytes under its Message-ID
        // would make its receipts prove a message nobody kept, so it fails with the reason.
        this.outcomes.push({ id: row.id, kind: 'failed', code: 'raw-missing', reason: `Il messaggio preparato non è più leggibile dall'archivio: ${stored.detail}` });
        this.wake.notify();
      }
    }
    return claimed.size;
  }

  private launch(row: QueueRow, messageId: string, raw: Buffer): void {
    const { settings } = this.account!;
    const { campaign } = this.messageOf(row.campaignId);
    this.rows.set(row.id, row);
    const done = this.sender!
      .send({ messageId, raw, envelope: envelopeOf(settings, campaign, row.address) })
      .catch((err: unknown): SendResult => ({ ok: false, code: 'connection', detail: err instanceof Error ? err.message : String(err) }))
      .then((result) => {
        this.inflight.delete(row.id);
        this.answered(row, result);
        this.wake.notify();
      });
    this.inflight.set(row.id, done);
  }

  /** Turns the provider's answer into an outcome (or, after a dropped connection, a doubt). */
  private answered(row: QueueRow, result: SendResult): void {
    const now = this.ctx.clock.now();
    this.pacer!.answered(now);
    this.touched.add(row.campaignId);
    if (result.ok) {
      this.connectionFailures = 0;
      this.outcomes.push({ id: row.id, kind: 'submitted' });
      return;
    }
    switch (result.code) {
      case 'throttled': {
        const wait = result.retryAfterMs ?? DEFAULT_THROTTLE_WAIT_MS;
        this.pacer!.throttled(now, wait);
        this.outcomes.push({ id: row.id, kind: 'retry', at: now + wait, code: result.code, reason: result.detail });
        this.problem('throttled', result.detail, wait);
        return;
      }
      case 'connection': {
        // The connection may have dropped after the provider took the message (while we waited
        // for its 250): the outcome is unknown, so the row stays 'submitting' for reconciliation.
        const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** this.connectionFailures++);
        this.pacer!.hold(now + backoff);
        this.reconcileAt = Math.min(this.reconcileAt, now);
        this.problem('connection', result.detail, backoff);
        return;
      }
      case 'auth':
        // Refused at login, before any message went: it goes back to its stored bytes.
        this.outcomes.push({ id: row.id, kind: 'unsent', code: result.code, reason: result.detail });
        this.ctx.pauseAccount(this.accountId, result.detail);
        this.problem('auth', result.detail, null);
        return;
      default:
        this.outcomes.push({ id: row.id, kind: 'failed', code: result.code, reason: result.detail });
    }
  }

  /** Decides the rows left in 'submitting' that are not in flight here (see reconcile.ts). */
  private async reconcileDoubtful(): Promise<void> {
    const answered = new Set(this.outcomes.map((o) => o.id));
    const rows = this.ctx.queue.submitting(this.accountId).filter((r) => !this.inflight.has(r.id) && !answered.has(r.id));
    this.reconcileAt = Number.POSITIVE_INFINITY;
    if (rows.length === 0) return;
    const { settings, password } = this.account!;
    const decision = await reconcile(rows, this.ctx.clock.now(), {
      store: this.ctx.store,
      probe: (ids) => findOnServer(settings, password, ids, this.ctx.connect),
      // The provider's own pace: its accettazioni seen so far (filed by the mail sync).
      graceMs: graceFor(this.ctx.graceMs, this.ctx.queue.acceptanceDelayMs(this.accountId)),
    });
    if (decision.problem) this.problem('reconcile', decision.problem, decision.recheckAt === null ? null : decision.recheckAt - this.ctx.clock.now());
    this.reconcileAt = decision.recheckAt ?? Number.POSITIVE_INFINITY;
    if (decision.outcomes.length === 0) return;
    for (const o of decision.outcomes) {
      const row = rows.find((r) => r.id === o.id)!;
      this.rows.set(row.id, row);
      this.touched.add(row.campaignId);
    }
    this.outcomes.push(...decision.outcomes);
    this.commit({}, this.ctx.clock.now());
  }

  /** One commit: built messages, the answers so far and `claim` marked submitting; then the events. */
  private commit(step: { built?: BuiltRow[]; claim?: QueueRow[] }, at: number): Set<number> {
    const outcomes = this.outcomes;
    this.outcomes = [];
    const claim = step.claim ?? [];
    const claimed = this.ctx.queue.commit({ built: step.built, outcomes, claim: claim.map((r) => r.id) }, this.accountId, at, new Date(at).toISOString());
    for (const o of outcomes) {
      const row = this.rows.get(o.id);
      this.rows.delete(o.id);
      if (row) this.recipientEvent(row, OUTCOME_STATE[o.kind], o.kind === 'submitted' ? null : o.reason);
      if (o.kind === 'submitted') void this.listInSent(o.id);
    }
    for (const row of claim) if (claimed.has(row.id)) this.recipientEvent(row, 'submitting', null);
    for (const row of claim) this.touched.add(row.campaignId);
    const touched = this.touched;
    this.touched = new Set();
    if (touched.size) this.ctx.changed(this.accountId, touched);
    return claimed;
  }

  private messageOf(campaignId: number): CampaignMessage {
    let message = this.messages.get(campaignId);
    if (!message) {
      const campaign = this.ctx.repo.get(campaignId)!;
      message = { campaign, settings: this.account!.settings, attachments: sentAttachments(this.ctx.repo, campaign) };
      this.messages.set(campaignId, message);
    }
    return message;
  }

  private recipientEvent(row: QueueRow, state: RecipientState, error: string | null): void {
    this.ctx.emit({ kind: 'recipient', campaignId: row.campaignId, recipientId: row.id, address: row.address, state, error });
  }

  /** Lists a submitted message in the account's Posta inviata at once; a failure here loses nothing (the sync lists the server's copy). */
  private async listInSent(recipientId: number): Promise<void> {
    const sentMessageId = this.ctx.queue.sentMessageIdOf(recipientId);
    const raw = this.ctx.queue.raw(recipientId);
    if (sentMessageId === null || !raw.ok) return;
    await this.ctx.store.fileSentCopy({ accountId: this.accountId, sentMessageId, raw: raw.raw }).catch(() => null);
  }

  private problem(code: Extract<SendEvent, { kind: 'problem' }>['code'], detail: string, retryInMs: number | null): void {
    this.ctx.emit({ kind: 'problem', accountId: this.accountId, code, detail, retryInMs });
  }
}

function iso(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}
