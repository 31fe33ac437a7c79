// What the notifier (keeping/notifications.ts) reads: the newest message id, so it tells only of
// messages filed after it started, and the sent PEC still waiting for their consegne that it has not told of yet.
import type Database from 'better-sqlite3';
import type { AwaitingDeliveryRow } from '../types';

/** Prepared reads for notifications. */
export class NoticeQueries {
  private readonly latest: Database.Statement<[], { id: number | null }>;
  private readonly awaiting: Database.Statement<{ cutoff: string }, AwaitingDeliveryRow>;
  private readonly markNotified: Database.Statement<{ id: number; at: string }>;

  constructor(db: Database.Database) {
    this.latest = db.prepare('SELECT max(id) AS id FROM messages');
    // A bulk send's lateness is the send engine's own notice ("consegne in ritardo"): single PEC only here.
    this.awaiting = db.prepare(
      `SELECT s.id AS sentMessageId, s.subject, s.created_at AS sentAt, count(*) AS missing
       FROM sent_messages s JOIN deliveries d ON d.sent_message_id = s.id
       WHERE s.campaign_id IS NULL AND s.status IN ('submitted', 'accepted') AND s.created_at <= @cutoff
         AND s.missing_notified_at IS NULL
         AND d.status IN ('pending', 'accepted', 'warning')
       GROUP BY s.id ORDER BY s.id`,
    );
    this.markNotified = db.prepare('UPDATE sent_messages SET missing_notified_at = @at WHERE id = @id AND missing_notified_at IS NULL');
  }

  /** The id of the newest stored message (0 when none). */
  latestMessageRowId(): number {
    return this.latest.get()!.id ?? 0;
  }

  /** Records that the user was told these sent PEC still lack consegne (so never again). */
  markMissingNotified(sentMessageIds: readonly number[], at: string): void {
    for (const id of sentMessageIds) this.markNotified.run({ id, at });
  }

  /** Sent PEC (not of a bulk send, not yet told about) submitted by `cutoff` (ISO 8601) with recipients still without a consegna or a final error. */
  awaitingDelivery(cutoff: string): AwaitingDeliveryRow[] {
    return this.awaiting.all({ cutoff });
  }
}
