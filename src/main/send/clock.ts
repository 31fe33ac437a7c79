// Time as the engine sees it. Pacing, retries, the reconciliation grace and the overdue delay all
// read this clock, so tests run minutes of provider time in seconds (the sandbox takes the same clock).

/** A source of time that can also wait; sleep resolves early (false) when the signal aborts. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** Wall-clock time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve(false);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

// abort() without a reason builds a DOMException with a stack trace; a runner notifies once per
// SMTP answer, so a plain constant reason keeps that off the hot path.
const NOTIFIED = Symbol('notified');

/** A wait that ends after a time on the clock, or as soon as someone calls notify(). */
export class Wakeup {
  private controller = new AbortController();

  constructor(private readonly clock: Clock) {}

  /** Waits up to ms; resolves early when notified (also when notified just before). */
  async wait(ms: number): Promise<void> {
    const signal = this.controller.signal;
    if (!signal.aborted) await this.clock.sleep(ms, signal);
    this.controller = new AbortController();
  }

  notify(): void {
    this.controller.abort(NOTIFIED);
  }
}
