// IMAP folders and where each stored message sits in them (message_locations), as the sync
// keeps them: CONDSTORE/QRESYNC state per folder (RFC 7162), flags per (folder, uid).
import type Database from 'better-sqlite3';
import type { ChangeTracker } from '../changes';
import type { FolderInput, FolderSummary, FolderSyncState, LocationMove } from '../types';
import { json } from '../values';

/**
 * The folder pane's query (exported for the plan test). Counted on indexes, the total on (folder_id, uid), the unread
 * on the partial index of unseen locations (migration 5), so it never reads the location rows themselves.
 */
export const folderSummariesSql = `SELECT f.id, f.account_id AS accountId, f.path, f.special_use AS specialUse, f.role,
    (SELECT count(*) FROM message_locations l WHERE l.folder_id = f.id) AS total,
    (SELECT count(*) FROM message_locations l WHERE l.folder_id = f.id AND l.seen = 0) AS unread
  FROM folders f
  WHERE @accountId IS NULL OR f.account_id = @accountId
  ORDER BY f.account_id, f.path`;

/** Prepared folder and location statements. */
export class FolderQueries {
  private readonly upsert: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly summaries: Database.Statement<{ accountId: number | null }, FolderSummary>;
  private readonly syncState: Database.Statement<[number], FolderSyncState>;
  private readonly setSync: Database.Statement<[number | null, number | null, bigint | null, number]>;
  private readonly uids: Database.Statement<[number], { uid: number }>;
  private readonly removeLocation: Database.Statement<[number, number], { id: number; message_row_id: number }>;
  private readonly clearLocations: Database.Statement<[number]>;
  private readonly serverFlags: Database.Statement<[string, number, number, number], { id: number; message_row_id: number }>;
  private readonly messageFlags: Database.Statement<[string, number]>;
  private readonly remove: Database.Statement<[number]>;
  private readonly locationAt: Database.Statement<[number, number], { id: number; message_row_id: number }>;
  private readonly relocate: Database.Statement<[number, number, number]>;
  private readonly renamePaths: Database.Statement<{ newPath: string; folderId: number; oldPath: string; delimiter: string }, { id: number }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO folders (account_id, path, special_use, role) VALUES (@accountId, @path, @specialUse, @role)
       ON CONFLICT (account_id, path) DO UPDATE SET special_use = excluded.special_use, role = coalesce(excluded.role, folders.role)
       RETURNING id`,
    );
    this.summaries = db.prepare(folderSummariesSql);
    this.syncState = db
      .prepare('SELECT uidvalidity AS uidValidity, uidnext AS uidNext, highestmodseq AS highestModseq FROM folders WHERE id = ?')
      .safeIntegers(true) as Database.Statement<[number], FolderSyncState>;
    this.setSync = db.prepare('UPDATE folders SET uidvalidity = ?, uidnext = ?, highestmodseq = ? WHERE id = ?');
    // Pending locations (negative UIDs, a sent copy not synced yet) are PecDesk's own, not the server's.
    this.uids = db.prepare('SELECT uid FROM message_locations WHERE folder_id = ? AND uid > 0 ORDER BY uid');
    this.removeLocation = db.prepare('DELETE FROM message_locations WHERE folder_id = ? AND uid = ? RETURNING id, message_row_id');
    this.clearLocations = db.prepare('DELETE FROM message_locations WHERE folder_id = ?');
    this.serverFlags = db.prepare(
      `UPDATE message_locations SET flags = ?, seen = ?, flags_dirty = 0 WHERE folder_id = ? AND uid = ? RETURNING id, message_row_id`,
    );
    this.messageFlags = db.prepare('UPDATE messages SET flags = ? WHERE id = ?');
    this.remove = db.prepare('DELETE FROM folders WHERE id = ?');
    this.locationAt = db.prepare('SELECT id, message_row_id FROM message_locations WHERE folder_id = ? AND uid = ?');
    this.relocate = db.prepare('UPDATE message_locations SET folder_id = ?, uid = ? WHERE id = ?');
    // The folder and every folder under it ("old/…"): substr keeps the rest of each path after the old prefix.
    this.renamePaths = db.prepare(
      `UPDATE folders SET path = @newPath || substr(path, length(@oldPath) + 1)
       WHERE account_id = (SELECT account_id FROM folders WHERE id = @folderId)
         AND (id = @folderId OR substr(path, 1, length(@oldPath || @delimiter)) = @oldPath || @delimiter)
       RETURNING id`,
    );
  }

  /** Creates the folder or updates its special-use and role; returns its id. */
  upsertFolder(accountId: number, folder: FolderInput): number {
    return this.changes.write(() => {
      const { id } = this.upsert.get({ accountId, path: folder.path, specialUse: folder.specialUse ?? null, role: folder.role ?? null })!;
      this.changes.note('folders', [id]);
      return id;
    });
  }

  /** Folders (of one account, or all) with their message and unread counts. */
  listFolders(accountId?: number): FolderSummary[] {
    return this.summaries.all({ accountId: accountId ?? null });
  }

  /** The folder's sync state; numbers come back as bigint where they are 63-bit (modseq). */
  folderSyncState(folderId: number): FolderSyncState | null {
    const row = this.syncState.get(folderId);
    if (!row) return null;
    const num = (v: unknown) => (v === null ? null : Number(v));
    return { uidValidity: num(row.uidValidity), uidNext: num(row.uidNext), highestModseq: row.highestModseq };
  }

  /**
   * Saves the folder's sync state. A new UIDVALIDITY voids every UID known in the folder
   * (RFC 3501 §2.3.1.1), so its locations are dropped and the sync files them again.
   */
  setFolderSyncState(folderId: number, state: FolderSyncState): void {
    this.changes.write(() => {
      const before = this.folderSyncState(folderId);
      if (before && before.uidValidity !== null && before.uidValidity !== state.uidValidity) this.clearLocations.run(folderId);
      this.setSync.run(state.uidValidity, state.uidNext, state.highestModseq, folderId);
      this.changes.note('folders', [folderId]);
    });
  }

  /** UIDs the store knows in a folder, ascending. */
  folderUids(folderId: number): number[] {
    return this.uids.all(folderId).map((r) => r.uid);
  }

  /** Forgets messages expunged from a folder on the server; the messages themselves stay. */
  removeLocations(folderId: number, uids: number[]): void {
    this.changes.write(() => {
      for (const uid of uids) {
        const gone = this.removeLocation.get(folderId, uid);
        if (!gone) continue;
        this.changes.note('message_locations', [gone.id]);
        this.changes.note('messages', [gone.message_row_id]);
      }
      this.changes.note('folders', [folderId]);
    });
  }

  /**
   * Moves locations (a message MOVEd on the server, RFC 6851, to the UID COPYUID gave it, RFC 4315;
   * or filed aside locally) in one transaction. The row keeps its id, flags and pending flag
   * change; a location already recorded at the destination gives way. Returns how many are at
   * their destination now: a source the store does not know is skipped.
   */
  moveLocations(moves: LocationMove[]): number {
    return this.changes.write(() => {
      let moved = 0;
      for (const m of moves) {
        const source = this.locationAt.get(m.fromFolderId, m.fromUid);
        if (!source) continue;
        moved++;
        if (m.fromFolderId === m.toFolderId && m.fromUid === m.toUid) continue;
        const displaced = this.removeLocation.get(m.toFolderId, m.toUid);
        if (displaced) {
          this.changes.note('message_locations', [displaced.id]);
          this.changes.note('messages', [displaced.message_row_id]);
        }
        this.relocate.run(m.toFolderId, m.toUid, source.id);
        this.changes.note('message_locations', [source.id]);
        this.changes.note('messages', [source.message_row_id]);
        this.changes.note('folders', [m.fromFolderId, m.toFolderId]);
      }
      return moved;
    });
  }

  /** Flags as the server reports them (FETCH FLAGS / CONDSTORE changes). */
  setServerFlags(folderId: number, uid: number, flags: string[]): void {
    this.changes.write(() => {
      const updated = this.serverFlags.get(json(flags), Number(flags.includes('\\Seen')), folderId, uid);
      if (!updated) return;
      this.messageFlags.run(json(flags), updated.message_row_id);
      this.changes.note('message_locations', [updated.id]);
      this.changes.note('messages', [updated.message_row_id]);
      this.changes.note('folders', [folderId]);
    });
  }

  /**
   * Follows a RENAME the server carried out (RFC 3501 §6.3.5: the folder's inferiors are renamed
   * with it): the folder and its subfolders take the new path, keeping their ids, messages and
   * sync state, so nothing is fetched again. `delimiter` is the server's hierarchy separator.
   */
  renameFolder(folderId: number, oldPath: string, newPath: string, delimiter: string): void {
    this.changes.write(() => {
      const renamed = this.renamePaths.all({ newPath, folderId, oldPath, delimiter });
      this.changes.note('folders', renamed.map((r) => r.id));
    });
  }

  /** Removes a folder deleted on the server, with its locations. */
  removeFolder(folderId: number): void {
    this.changes.write(() => {
      if (this.remove.run(folderId).changes) this.changes.note('folders', [folderId]);
    });
  }
}
