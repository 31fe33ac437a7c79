// Drafts of single messages (migration 11): the composer's fields and files as last saved, and
// where the server's copy of the draft is, so the next save can replace it. The local row is the
// truth: it is written first, fsynced by SQLite's FULL synchronous mode, before any server work.
import type Database from 'better-sqlite3';
import type { ReceiptVariant } from '../../shared/pec';
import type { ChangeTracker } from './changes';
import { sha256Hex } from './rawStore';
import { json, nowIso, parseJson } from './values';

/** A copy of a draft on a server: the account whose server it is, folder and UID. */
export interface DraftServerCopy {
  accountId: number;
  path: string;
  uid: number;
}

/** A file of a draft with its bytes. */
export interface DraftFile {
  filename: string;
  contentType: string | null;
  content: Buffer;
}

/** What the composer saves. */
export interface DraftInput {
  accountId: number | null;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  receiptVariant: ReceiptVariant;
  inReplyTo: string | null;
  references: string[];
  attachments: DraftFile[];
}

/** A saved draft, its files named but not read. */
export interface DraftRow extends Omit<DraftInput, 'attachments'> {
  id: number;
  updatedAt: string;
  /** The server copy the next save replaces; null until a save reached the server. */
  serverCopy: DraftServerCopy | null;
  serverSavedAt: string | null;
  /** Older server copies not deleted yet (the server was unreachable then). */
  staleCopies: DraftServerCopy[];
  attachments: { filename: string; contentType: string | null; size: number }[];
}

/**
 * A message in an account's server Drafts folder that is no copy of a draft kept here: another
 * program (webmail, a phone) left it there. Bozze lists it; opening it makes it a draft of ours.
 */
export interface OtherDraftRow {
  messageRowId: number;
  copy: DraftServerCopy;
  subject: string;
  to: string[];
  date: string | null;
  hasAttachments: boolean;
}

interface OtherRaw {
  messageRowId: number;
  accountId: number;
  path: string;
  uid: number;
  subject: string | null;
  to: string;
  date: string | null;
  hasAttachments: number;
}

interface RawDraft {
  id: number;
  account_id: number | null;
  to_json: string;
  cc_json: string;
  subject: string;
  html: string;
  receipt_variant: ReceiptVariant;
  in_reply_to: string | null;
  references_json: string;
  updated_at: string;
  server_account_id: number | null;
  server_path: string | null;
  server_uid: number | null;
  server_saved_at: string | null;
  stale_copies_json: string;
}

type FileInfo = DraftRow['attachments'][number];

