// One sending process per account. The app and the CLI may open the same store; if both sent
// the same queue, each would take the other's in-flight messages (state 'submitting') for lost
// ones after the grace period and send them again. A row in send_leases names the process that
// sends for an account; another process takes it over only when that one is gone (its pid no
// longer exists, as after kill -9) or has not renewed it for a long time (another machine's pid
// on a shared folder).
import type Database from 'better-sqlite3';

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
  private readonly current: Database.Statement<[number], { pid: number; heartbeat_ms: number }>;
  private readonly upsert: Database.Statement<[number, number, number]>;
  private readonly heartbeat: Database.Statement<[number, number, number]>;
  private readonly remove: Database.Statement<[number, number]>;
  private renewedAt = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly accountId: number,
  ) {
    this.current = db.prepare('SELECT pid, heartbeat_ms FROM send_leases WHERE account_id = ?');
    this.upsert = db.prepare(
      'INSERT INTO send_leases (account_id, pid, heartbeat_ms) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET pid = excluded.pid, heartbeat_ms = excluded.heartbeat_ms',
    );
    this.heartbeat = db.prepare('UPDATE send_leases SET heartbeat_ms = ? WHERE account_id = ? AND pid = ?');
    this.remove = db.prepare('DELETE FROM send_leases WHERE account_id = ? AND pid = ?');
  }

  /** Takes the lease if it is free, ours, or its holder is gone; false when another live process holds it. */
  acquire(): boolean {
    return this.db
      .transaction(() => {
        const now = Date.now();
        const held = this.current.get(this.accountId);
        if (held && held.pid !== process.pid && processAlive(held.pid) && now - held.heartbeat_ms < STALE_MS) return false;
        this.upsert.run(this.accountId, process.pid, now);
        this.renewedAt = now;
        return true;
      })
      .immediate();
  }

  /** Keeps the lease fresh (writes at most every few seconds). */
  renew(): void {
    const now = Date.now();
    if (now - this.renewedAt < RENEW_EVERY_MS) return;
    this.heartbeat.run(now, this.accountId, process.pid);
    this.renewedAt = now;
  }

  release(): void {
    this.remove.run(this.accountId, process.pid);
  }
}
