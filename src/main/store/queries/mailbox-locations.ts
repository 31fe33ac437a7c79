// What the store knows of one server mailbox, for the sync to compare with the server: the UIDs
// filed at a folder and, for INBOX in 'local' receipts mode, at its local receipts folder too (the
// sync's MailboxView names both; pass the same id twice for a plain folder).
import type Database from 'better-sqlite3';

/** One (folder, uid) the store knows, with its flags and whether PecDesk changed them. */
export interface KnownLocation {
  folderId: number;
  uid: number;
  messageRowId: number;
  flags: string[];
  /** PecDesk changed the flags and has not stored them on the server yet. */
  dirty: boolean;
}

interface LocationRow {
  folderId: number;
  uid: number;
  messageRowId: number;
  flags: string;
  dirty: number;
}

const COLUMNS = 'l.folder_id AS folderId, l.uid, l.message_row_id AS messageRowId, l.flags, l.flags_dirty AS dirty';

/** Prepared read queries over message_locations. */
export class MailboxLocations {
  private readonly countStatement: Database.Statement<[number, number], { n: number }>;
  private readonly locationsStatement: Database.Statement<[number, number], LocationRow>;
  private readonly receiptsStatement: Database.Statement<[number, number], LocationRow>;
  private readonly anyReceiptStatement: Database.Statement<[number, number], { found: number }>;
  private readonly messagesStatement: Database.Statement<[number, string], LocationRow>;

  constructor(db: Database.Database) {
    // Only server UIDs: a pending location (negative UID, a sent copy filed before the sync) is never compared with the server.
    this.countStatement = db.prepare('SELECT count(*) AS n FROM message_locations WHERE folder_id IN (?, ?) AND uid > 0');
    this.locationsStatement = db.prepare(`SELECT ${COLUMNS} FROM message_locations l WHERE l.folder_id IN (?, ?) AND l.uid > 0`);
    this.receiptsStatement = db.prepare(
      `SELECT ${COLUMNS} FROM message_locations l JOIN messages m ON m.id = l.message_row_id
       WHERE l.folder_id IN (?, ?) AND m.kind = 'receipt' ORDER BY l.uid`,
    );
    this.anyReceiptStatement = db.prepare(
      `SELECT EXISTS (SELECT 1 FROM message_locations l JOIN messages m ON m.id = l.message_row_id
       WHERE l.folder_id IN (?, ?) AND m.kind = 'receipt') AS found`,
    );
    this.messagesStatement = db.prepare(
      `SELECT ${COLUMNS} FROM message_locations l WHERE l.folder_id = ? AND l.message_row_id IN (SELECT value FROM json_each(?)) ORDER BY l.uid`,
    );
  }

  /** Where the given messages sit in one folder, by ascending UID (a message filed twice there has two). */
  messagesIn(folderId: number, messageRowIds: number[]): KnownLocation[] {
    return this.messagesStatement.all(folderId, JSON.stringify(messageRowIds)).map(known);
  }

  /** How many server UIDs the two folders hold. */
  count(folderId: number, otherFolderId: number): number {
    return this.countStatement.get(folderId, otherFolderId)!.n;
  }

  /** Every server UID of the two folders with its location. */
  locations(folderId: number, otherFolderId: number): KnownLocation[] {
    return this.locationsStatement.all(folderId, otherFolderId).map(known);
  }

  /** Whether any receipt is filed at the two folders. */
  hasReceipts(folderId: number, otherFolderId: number): boolean {
    return this.anyReceiptStatement.get(folderId, otherFolderId)!.found === 1;
  }

  /** Receipts filed at the two folders, by ascending UID. */
  receiptsIn(folderId: number, otherFolderId: number): KnownLocation[] {
    return this.receiptsStatement.all(folderId, otherFolderId).map(known);
  }
}

function known(row: LocationRow): KnownLocation {
  return { folderId: row.folderId, uid: row.uid, messageRowId: row.messageRowId, flags: JSON.parse(row.flags) as string[], dirty: row.dirty === 1 };
}
