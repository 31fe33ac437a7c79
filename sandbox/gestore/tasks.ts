// Owns the gestore's background work (receipts, envelopes, delayed notices): every chain started here
// is tracked, every timer can be cancelled, so stop() leaves nothing running and tests can wait for quiet.

/** Background work with cancellable sleeps. */
export class Tasks {
  private readonly running = new Set<Promise<void>>();
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; wake: (ok: boolean) => void }>();
  private stopped = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Starts `work` in the background; its failure goes to onError. */
  run(work: () => Promise<void>): void {
    if (this.stopped) return;
    const p: Promise<void> = work()
      .catch(this.onError)
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Waits `ms`; resolves false (at once) when the tasks are stopped, so the caller gives up. */
  sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve(true);
        }, ms),
        wake: resolve,
      };
      this.sleepers.add(sleeper);
    });
  }

  /** Resolves once no work is running or waiting. */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Cancels every sleep and waits for running work to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.sleepers) {
      clearTimeout(s.timer);
      s.wake(false);
    }
    this.sleepers.clear();
    await this.whenIdle();
  }
}
