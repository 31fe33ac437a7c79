// What receipts and the user said of an address being a PEC mailbox (table pec_addresses_seen and
// contacts.is_pec, migration 2). The contacts domain weighs them into a badge (pec-status.ts).
import type Database from 'better-sqlite3';

/** Prepared statements over pec_addresses_seen. */
export class PecEvidenceRows {
  private readonly seen: Database.Statement<[string], { certified: number }>;
  private readonly flagged: Database.Statement<[string], { isPec: number }>;
  private readonly upsert: Database.Statement<[string, number, number]>;

  constructor(db: Database.Database) {
    this.seen = db.prepare('SELECT certified FROM pec_addresses_seen WHERE address = ?');
    this.flagged = db.prepare('SELECT MAX(is_pec) AS isPec FROM contacts WHERE pec = ?');
    this.upsert = db.prepare(
      `INSERT INTO pec_addresses_seen (address, certified, seen_ms) VALUES (?, ?, ?)
       ON CONFLICT (address) DO UPDATE SET certified = excluded.certified, seen_ms = excluded.seen_ms
       WHERE excluded.seen_ms >= pec_addresses_seen.seen_ms`,
    );
  }

  /** What the latest daticert said of a (normalized) address: 1 certificato, 0 esterno, null never seen. */
  seenCertified(address: string): number | null {
    return this.seen.get(address)?.certified ?? null;
  }

  /** Whether a contact with this PEC address is flagged as a PEC mailbox by the user. */
  flaggedAsPec(address: string): boolean {
    return (this.flagged.get(address)?.isPec ?? 0) === 1;
  }

  /** Records what a daticert as of seenMs says of an address; an older statement never replaces a newer one. */
  record(address: string, certified: boolean, seenMs: number): void {
    this.upsert.run(address, certified ? 1 : 0, seenMs);
  }
}
