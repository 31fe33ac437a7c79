// One account's sending loop: decides the doubtful rows first (reconcile.ts), then builds,
// commits and submits messages as fast as the pacer allows, and records every answer. Runners of
// different accounts share nothing, so several accounts send in parallel.
//
// Group commit (docs/ARCHITECTURE.md, "The send queue: group commit"):
//  - preparing: messages are built ahead of the connections in batches (PREPARE_BATCH, no more
//    than the pacer would let go now), their files written and fsynced side by side, then every
//    row of the batch committed 'preparing' in one transaction. A prepared row is not on the
//    wire: after a crash it goes at once.
//  - submitting: a message is marked 'submitting' only when a connection is free to start its
//    SMTP transaction at once, in the commit that also records the answers received since the
//    last one; the transaction starts at once, but its final "." (the provider takes the message
//    only then) waits until that commit is on disk (Store.deferSync: the WAL is fsynced in the
//    thread pool, shared by the commits made meanwhile, not on this thread; SmtpSender's holdEnd),
//    so the fsync overlaps the SMTP dialogue. After an answer the loop lets the event loop's other ready answers in first
//    (one setImmediate), so answers arriving together share one commit, and on a slow disk a
//    free connection waits up to one commit's time for others (gathering()). Messages are never
//    claimed ahead in a window: nodemailer's pool would queue them behind the busy connections,
//    and a process killed then would leave dozens of rows 'submitting' that never left, each
//    waiting the whole reconciliation grace. So after a crash at most one message per
//    connection is doubtful; the rest are 'preparing' or 'pending' and go at once.
//  - Posta inviata: submitted messages are listed in batches (SENT_COPY_BATCH, or every
//    SENT_COPY_EVERY_MS), one commit each, from the bytes still in memory.
import { effectiveLimits, type AccountSettings, type ConnectOptions } from '../accounts';
import { createSmtpSender, type SendResult, type SmtpSender } from '../mail';
import type { BuiltRow, CampaignRepo, Outcome, QueueRow, RecipientQueue, Store } from '../store';
import { Wakeup, type Clock } from './clock';
import { buildMessage, encodeMessageFiles, envelopeOf, sentAttachments, type CampaignMessage } from './compose';
import type { SendFailureValues } from '../../shared/send-failure-texts';
import { failureOf, smtpFailure } from './failure-words';
import { findOnServer } from './imap-probe';
import { LEASE_RETRY_MS, SendLease } from './lease';
import { Pacer } from './pacer';
import { graceFor, reconcile } from './reconcile';
import type { Pacing, SendNotice } from './types';

/** An account ready to send: its settings and password. */
export interface LoadedAccount {
  settings: AccountSettings;
  password: string;
}

/** Why sending stopped, as stored on its campaigns: Italian words and the catalog values the window words. */
export interface PauseReason {
  reason: string;
  values: SendFailureValues;
}

/** What loading an account gives: the account, or why it cannot send (detail: for the logs). */
export type AccountLoad = { ok: true; value: LoadedAccount } | { ok: false; detail: string; pause: PauseReason };

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
  /** A notice of trouble (the queue's own steps are told by the store's change stream). */
  emit(notice: SendNotice): void;
  /**
   * After a commit: the campaigns whose recipients changed and that may have no unfinished row left
   * (a campaign with a row on the wire, or claimed by that commit, is left out: that row is 'submitting').
   */
  changed(accountId: number, campaignIds: Set<number>): void;
  /** Pauses the account's sending campaigns, saying why (a refused password). */
  pauseAccount(accountId: number, why: PauseReason): void;
}

const HOUR = 3_600_000;
const BACKOFF_INITIAL_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** A provider asking to slow down without saying for how long: one minute, its usual window. */
const DEFAULT_THROTTLE_WAIT_MS = 60_000;
/** The loop looks at the queue at least this often, whatever it waits for. */
const MAX_IDLE_MS = 60_000;
/** Messages built, fsynced and committed 'preparing' together, ahead of the connections (at most). */
const PREPARE_BATCH = 50;
/** Submitted messages listed in Posta inviata in one commit (at most), and how long one waits for others. */
const SENT_COPY_BATCH = 100;
const SENT_COPY_EVERY_MS = 250;

/** What a submitted message's copy in Posta inviata is made from, when the runner still has it (else read back). */
type SentCopy = { raw: Buffer | null; sentMessageId: number | null };

