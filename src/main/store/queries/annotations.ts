// The user's own marks on messages: tags (message_tags, which search's `tag:` reads) and one
// private note per message (message_notes, searchable through message_notes_fts). Local only:
// nothing here is ever written to a server, and a message's tags and note go with its row.
import type Database from 'better-sqlite3';
import type { ChangeTracker } from '../changes';
import type { MessageNote, TagCount } from '../types';
import { nowIso } from '../values';

/** Prepared tag and note statements. */
export class AnnotationQueries {
  private readonly tagsOfStatement: Database.Statement<[string], { messageId: number; tag: string }>;
  private readonly addTag: Database.Statement<[number, string]>;
  private readonly removeTag: Database.Statement<[number, string]>;
  private readonly tagCounts: Database.Statement<[], TagCount>;
  private readonly existing: Database.Statement<[string], { id: number }>;
  private readonly noteOfStatement: Database.Statement<[number], MessageNote>;
  private readonly upsertNote: Database.Statement<[number, string, string]>;
  private readonly deleteNote: Database.Statement<[number]>;
  private readonly noteMatches: Database.Statement<[string], { messageId: number }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    this.tagsOfStatement = db.prepare(
      'SELECT message_id AS messageId, tag FROM message_tags WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY tag',
    );
    this.addTag = db.prepare('INSERT OR IGNORE INTO message_tags (message_id, tag) VALUES (?, ?)');
    this.removeTag = db.prepare('DELETE FROM message_tags WHERE message_id = ? AND tag = ?');
    this.tagCounts = db.prepare('SELECT tag, count(*) AS count FROM message_tags GROUP BY tag ORDER BY tag');
    this.existing = db.prepare('SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?))');
    this.noteOfStatement = db.prepare('SELECT text, updated_at AS updatedAt FROM message_notes WHERE message_id = ?');
    this.upsertNote = db.prepare(
      `INSERT INTO message_notes (message_id, text, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
    );
    this.deleteNote = db.prepare('DELETE FROM message_notes WHERE message_id = ?');
    this.noteMatches = db.prepare('SELECT rowid AS messageId FROM message_notes_fts WHERE message_notes_fts MATCH ? ORDER BY rowid');
  }

  /** The tags of each message (those without any are absent from the map). */
  tagsOf(messageIds: number[]): Map<number, string[]> {
    const tags = new Map<number, string[]>();
    if (messageIds.length === 0) return tags;
    for (const row of this.tagsOfStatement.all(JSON.stringify(messageIds))) {
      const list = tags.get(row.messageId);
      if (list) list.push(row.tag);
      else tags.set(row.messageId, [row.tag]);
    }
    return tags;
  }

  /** Adds (on) or removes a normalized tag on messages; returns how many messages changed. Unknown ids are skipped. */
  setTag(messageIds: number[], tag: string, on: boolean): number {
    return this.changes.write(() => {
      let changed = 0;
      for (const { id } of this.existing.all(JSON.stringify(messageIds))) {
        if ((on ? this.addTag : this.removeTag).run(id, tag).changes === 0) continue;
        changed++;
        this.changes.note('message_tags', [id]);
      }
      return changed;
    });
  }

  /** Every tag in use and on how many messages. */
  allTags(): TagCount[] {
    return this.tagCounts.all();
  }

  /** The private note of a message, or null. */
  noteOf(messageId: number): MessageNote | null {
    return this.noteOfStatement.get(messageId) ?? null;
  }

  /** Saves the note of a message (empty text removes it); false when there is no such message. */
  setNote(messageId: number, text: string): boolean {
    return this.changes.write(() => {
      if (this.existing.all(JSON.stringify([messageId])).length === 0) return false;
      if (text.trim() === '') this.deleteNote.run(messageId);
      else this.upsertNote.run(messageId, text, nowIso());
      this.changes.note('message_notes', [messageId]);
      return true;
    });
  }

  /** Messages whose note matches an FTS5 MATCH expression (search builds it), ascending ids. */
  messagesWithNote(match: string): number[] {
    return this.noteMatches.all(match).map((r) => r.messageId);
  }
}
