// Which process sends for each account (table send_leases, migration 3). The send domain decides
// when a holder is gone (send/lease.ts); these statements only read and write the claim.
import type Database from 'better-sqlite3';

/** The process holding an account's lease and its last heartbeat (wall-clock ms). */
export interface LeaseHolder {
  pid: number;
  heartbeatMs: number;
}

/** Prepared statements over send_leases. */
export class SendLeaseRows {
  private readonly current: Database.Statement<[number], LeaseHolder>;
  private readonly upsert: Database.Statement<[number, number, number]>;
  private readonly heartbeat: Database.Statement<[number, number, number]>;
  private readonly remove: Database.Statement<[number, number]>;

  constructor(private readonly db: Database.Database) {
    this.current = db.prepare('SELECT pid, heartbeat_ms AS heartbeatMs FROM send_leases WHERE account_id = ?');
    this.upsert = db.prepare(
      'INSERT INTO send_leases (account_id, pid, heartbeat_ms) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET pid = excluded.pid, heartbeat_ms = excluded.heartbeat_ms',
    );
    this.heartbeat = db.prepare('UPDATE send_leases SET heartbeat_ms = ? WHERE account_id = ? AND pid = ?');
    this.remove = db.prepare('DELETE FROM send_leases WHERE account_id = ? AND pid = ?');
  }

  /**
   * In one IMMEDIATE transaction (so two processes cannot both win): gives the lease to `pid` at
   * `nowMs` unless `keep` says the current holder keeps it. True when `pid` holds it now.
   */
  take(accountId: number, pid: number, nowMs: number, keep: (holder: LeaseHolder) => boolean): boolean {
    return this.db
      .transaction(() => {
        const held = this.current.get(accountId);
        if (held && held.pid !== pid && keep(held)) return false;
        this.upsert.run(accountId, pid, nowMs);
        return true;
      })
      .immediate();
  }

  renew(accountId: number, pid: number, nowMs: number): void {
    this.heartbeat.run(nowMs, accountId, pid);
  }

  release(accountId: number, pid: number): void {
    this.remove.run(accountId, pid);
  }
}
