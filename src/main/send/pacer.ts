// Pacing of one account's submissions: never more than the provider allows per minute and per hour.
//
// The hard guarantee is a sliding window over SMTP transactions, as providers count them (InfoCert
// Legalmail: 6 per minute, then "550 … Too much traffic from this sender"). The provider stamps a
// message somewhere between the moment we start its transaction and the moment its answer comes
// back, so a message counts in the window from its start until one window after its ANSWER: then
// its stamp has surely left the provider's window too, however slow the connection was. The times
// come from the send_attempts table after a restart, so it knows what went out in the last hour.
// A token bucket on top spreads the minute's quota over the minute (one second's worth at once at
// most) instead of sending it in one burst, which is kinder to the provider and shows steady progress.
//
// When the provider throttles anyway, the rate is halved for a while (and halved again at each new
// refusal) and nothing is sent before the provider's wait is over.

/** Messages per minute and per hour; null = no limit of that kind. */
export interface RateLimits {
  perMinute: number | null;
  perHour: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Kept off the window's edge: clocks of two machines, and the history a restart reads (start
// times, the answers were not recorded) are not exact.
const SAFETY_MS = 2_000;
/** How long a throttled account keeps the reduced rate. */
export const SLOWDOWN_MS = 10 * MINUTE;

/** Index of the first element of the ascending `list` that is > value. */
function firstAfter(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A limit after a slow-down by `factor` (never below one), or null for none. A function of its own: effective() runs at every grant tried. */
function scaled(limit: number | null, factor: number): number | null {
  return limit === null ? null : Math.max(1, Math.floor(limit * factor));
}

/** The pacing state of one account. */
export class Pacer {
  /** Answered transactions (and a restart's history), ascending. */
  private readonly attempts: number[];
  /** Transactions started and not answered yet: they count in every window. */
  private inFlight = 0;
  private factor = 1;
  private slowedUntil = 0;
  private heldUntil = 0;
  /** Per-minute rate that got us throttled, when the account states no limit of its own. */
  private observed: number | null = null;
  private tokens: number | null = null;
  private tokensTime = 0;

  constructor(
    private readonly limits: RateLimits,
    history: number[] = [],
  ) {
    this.attempts = [...history].sort((a, b) => a - b);
  }

  /** The limits in force at `now`, after any slow-down. */
  effective(now: number): RateLimits {
    if (now >= this.slowedUntil && this.factor !== 1) {
      this.factor = 1;
      this.observed = null;
    }
    return { perMinute: scaled(this.limits.perMinute ?? this.observed, this.factor), perHour: scaled(this.limits.perHour, this.factor) };
  }

  /** The earliest time at or after `now` when a new transaction may start. */
  nextSlotAt(now: number): number {
    const { perMinute, perHour } = this.effective(now);
    let t = Math.max(now, this.heldUntil);
    // The windows and the bucket can push each other: settle in a few rounds.
    for (let round = 0; round < 4; round++) {
      const before = t;
      if (perMinute !== null) t = this.afterWindow(t, MINUTE, perMinute);
      if (perHour !== null) t = this.afterWindow(t, HOUR, perHour);
      if (perMinute !== null) t = this.afterBucket(t, perMinute);
      if (t === before) break;
    }
    return t;
  }

  /** A transaction started by grant() got its answer (whatever it was) at `now`. */
  answered(now: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.attempts.splice(firstAfter(this.attempts, now), 0, now);
    this.forgetBefore(now);
  }

  /** Lets up to `wanted` transactions start at `now` and records them; returns how many. */
  grant(now: number, wanted: number): number {
    this.forgetBefore(now);
    return this.take(now, wanted);
  }

  /** How many of `max` transactions could start at `now` (nothing is recorded). */
  available(now: number, max: number): number {
    return this.trial().take(now, max);
  }

  /** grant() without trimming the history: a trial's grants leave the shared history alone. */
  private take(now: number, wanted: number): number {
    let granted = 0;
    while (granted < wanted && this.nextSlotAt(now) <= now) {
      this.record(now);
      granted++;
    }
    return granted;
  }

  /**
   * This pacer's state, to try grants on. Asked before every launch: it shares the history, which
   * only answered() and grant() change (record() counts a grant without touching it), so nothing
   * is copied or sorted (up to an hour of a bulk send's transactions: ~120 µs a launch at 1,000
   * sorted, ~18 µs copied).
   */
  private trial(): Pacer {
    return Object.assign(Object.create(Pacer.prototype) as Pacer, this);
  }

  /**
   * The provider refused for traffic: halve the rate for SLOWDOWN_MS and wait retryAfterMs. The
   * refusals of messages already on the wire while we wait are one episode: halved once.
   */
  throttled(now: number, retryAfterMs: number): void {
    if (now >= this.heldUntil) {
      if (this.limits.perMinute === null && this.observed === null) {
        this.observed = Math.max(1, this.attempts.length - firstAfter(this.attempts, now - MINUTE) + this.inFlight);
      }
      this.factor = now < this.slowedUntil ? this.factor / 2 : 0.5;
    }
    this.slowedUntil = now + SLOWDOWN_MS;
    this.hold(now + retryAfterMs);
  }

  /** Nothing starts before `until` (throttling, connection backoff). */
  hold(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
  }

  /** When the rate is reduced until, or null. */
  slowedDownUntil(now: number): number | null {
    return now < this.slowedUntil ? this.slowedUntil : null;
  }

  private record(now: number): void {
    this.inFlight++;
    const perMinute = this.effective(now).perMinute;
    if (perMinute !== null) this.tokens = this.tokensAt(now, perMinute) - 1;
    this.tokensTime = now;
  }

  /** Keeps one hour (and the margin) of history: the longest window (what is dropped counts in no window after `now`). */
  private forgetBefore(now: number): void {
    const keepFrom = firstAfter(this.attempts, now - HOUR - SAFETY_MS);
    if (keepFrom > 0) this.attempts.splice(0, keepFrom);
  }

  /** t, or when enough answered transactions have left the window; never while in-flight ones fill it. */
  private afterWindow(t: number, windowMs: number, max: number): number {
    const span = windowMs + SAFETY_MS;
    const first = firstAfter(this.attempts, t - span);
    const inWindow = this.attempts.length - first + this.inFlight;
    if (inWindow < max) return t;
    const mustLeave = inWindow - max + 1;
    if (mustLeave > this.attempts.length - first) return Number.POSITIVE_INFINITY;
    return Math.max(t, this.attempts[first + mustLeave - 1] + span);
  }

  private afterBucket(t: number, perMinute: number): number {
    const available = this.tokensAt(t, perMinute);
    if (available >= 1) return t;
    return t + Math.ceil((1 - available) / this.rate(perMinute));
  }

  private rate(perMinute: number): number {
    return perMinute / (MINUTE + SAFETY_MS);
  }

  /** Tokens in the bucket at t: it holds one second's worth of the minute's quota at most. */
  private tokensAt(t: number, perMinute: number): number {
    const capacity = Math.max(1, Math.ceil(perMinute / 60));
    if (this.tokens === null) return capacity;
    return Math.min(capacity, this.tokens + Math.max(0, t - this.tokensTime) * this.rate(perMinute));
  }
}

/** Time to start `count` transactions under `limits` from an idle account (the pre-send estimate). */
export function estimateDurationMs(limits: RateLimits, count: number): number {
  const pacer = new Pacer(limits);
  let now = 0;
  for (let i = 0; i < count; i++) {
    now = pacer.nextSlotAt(now);
    pacer.grant(now, 1);
    pacer.answered(now);
  }
  return now;
}
