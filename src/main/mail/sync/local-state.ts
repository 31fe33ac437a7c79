// What the store knows about one server mailbox, read straight from the store's database handle
// (Store.db is offered for other domains' read queries; every write goes through Store methods).
//
// A server mailbox can be filed in two store folders: in 'local' receipts mode the receipts of
// INBOX stay on the server's INBOX but PecDesk shows them in its own receipts folder, so their
// location rows sit in that local folder with their INBOX UID (see receipts.ts). Every question
// here is therefore asked of a MailboxView: the folder and, for INBOX, that local alias.
import type { Store } from '../../store';

/** A server mailbox as filed in the store: its folder, plus the local receipts folder for INBOX. */
export interface MailboxView {
  path: string;
  folderId: number;
  /** The local-only receipts folder holding some of this mailbox's UIDs, or null. */
  aliasId: number | null;
}

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

/** Prepared read queries over message_locations, one set per engine. */
export class LocalState {
  private readonly countStatement;
  private readonly locationsStatement;
  private readonly receiptsStatement;
  private readonly anyReceiptStatement;
  private readonly messagesStatement;

  constructor(store: Store) {
    // Only server UIDs: a pending location (negative UID, a sent copy filed before the sync) is never compared with the server.
    this.countStatement = store.db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM message_locations WHERE folder_id IN (?, ?) AND uid > 0');
    this.locationsStatement = store.db.prepare<[number, number], LocationRow>(`SELECT ${COLUMNS} FROM message_locations l WHERE l.folder_id IN (?, ?) AND l.uid > 0`);
    this.receiptsStatement = store.db.prepare<[number, number], LocationRow>(
      `SELECT ${COLUMNS} FROM message_locations l JOIN messages m ON m.id = l.message_row_id
       WHERE l.folder_id IN (?, ?) AND m.kind = 'receipt' ORDER BY l.uid`,
    );
    this.anyReceiptStatement = store.db.prepare<[number, number], { found: number }>(
      `SELECT EXISTS (SELECT 1 FROM message_locations l JOIN messages m ON m.id = l.message_row_id
       WHERE l.folder_id IN (?, ?) AND m.kind = 'receipt') AS found`,
    );
    this.messagesStatement = store.db.prepare<[number, string], LocationRow>(
      `SELECT ${COLUMNS} FROM message_locations l WHERE l.folder_id = ? AND l.message_row_id IN (SELECT value FROM json_each(?)) ORDER BY l.uid`,
    );
  }

  /** Where the given messages sit in one folder, by ascending UID (a message filed twice there has two). */
  messagesIn(folderId: number, messageRowIds: number[]): KnownLocation[] {
    return this.messagesStatement.all(folderId, JSON.stringify(messageRowIds)).map(known);
  }

  /** How many UIDs of the mailbox the store knows. */
  count(view: MailboxView): number {
    return this.countStatement.get(...ids(view))!.n;
  }

  /** Every known UID of the mailbox with its location. */
  locations(view: MailboxView): Map<number, KnownLocation> {
    return new Map(this.locationsStatement.all(...ids(view)).map((r) => [r.uid, known(r)]));
  }

  /** Whether any receipt is filed at the given folders. */
  hasReceipts(folderId: number, otherFolderId = folderId): boolean {
    return this.anyReceiptStatement.get(folderId, otherFolderId)!.found === 1;
  }

  /** Receipts filed at the given folders, by ascending UID. */
  receiptsIn(folderId: number, otherFolderId = folderId): KnownLocation[] {
    return this.receiptsStatement.all(folderId, otherFolderId).map(known);
  }
}

function ids(view: MailboxView): [number, number] {
  return [view.folderId, view.aliasId ?? view.folderId];
}

function known(row: LocationRow): KnownLocation {
  return { folderId: row.folderId, uid: row.uid, messageRowId: row.messageRowId, flags: JSON.parse(row.flags) as string[], dirty: row.dirty === 1 };
}