/** The drafts table: the store's single writer for it. */
export class MessageDrafts {
  private readonly insert: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly update: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly byId: Database.Statement<[number], RawDraft>;
  private readonly all: Database.Statement<[], RawDraft>;
  private readonly ofAccount: Database.Statement<[number], RawDraft>;
  private readonly fileInfo: Database.Statement<[number], FileInfo>;
  private readonly fileContent: Database.Statement<[number], DraftFile>;
  private readonly fileHashes: Database.Statement<[number], { sha256: string; filename: string; contentType: string | null }>;
  private readonly deleteFiles: Database.Statement<[number]>;
  private readonly insertFile: Database.Statement<[number, string, string | null, Buffer, number, string]>;
  private readonly setServer: Database.Statement<[number | null, string | null, number | null, string | null, string, number]>;
  private readonly remove: Database.Statement<[number]>;
  private readonly others: Database.Statement<[number], OtherRaw>;
  private readonly otherByMessage: Database.Statement<[number], OtherRaw>;
  private readonly holderOf: Database.Statement<[number, string, number], { id: number }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    const fields = `account_id = @accountId, to_json = @to, cc_json = @cc, subject = @subject, html = @html, receipt_variant = @receiptVariant,
      in_reply_to = @inReplyTo, references_json = @references, updated_at = @updatedAt`;
    this.insert = db.prepare(
      `INSERT INTO message_drafts (account_id, to_json, cc_json, subject, html, receipt_variant, in_reply_to, references_json, updated_at)
       VALUES (@accountId, @to, @cc, @subject, @html, @receiptVariant, @inReplyTo, @references, @updatedAt) RETURNING id`,
    );
    this.update = db.prepare(`UPDATE message_drafts SET ${fields} WHERE id = @id RETURNING id`);
    this.byId = db.prepare('SELECT * FROM message_drafts WHERE id = ?');
    this.all = db.prepare('SELECT * FROM message_drafts ORDER BY updated_at DESC, id DESC');
    this.ofAccount = db.prepare('SELECT * FROM message_drafts WHERE account_id = ? ORDER BY updated_at DESC, id DESC');
    this.fileInfo = db.prepare('SELECT filename, content_type AS contentType, size FROM message_draft_attachments WHERE draft_id = ? ORDER BY id');
    this.fileContent = db.prepare('SELECT filename, content_type AS contentType, content FROM message_draft_attachments WHERE draft_id = ? ORDER BY id');
    this.fileHashes = db.prepare('SELECT sha256, filename, content_type AS contentType FROM message_draft_attachments WHERE draft_id = ? ORDER BY id');
    this.deleteFiles = db.prepare('DELETE FROM message_draft_attachments WHERE draft_id = ?');
    this.insertFile = db.prepare('INSERT INTO message_draft_attachments (draft_id, filename, content_type, content, size, sha256) VALUES (?, ?, ?, ?, ?, ?)');
    this.setServer = db.prepare('UPDATE message_drafts SET server_account_id = ?, server_path = ?, server_uid = ?, server_saved_at = ?, stale_copies_json = ? WHERE id = ?');
    this.remove = db.prepare('DELETE FROM message_drafts WHERE id = ?');
    // A copy is ours when a draft holds it, as its current copy or as one still to delete.
    const others = `SELECT m.id AS messageRowId, f.account_id AS accountId, f.path, l.uid, m.subject, m.to_addrs AS "to", m.date, m.has_attachments AS hasAttachments
       FROM folders f JOIN message_locations l ON l.folder_id = f.id JOIN messages m ON m.id = l.message_row_id
       WHERE f.role = 'drafts'
         AND NOT EXISTS (SELECT 1 FROM message_drafts d WHERE d.server_account_id = f.account_id AND d.server_path = f.path AND d.server_uid = l.uid)
         AND NOT EXISTS (SELECT 1 FROM message_drafts d, json_each(d.stale_copies_json) c
                         WHERE c.value ->> '$.accountId' = f.account_id AND c.value ->> '$.path' = f.path AND c.value ->> '$.uid' = l.uid)`;
    this.others = db.prepare(`${others} AND f.account_id = ? ORDER BY l.sort_date_ms DESC, l.id DESC`);
    this.otherByMessage = db.prepare(`${others} AND m.id = ? ORDER BY l.id LIMIT 1`);
    this.holderOf = db.prepare(`SELECT id FROM message_drafts d WHERE d.server_account_id = ? AND d.server_path = ? AND d.server_uid = ?`);
  }

  /** The messages another program left in the account's server Drafts (synced there), the newest first. */
  othersOnServer(accountId: number): OtherDraftRow[] {
    return this.others.all(accountId).map(otherRow);
  }

  /** The other program's draft that message is, or null (not in a Drafts folder, or a copy of a draft kept here). */
  otherOnServer(messageRowId: number): OtherDraftRow | null {
    const raw = this.otherByMessage.get(messageRowId);
    return raw ? otherRow(raw) : null;
  }

  /**
   * Makes another program's draft one of ours: a new draft with its content whose server copy is
   * that message, so the first save replaces it there instead of leaving two. Opened twice (two
   * clicks, two windows), the draft that already holds the copy is given back.
   */
  adopt(copy: DraftServerCopy, input: DraftInput): DraftRow {
    const id = this.changes.write(() => {
      const held = this.holderOf.get(copy.accountId, copy.path, copy.uid);
      if (held) return held.id;
      const row = this.insert.get(fieldParams(input))!;
      this.replaceFiles(row.id, input.attachments, true);
      this.setServer.run(copy.accountId, copy.path, copy.uid, nowIso(), '[]', row.id);
      this.changes.note('message_drafts', [row.id]);
      return row.id;
    });
    return this.get(id)!;
  }

  /** Saves a new draft (id null) or replaces the fields and files of draft `id`; null when that draft is gone (discarded meanwhile). */
  save(id: number | null, input: DraftInput): DraftRow | null {
    const params = fieldParams(input);
    const savedId = this.changes.write(() => {
      const row = id === null ? this.insert.get(params) : this.update.get({ ...params, id });
      if (!row) return null;
      this.replaceFiles(row.id, input.attachments, id === null);
      this.changes.note('message_drafts', [row.id]);
      return row.id;
    });
    return savedId === null ? null : this.get(savedId);
  }

  /** A draft, or null. */
  get(id: number): DraftRow | null {
    const raw = this.byId.get(id);
    return raw ? this.toRow(raw) : null;
  }

  /** The files of a draft with their bytes, in the order they were attached. */
  files(id: number): DraftFile[] {
    return this.fileContent.all(id);
  }

  /** Every draft (or one account's), the last edited first. */
  list(accountId?: number): DraftRow[] {
    return (accountId === undefined ? this.all.all() : this.ofAccount.all(accountId)).map((r) => this.toRow(r));
  }

  /** Records where the server copy now is, and the older copies still to delete there. */
  setServerCopy(id: number, copy: DraftServerCopy | null, stale: DraftServerCopy[]): void {
    this.changes.write(() => {
      const ran = this.setServer.run(copy?.accountId ?? null, copy?.path ?? null, copy?.uid ?? null, copy ? nowIso() : null, json(stale), id);
      if (ran.changes) this.changes.note('message_drafts', [id]);
    });
  }

  /** Deletes a draft and its files; returns what it was (its server copies to delete), or null when there was none. */
  delete(id: number): DraftRow | null {
    const row = this.get(id);
    if (!row) return null;
    this.changes.write(() => {
      this.remove.run(id);
      this.changes.note('message_drafts', [id]);
    });
    return row;
  }

  /** Rewrites the files only when they changed: an autosave while typing keeps the same bytes. */
  private replaceFiles(id: number, files: DraftFile[], isNew: boolean): void {
    const wanted = files.map((f) => ({ ...f, sha256: sha256Hex(f.content) }));
    if (!isNew) {
      const had = this.fileHashes.all(id);
      const same = had.length === wanted.length && had.every((h, i) => h.sha256 === wanted[i].sha256 && h.filename === wanted[i].filename && h.contentType === wanted[i].contentType);
      if (same) return;
      this.deleteFiles.run(id);
    }
    for (const f of wanted) this.insertFile.run(id, f.filename, f.contentType, f.content, f.content.length, f.sha256);
  }

  private toRow(r: RawDraft): DraftRow {
    return {
      id: r.id,
      accountId: r.account_id,
      to: parseJson<string[]>(r.to_json) ?? [],
      cc: parseJson<string[]>(r.cc_json) ?? [],
      subject: r.subject,
      html: r.html,
      receiptVariant: r.receipt_variant,
      inReplyTo: r.in_reply_to,
      references: parseJson<string[]>(r.references_json) ?? [],
      updatedAt: r.updated_at,
      serverCopy: r.server_account_id !== null && r.server_path !== null && r.server_uid !== null ? { accountId: r.server_account_id, path: r.server_path, uid: r.server_uid } : null,
      serverSavedAt: r.server_saved_at,
      staleCopies: parseJson<DraftServerCopy[]>(r.stale_copies_json) ?? [],
      attachments: this.fileInfo.all(r.id),
    };
  }
}

function otherRow(r: OtherRaw): OtherDraftRow {
  return {
    messageRowId: r.messageRowId,
    copy: { accountId: r.accountId, path: r.path, uid: r.uid },
    subject: r.subject ?? '',
    to: parseJson<string[]>(r.to) ?? [],
    date: r.date,
    hasAttachments: r.hasAttachments === 1,
  };
}

/** A draft's fields as the insert and update statements bind them, edited now. */
function fieldParams(input: DraftInput): Record<string, unknown> {
  return {
    accountId: input.accountId,
    to: json(input.to),
    cc: json(input.cc),
    subject: input.subject,
    html: input.html,
    receiptVariant: input.receiptVariant,
    inReplyTo: input.inReplyTo,
    references: json(input.references),
    updatedAt: nowIso(),
  };
}