/** The sending loop of one account; run() resolves when nothing is left to do or stop() was called. */
export class AccountRunner {
  private readonly wake: Wakeup;
  /** The rows on the wire (claimed, not answered yet), with their campaign. */
  private readonly inflight = new Map<number, { campaignId: number; done: Promise<void> }>();
  private readonly messages = new Map<number, CampaignMessage>();
  /** Bytes of the rows this runner prepared and has not launched yet (read back from disk otherwise). */
  private readonly prepared = new Map<number, Buffer>();
  /** Bytes and sent_messages row of the messages on the wire, for their copy in Posta inviata. */
  private readonly launchedRaw = new Map<number, SentCopy>();
  /** Submitted messages waiting to be listed in Posta inviata. */
  private sentCopies: ({ id: number } & SentCopy)[] = [];
  private sentCopyTimer: NodeJS.Timeout | null = null;
  private filing: Promise<void> | null = null;
  private preparation: Promise<void> | null = null;
  private lastDurable: Promise<void> = Promise.resolve();
  /** How long a commit that claims takes (moving average, ms): how long gathering answers may wait. */
  private commitMs = 0;
  /** Since when (performance.now) free connections are left waiting for others to free up; null when not gathering. */
  private gatherSince: number | null = null;
  /** A bug in the background preparation: the loop throws it (the engine reports it). */
  private failure: unknown = null;
  private outcomes: Outcome[] = [];
  private touched = new Set<number>();
  private stopping = false;
  private reconcileAt = 0;
  private connectionFailures = 0;
  private pacer: Pacer | null = null;
  /**
   * The claimable rows as the queue listed them at the last look, in its order, minus those tried
   * since; null when it must be asked again. Asked before every launch, the query cost more than
   * the claim's own commit; the claim re-checks each row in SQL, so a row that stopped being
   * claimable meanwhile (its campaign paused) is just not claimed.
   */
  private claimList: QueueRow[] | null = null;
  /** The claim list holds every claimable row (the query returned fewer than asked). */
  private claimListWhole = false;
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
    this.claimList = null;
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
    const lease = new SendLease(this.ctx.store.sendLeases, this.accountId);
    while (!lease.acquire()) {
      this.problem('busy', 'Un altro processo di PecDesk sta inviando da questo account: riprovo tra poco.', LEASE_RETRY_MS);
      await this.wake.wait(LEASE_RETRY_MS);
      if (this.stopping) return;
    }
    try {
      const loaded = await this.ctx.loadAccount(this.accountId);
      if (!loaded.ok) {
        this.ctx.pauseAccount(this.accountId, loaded.pause);
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
      await Promise.all([...[...this.inflight.values()].map((f) => f.done), this.preparation]);
      if (this.outcomes.length) this.commit({}, this.ctx.clock.now());
      await Promise.all([this.lastDurable, this.fileSentCopies(true)]);
      this.sender?.close();
      lease.release();
    }
  }

  private async loop(lease: SendLease): Promise<void> {
    while (!this.stopping) {
      if (this.failure) throw this.failure;
      lease.renew();
      if (this.ctx.clock.now() >= this.reconcileAt) await this.reconcileDoubtful();
      if (this.stopping) break;
      this.prepareAhead();
      if (this.inflight.size < this.slots() && this.launchGroup() > 0) continue;
      // Nothing to launch with it: the answers are recorded now, not with a later claim (unless
      // gathering, which ends with a claim within one commit's time).
      if (this.outcomes.length && this.gatherSince === null) this.commit({}, this.ctx.clock.now());
      if (this.finished()) break;
      const now = this.ctx.clock.now();
      await this.wake.wait(Math.max(0, Math.min(this.nextWakeAt(now), now + MAX_IDLE_MS) - now));
      // Answers that arrived in the same turn of the event loop are recorded in one commit.
      await new Promise<void>((resolve) => setImmediate(resolve));
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
      this.preparation === null &&
      this.ctx.repo.sending(this.accountId).length === 0 &&
      this.ctx.queue.submitting(this.accountId).length === 0
    );
  }

