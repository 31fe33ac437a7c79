// Which raw files the database names: a received message's, a sent message's submitted bytes, a
// queued recipient's. Recovery (recovery.ts) files again those no row names.
import type Database from 'better-sqlite3';

export class RawReferences {
  private readonly named: Database.Statement<[], { sha: string }>;

  constructor(db: Database.Database) {
    this.named = db.prepare(
      `SELECT sha256 AS sha FROM messages
       UNION SELECT raw_sha256 FROM sent_messages WHERE raw_sha256 IS NOT NULL
       UNION SELECT raw_sha256 FROM campaign_recipients WHERE raw_sha256 IS NOT NULL`,
    );
  }

  /** Every SHA-256 a row of the database names. */
  all(): Set<string> {
    return new Set(this.named.all().map((r) => r.sha));
  }
}
