// One sending process per account. The app and the CLI may open the same store; if both sent
// the same queue, each would take the other's in-flight messages (state 'submitting') for lost
// ones after the grace period and send them again. A row in send_leases names the process that
// sends for an account; another process takes it over only when that one is gone (its pid no
// longer exists, as after kill -9) or has not renewed it for a long time (another machine's pid
// on a shared folder).
import type { SendLeaseRows } from '../store';

const STALE_MS = 2 * 60_000;
const RENEW_EVERY_MS = 10_000;
/** How long to wait before asking again for a lease another process holds. */
export const LEASE_RETRY_MS = RENEW_EVERY_MS;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process's claim to send for one account. Times are wall-clock: the lease is about processes. */
export class SendLease {
  private renewedAt = 0;

  constructor(
    private readonly rows: SendLeaseRows,
    private readonly accountId: number,
  ) {}

  /** Takes the lease if it is free, ours, or its holder is gone; false when another live process holds it. */
  acquire(): boolean {
    const now = Date.now();
    const taken = this.rows.take(this.accountId, process.pid, now, (held) => processAlive(held.pid) && now - held.heartbeatMs < STALE_MS);
    if (taken) this.renewedAt = now;
    return taken;
  }

  /** Keeps the lease fresh (writes at most every few seconds). */
  renew(): void {
    const now = Date.now();
    if (now - this.renewedAt < RENEW_EVERY_MS) return;
    this.rows.renew(this.accountId, process.pid, now);
    this.renewedAt = now;
  }

  release(): void {
    this.rows.release(this.accountId, process.pid);
  }
}