  /** When there may be something to do without being notified (an answer notifies by itself). */
  private nextWakeAt(now: number): number {
    let at = this.reconcileAt;
    // Gathering: an answer or the end of the gathering wakes the loop, whatever the pacer allows.
    if (this.gatherSince !== null) return Math.min(at, now + Math.max(0, this.gatherSince + this.commitMs - performance.now()));
    // With messages on the wire their answers wake the loop, and a due retry waits for a free connection anyway.
    const retry = this.inflight.size === 0 ? this.ctx.queue.nextRetryAt(this.accountId) : null;
    if (retry !== null) at = Math.min(at, retry);
    // With every connection busy the loop waits for answers, not for the pacer.
    if (this.inflight.size < this.slots() && this.claimable(1).length > 0) {
      at = Math.min(at, this.pacer!.nextSlotAt(now));
    }
    return at;
  }

  /**
   * Starts building the next batch of pending messages when fewer than half a batch are prepared:
   * as many as the pacer would let go now (at least one per connection), so a slow account does
   * not build messages minutes before they leave. When nothing is prepared nor on the wire (a
   * burst starts), one message per connection first: a whole batch built cold took 30 ms before
   * the first SMTP transaction could start, and the connections now open while the rest is built.
   */
  private prepareAhead(): void {
    if (this.preparation || this.stopping) return;
    // More than half of the largest batch prepared already: no need to ask the pacer (it tries its
    // grants one by one, up to a batch of them, and this runs at every turn of the loop).
    if (this.prepared.size * 2 > PREPARE_BATCH) return;
    const starting = this.prepared.size === 0 && this.inflight.size === 0;
    const target = starting ? this.slots() : Math.min(PREPARE_BATCH, Math.max(this.slots(), this.pacer!.available(this.ctx.clock.now(), PREPARE_BATCH)));
    // launchGroup drops the rows that stopped being claimable (a campaign paused), so they never hold back another's.
    if (this.prepared.size * 2 > target) return;
    const rows = this.ctx.queue.pending(this.accountId, target - this.prepared.size);
    if (rows.length === 0) return;
    this.preparation = this.prepare(rows)
      .catch((err: unknown) => {
        this.failure = err;
      })
      .finally(() => {
        this.preparation = null;
        this.wake.notify();
      });
  }

