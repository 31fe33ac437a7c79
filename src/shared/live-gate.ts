// Re-running a query while the store changes fast: a campaign that sends commits many batches a
// second, each a store-changed. At most one run is in flight; changes that arrive meanwhile make
// one more run once it is back, `gapMs` at least after the last one started. So a burst of commits
// costs a few runs a second, never one per commit, and never none until the burst ends (a
// debounce waits for a quiet moment that a sending campaign never has). With a settle time, a
// change that comes after a quiet moment waits that long first, so the few writes of one action
// (a sync's status, then its folder) make one run, not two. The renderer's useApiQuery and
// useStoreChanges and the engine bench's open campaign view schedule their queries with it.

/** The shortest time between the starts of two runs caused by store changes. */
export const LIVE_GAP_MS = 250;

/** How long the renderer's queries let a change settle before running: the writes of one action come within it. */
export const CHANGE_SETTLE_MS = 100;

/** The clock and timers a gate uses (a test gives its own). */
export interface GateTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: GateTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `run` when asked, coalesced as said above. `run` gets `isCurrent`: false once a newer
 * urgent request (the caller's inputs changed) made what it is loading stale.
 */
export class LiveGate {
  private running = false;
  private again = false;
  private urgent = false;
  private lastStart = -Infinity;
  private generation = 0;
  private timer: unknown = null;
  private disposed = false;

  constructor(
    private readonly run: (isCurrent: () => boolean) => Promise<unknown>,
    private readonly gapMs = LIVE_GAP_MS,
    private readonly timers: GateTimers = realTimers,
    private readonly settleMs = 0,
  ) {}

  /**
   * Asks for a run: a change (`urgent` false) waits for the one in flight, for the gap and for the
   * settle time; the caller's own request (`urgent`: new inputs, a reload) waits only for the one
   * in flight, whose answer no longer counts.
   */
  request(urgent: boolean): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      this.urgent ||= urgent;
      if (urgent) this.generation++;
      return;
    }
    if (this.timer !== null && !urgent) return;
    this.cancelTimer();
    this.after(urgent ? 0 : Math.max(this.settleMs, this.lastStart + this.gapMs - this.timers.now()));
  }

  /** No run starts any more; one in flight is no longer current. */
  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.cancelTimer();
  }

  private after(wait: number): void {
    if (wait <= 0) return this.start();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.start();
    }, wait);
  }

  private start(): void {
    if (this.disposed) return;
    this.running = true;
    this.lastStart = this.timers.now();
    const mine = ++this.generation;
    void this.run(() => mine === this.generation && !this.disposed)
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        if (!this.again || this.disposed) return;
        this.again = false;
        const wait = this.urgent ? 0 : this.lastStart + this.gapMs - this.timers.now();
        this.urgent = false;
        this.after(wait);
      });
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
