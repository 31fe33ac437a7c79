// Removing an account, by the user's choice: kept as a read-only archive (its folders, messages
// and sent evidence stay, it no longer syncs or sends), or deleted with everything that was only
// its own. Raw files are content-addressed and may be shared by several accounts (the same PEC
// received in two mailboxes): a file goes only when no row of the store names it any more, and
// a pack (packStore.ts: one sync batch of one account) only when no message in it is left.
import type Database from 'better-sqlite3';
import type { ChangeTracker } from '../changes';
import { rawRelPath } from '../rawStore';
import { nowIso } from '../values';

/** 'archive' keeps the mail read-only; 'delete' removes it, raw files referenced by nothing else too. */
export type RemoveAccountMode = 'archive' | 'delete';

/** Outcome of removeAccount: whether the account existed, and (delete) the raw files no row names any more. */
export interface RemoveAccountResult {
  removed: boolean;
  /** Paths relative to the store folder, to unlink after the commit. */
  unreferencedRaw: string[];
}

/** An archived account: what the folder tree shows under "Archivio". */
export interface ArchivedAccountRow {
  id: number;
  name: string;
  address: string;
  archivedAt: string;
}

/** Prepared statements of the account removal. */
export class AccountRemoval {
  private readonly exists: Database.Statement<[number], { id: number }>;
  private readonly archive: Database.Statement<[string, number]>;
  private readonly archives: Database.Statement<[], ArchivedAccountRow>;
  private readonly messagesOfAccount: Database.Statement<[number], { id: number; sha256: string; raw_path: string; packed: number }>;
  private readonly packIsNamed: Database.Statement<[string, string], { one: number }>;
  private readonly sentRawOfAccount: Database.Statement<[number], { raw_sha256: string; raw_path: string | null; packed: number }>;
  private readonly deleteStatements: Database.Statement<[number]>[];
  private readonly deleteAccount: Database.Statement<[number]>;
  private readonly messageIsLocated: Database.Statement<[number], { one: number }>;
  private readonly deleteMessage: Database.Statement<[number]>;
  private readonly shaIsNamed: Database.Statement<[string, string], { one: number }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    this.exists = db.prepare('SELECT id FROM accounts WHERE id = ?');
    this.archive = db.prepare(`UPDATE accounts SET settings = json_set(settings, '$.archivedAt', ?) WHERE id = ?`);
    this.archives = db.prepare(
      `SELECT id, name, address, json_extract(settings, '$.archivedAt') AS archivedAt FROM accounts
       WHERE json_extract(settings, '$.archivedAt') IS NOT NULL ORDER BY name, id`,
    );
    this.messagesOfAccount = db.prepare(
      `SELECT DISTINCT m.id, m.sha256, m.raw_path, m.raw_offset IS NOT NULL AS packed FROM messages m
       JOIN message_locations l ON l.message_row_id = m.id JOIN folders f ON f.id = l.folder_id
       WHERE f.account_id = ?`,
    );
    this.sentRawOfAccount = db.prepare(
      'SELECT raw_sha256, raw_path, raw_offset IS NOT NULL AS packed FROM sent_messages WHERE account_id = ? AND raw_sha256 IS NOT NULL',
    );
    // Campaigns first (their recipients and attachments cascade), then the sent messages
    // (deliveries cascade; receipts kept by another account lose only the link).
    this.deleteStatements = [
      db.prepare('DELETE FROM campaigns WHERE account_id = ?'),
      db.prepare('DELETE FROM sent_messages WHERE account_id = ?'),
      db.prepare('DELETE FROM send_attempts WHERE account_id = ?'),
      db.prepare('DELETE FROM send_leases WHERE account_id = ?'),
    ];
    // Folders and their message locations cascade.
    this.deleteAccount = db.prepare('DELETE FROM accounts WHERE id = ?');
    this.messageIsLocated = db.prepare('SELECT 1 AS one FROM message_locations WHERE message_row_id = ? LIMIT 1');
    this.deleteMessage = db.prepare('DELETE FROM messages WHERE id = ?');
    this.shaIsNamed = db.prepare(
      `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM messages WHERE sha256 = ?)
       OR EXISTS (SELECT 1 FROM sent_messages WHERE raw_sha256 = ?)`,
    );
    // A pack holds a sync batch's messages or a send batch's (migration 16), and a sent copy in
    // Posta inviata names its sent message's entry: a pack goes only when no row of either names it.
    this.packIsNamed = db.prepare(
      `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM messages WHERE raw_path = ? AND raw_offset IS NOT NULL)
       OR EXISTS (SELECT 1 FROM sent_messages WHERE raw_path = ? AND raw_offset IS NOT NULL)`,
    );
  }

  /** The archived accounts, by name. */
  listArchives(): ArchivedAccountRow[] {
    return this.archives.all();
  }

  removeAccount(accountId: number, mode: RemoveAccountMode): RemoveAccountResult {
    return this.changes.write((): RemoveAccountResult => {
      if (!this.exists.get(accountId)) return { removed: false, unreferencedRaw: [] };
      this.changes.note('accounts', [accountId]);
      if (mode === 'archive') {
        this.archive.run(nowIso(), accountId);
        return { removed: true, unreferencedRaw: [] };
      }
      const messages = this.messagesOfAccount.all(accountId);
      const candidates = new Map<string, string>(messages.flatMap((m) => (m.packed ? [] : [[m.sha256, m.raw_path] as const])));
      const packs = new Set(messages.flatMap((m) => (m.packed ? [m.raw_path] : [])));
      for (const s of this.sentRawOfAccount.all(accountId)) {
        if (s.packed && s.raw_path) packs.add(s.raw_path);
        else candidates.set(s.raw_sha256, rawRelPath(s.raw_sha256));
      }
      for (const statement of this.deleteStatements) statement.run(accountId);
      this.deleteAccount.run(accountId);
      // A message also filed in another account's folder stays, with its bytes.
      const gone = messages.filter((m) => !this.messageIsLocated.get(m.id));
      for (const m of gone) this.deleteMessage.run(m.id);
      this.changes.note('messages', gone.map((m) => m.id));
      const unreferencedRaw = [...candidates].filter(([sha]) => !this.shaIsNamed.get(sha, sha)).map(([, relPath]) => relPath);
      for (const pack of packs) if (!this.packIsNamed.get(pack, pack)) unreferencedRaw.push(pack);
      return { removed: true, unreferencedRaw };
    });
  }
}