  /** Builds the rows' messages, fsyncs their files together, then commits them 'preparing' in one transaction. */
  private async prepare(rows: QueueRow[]): Promise<void> {
    const built = [];
    for (const row of rows) {
      const message = this.messageOf(row.campaignId);
      await encodeMessageFiles(message);
      built.push(await buildMessage(message, row));
      // A message is built in one synchronous pass: the answers and claims of the connections
      // come in between two of them, not after the whole batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const stored = await this.ctx.queue.storeFiles(built);
    for (const row of rows) this.touched.add(row.campaignId);
    const { prepared } = this.commit({ built: stored }, this.ctx.clock.now());
    if (prepared.size) this.claimList = null;
    for (const b of stored) if (b.ok && prepared.has(b.id)) this.prepared.set(b.id, b.raw);
  }

  /** Claims and launches as many prepared messages as the pacer and the free connections allow. */
  private launchGroup(): number {
    const { clock, queue } = this.ctx;
    const room = this.pacer!.available(clock.now(), this.slots() - this.inflight.size);
    if (room === 0 || this.gathering()) return 0;
    const rows = this.claimable(room);
    if (rows.length === 0) return 0;
    this.claimList = this.claimList && this.claimList.slice(rows.length);
    for (const row of rows) this.touched.add(row.campaignId);
    const at = clock.now();
    const started = performance.now();
    const { claimed, durable } = this.commit({ claim: rows }, at);
    this.commitMs = this.commitMs * 0.8 + (performance.now() - started) * 0.2;
    // The pacer counts the transactions that start, not the rows tried (`room` came from it).
    this.pacer!.grant(at, claimed.size);
    for (const row of rows) {
      const kept = this.prepared.get(row.id);
      this.prepared.delete(row.id);
      if (!claimed.has(row.id)) continue;
      const stored = kept ? { ok: true as const, raw: kept } : queue.raw(row.id);
      if (stored.ok) this.launch(row, row.messageId!, stored.raw, durable);
      else {
        // Its exact bytes are gone from the raw store: sending other bytes under its Message-ID
        // would make its receipts prove a message nobody kept, so it fails with the reason.
        this.outcomes.push({ id: row.id, kind: 'failed', code: 'raw-missing', ...failureOf('raw-missing', { detail: stored.detail }) });
        this.wake.notify();
      }
    }
    return claimed.size;
  }

  /**
   * Up to `room` claimable rows, oldest campaign first: from the claim list while it has them (or
   * holds every claimable row), else from the queue, asked for a batch's worth. Rows in flight
   * are 'submitting', never claimable. With throttled rows waiting (retry-wait) the queue is asked
   * every time: their turn comes with the clock.
   */
  private claimable(room: number): QueueRow[] {
    if (this.claimList === null || (this.claimList.length < room && !this.claimListWhole)) {
      const { clock, queue } = this.ctx;
      const rows = queue.claimable(this.accountId, clock.now(), PREPARE_BATCH);
      this.claimListWhole = rows.length < PREPARE_BATCH;
      if (this.claimListWhole) this.forgetUnclaimable(rows);
      this.claimList = queue.nextRetryAt(this.accountId) === null ? rows : null;
      return rows.slice(0, room);
    }
    return this.claimList.slice(0, room);
  }

  /**
   * Group commit where commits are slow (a busy disk: each one waits for an fsync): while more than
   * half the connections are busy, a free one waits up to one commit's time for others to free up,
   * so one commit claims for several. Never with one connection, nor with nothing else in flight.
   */
  private gathering(): boolean {
    const free = this.slots() - this.inflight.size;
    if (this.inflight.size === 0 || free * 2 >= this.slots()) {
      this.gatherSince = null;
      return false;
    }
    const now = performance.now();
    this.gatherSince ??= now;
    if (now - this.gatherSince < this.commitMs) return true;
    this.gatherSince = null;
    return false;
  }

  /**
   * `rows` are all the claimable rows: bytes kept for any other (its campaign paused or cancelled)
   * are dropped, so they neither hold memory nor stop the next batch; they are read back from
   * disk if the campaign resumes.
   */
  private forgetUnclaimable(rows: QueueRow[]): void {
    if (this.prepared.size === 0) return;
    const claimable = new Set(rows.map((r) => r.id));
    const before = this.prepared.size;
    for (const id of this.prepared.keys()) if (!claimable.has(id)) this.prepared.delete(id);
    // Room for the next batch now: the loop looks again at once instead of idling.
    if (this.prepared.size < before) this.wake.notify();
  }

  /**
   * Submits a claimed row: its SMTP transaction starts at once, and its final "." (what makes the
   * provider take it) waits until the claim is on disk (`durable`), so the fsync runs during the
   * dialogue instead of before it; never taken before, and never if the claim cannot be made durable.
   */
  private launch(row: QueueRow, messageId: string, raw: Buffer, durable: Promise<void>): void {
    const { settings } = this.account!;
    const { campaign } = this.messageOf(row.campaignId);
    this.launchedRaw.set(row.id, { raw, sentMessageId: row.sentMessageId });
    const diskFailure = durable.then(
      () => null,
      (err: unknown) => ({ err }),
    );
    const sent = this.sender!
      .send({ messageId, raw, envelope: envelopeOf(settings, campaign, row.address) }, durable)
      .catch((err: unknown): SendResult => ({ ok: false, code: 'connection', detail: err instanceof Error ? err.message : String(err) }));
    const done = Promise.all([diskFailure, sent])
      // Whatever the server said, a message whose claim failed to reach the disk was never ended.
      .then(([failed, result]) => (failed ? this.unsynced(row, failed.err) : this.answered(row, result)))
      .then(() => {
        this.inflight.delete(row.id);
        this.wake.notify();
      });
    this.inflight.set(row.id, { campaignId: row.campaignId, done });
  }

  /** Its claim could not be made durable (the disk failed): it was never ended, and goes back to its stored bytes. */
  private unsynced(row: QueueRow, err: unknown): void {
    this.pacer!.answered(this.ctx.clock.now());
    this.touched.add(row.campaignId);
    const failure = failureOf('disk', { detail: err instanceof Error ? err.message : String(err) });
    this.outcomes.push({ id: row.id, kind: 'unsent', code: 'disk', ...failure });
    this.problem('connection', failure.reason, BACKOFF_INITIAL_MS);
    this.pacer!.hold(this.ctx.clock.now() + BACKOFF_INITIAL_MS);
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
        this.outcomes.push({ id: row.id, kind: 'retry', at: now + wait, code: result.code, ...smtpFailure(result) });
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
        this.outcomes.push({ id: row.id, kind: 'unsent', code: result.code, ...smtpFailure(result) });
        this.ctx.pauseAccount(this.accountId, smtpFailure(result));
        this.problem('auth', result.detail, null);
        return;
      default:
        this.outcomes.push({ id: row.id, kind: 'failed', code: result.code, ...smtpFailure(result) });
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
      this.touched.add(rows.find((r) => r.id === o.id)!.campaignId);
    }
    this.outcomes.push(...decision.outcomes);
    this.commit({}, this.ctx.clock.now());
  }

