// What an archive of mail takes (keeping/): the messages of a selection, one row per place each
// sits in (a folder and UID, or "Importati"), with what the archive names them by and the sent
// message they are, so their receipts can go beside them.
import type Database from 'better-sqlite3';
import type { ArchiveCandidate, ArchiveScope } from '../types';

const columns = `m.id AS messageRowId, m.sha256, m.size, m.kind, m.message_id AS messageId,
  coalesce(CASE WHEN m.kind IN ('envelope', 'anomaly') THEN m.orig_subject END, m.subject, '') AS subject,
  coalesce(m.date_ms, m.received_ms) AS dateMs,
  l.folder_id AS folderId, f.path AS folderPath, a.address AS accountAddress, l.uid,
  (SELECT s.id FROM sent_messages s WHERE s.message_id = m.message_id) AS sentMessageId`;
const placed = `message_locations l JOIN messages m ON m.id = l.message_row_id
  JOIN folders f ON f.id = l.folder_id JOIN accounts a ON a.id = f.account_id`;

/** Prepared reads of what an archive takes. */
export class ArchiveQueries {
  private readonly byIds: Database.Statement<{ ids: string }, ArchiveCandidate>;
  private readonly inFolder: Database.Statement<{ folderId: number; beforeMs: number | null }, ArchiveCandidate>;
  private readonly everywhere: Database.Statement<{ beforeMs: number }, ArchiveCandidate>;

  constructor(db: Database.Database) {
    // Selected messages: every place each sits in, or none (one imported from a file).
    this.byIds = db.prepare(
      `SELECT ${columns} FROM json_each(@ids) j JOIN messages m ON m.id = j.value
         LEFT JOIN message_locations l ON l.message_row_id = m.id LEFT JOIN folders f ON f.id = l.folder_id
         LEFT JOIN accounts a ON a.id = f.account_id
       ORDER BY m.id, l.id`,
    );
    this.inFolder = db.prepare(
      `SELECT ${columns} FROM ${placed} WHERE l.folder_id = @folderId AND (@beforeMs IS NULL OR l.sort_date_ms < @beforeMs)
       ORDER BY l.sort_date_ms, l.id`,
    );
    this.everywhere = db.prepare(`SELECT ${columns} FROM ${placed} WHERE l.sort_date_ms < @beforeMs ORDER BY l.sort_date_ms, l.id`);
  }

  /** The selection's messages, one row per place; oldest first for a folder or a date. */
  candidates(scope: ArchiveScope): ArchiveCandidate[] {
    if ('messageRowIds' in scope) return this.byIds.all({ ids: JSON.stringify(scope.messageRowIds) });
    if (scope.folderId !== null) return this.inFolder.all({ folderId: scope.folderId, beforeMs: scope.beforeMs });
    return scope.beforeMs === null ? [] : this.everywhere.all({ beforeMs: scope.beforeMs });
  }
}