  /** One commit: built messages, the answers so far and `claim` marked submitting (the store tells its change stream). */
  private commit(step: { built?: BuiltRow[]; claim?: QueueRow[] }, at: number): { prepared: Set<number>; claimed: Set<number>; durable: Promise<void> } {
    const outcomes = this.outcomes;
    this.outcomes = [];
    // A row back in the queue (to retry, or unsent) is claimable again: the claim list is asked anew.
    if (outcomes.some((o) => o.kind === 'retry' || o.kind === 'unsent')) this.claimList = null;
    const claim = step.claim ?? [];
    const done = this.ctx.queue.commit({ built: step.built, outcomes, claim: claim.map((r) => r.id) }, this.accountId, at, new Date(at).toISOString());
    // Awaited when the runner ends, so nothing it recorded is left waiting for the disk.
    this.lastDurable = done.durable.catch(() => undefined);
    for (const o of outcomes) {
      const launched = this.launchedRaw.get(o.id) ?? { raw: null, sentMessageId: null };
      this.launchedRaw.delete(o.id);
      if (o.kind === 'submitted') this.listInSent(o.id, launched);
    }
    for (const row of claim) this.touched.add(row.campaignId);
    const touched = this.touched;
    this.touched = new Set();
    // The engine asks the store whether each campaign is done, two queries each, after every
    // commit of a burst: a campaign with a row still 'submitting' (on the wire and not answered in
    // this commit, or just claimed) cannot be, so it is not asked about.
    const answered = new Set(outcomes.map((o) => o.id));
    for (const [id, f] of this.inflight) if (!answered.has(id)) touched.delete(f.campaignId);
    for (const row of claim) if (done.claimed.has(row.id)) touched.delete(row.campaignId);
    if (touched.size) this.ctx.changed(this.accountId, touched);
    return done;
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

  /** Lists a submitted message in the account's Posta inviata within SENT_COPY_EVERY_MS, with others. */
  private listInSent(recipientId: number, copy: SentCopy): void {
    this.sentCopies.push({ id: recipientId, ...copy });
    if (this.sentCopies.length >= SENT_COPY_BATCH) void this.fileSentCopies(false);
    else this.sentCopyTimer ??= setTimeout(() => void this.fileSentCopies(false), SENT_COPY_EVERY_MS);
  }

  /**
   * Files the waiting sent copies, one batch at a time (all of them when `all`: the runner is
   * ending). A failure here loses nothing: the sync lists the server's copy.
   */
  private async fileSentCopies(all: boolean): Promise<void> {
    if (this.sentCopyTimer) clearTimeout(this.sentCopyTimer);
    this.sentCopyTimer = null;
    while (this.filing) await this.filing;
    do {
      const batch = this.sentCopies.splice(0, SENT_COPY_BATCH);
      if (batch.length === 0) return;
      const inputs = () =>
        batch.flatMap(({ id, raw, sentMessageId: launched }) => {
          // Known from the row it was launched from (set when prepared, never changed); asked otherwise (a reconciled row).
          const sentMessageId = launched ?? this.ctx.queue.sentMessageIdOf(id);
          const bytes = raw ? { ok: true as const, raw } : this.ctx.queue.raw(id);
          return sentMessageId === null || !bytes.ok ? [] : [{ accountId: this.accountId, sentMessageId, raw: bytes.raw }];
        });
      this.filing = Promise.resolve()
        .then(() => this.ctx.store.fileSentCopies(inputs()))
        .then(() => undefined, () => undefined)
        .finally(() => (this.filing = null));
      await this.filing;
    } while (all);
    if (this.sentCopies.length) this.sentCopyTimer ??= setTimeout(() => void this.fileSentCopies(false), SENT_COPY_EVERY_MS);
  }

  private problem(code: Extract<SendNotice, { kind: 'problem' }>['code'], detail: string, retryInMs: number | null): void {
    this.ctx.emit({ kind: 'problem', accountId: this.accountId, code, detail, retryInMs });
  }
}

function iso(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}
