// A search condition (built by the search domain from the syntax a user types) as the WHERE clause
// of a message_locations page (messages.ts): every leaf is a test on the location row `l`, so the
// date-ordered page walks message_locations_date_order and stops at its LIMIT, and the FTS5 and
// address lookups run once each as uncorrelated IN (…) sets.
import type Database from 'better-sqlite3';
import type { PecKind, ReceiptType } from '../../../shared/pec';

/** One test a message passes or fails. FTS5 `match` strings are valid MATCH expressions the search domain built. */
export type SearchLeaf =
  /** Its subject, senders (cover and postacert.eml, their names), body text, an attachment's name or the user's note. */
  | { field: 'text'; match: string }
  /** One column of messages_fts only. */
  | { field: 'subject' | 'sender'; match: string }
  /** Its recipients: To and Cc of the cover and of postacert.eml, a consegna's recipient (migration 10). */
  | { field: 'recipients'; match: string }
  | { field: 'attachment'; match: string }
  /** The user's private note on the message (migration 12). */
  | { field: 'note'; match: string }
  | { field: 'has-attachment' }
  | { field: 'kind'; kind: PecKind }
  | { field: 'receipt-type'; receiptType: ReceiptType }
  /** A folder whose path holds this text (any case), or whose role or special use it names. */
  | { field: 'folder'; text: string }
  /** A folder of an account whose address or name holds this text (any case). */
  | { field: 'account'; text: string }
  | { field: 'tag'; tag: string }
  /** Its date (else when it arrived) is at or after / before this instant (epoch ms). */
  | { field: 'since' | 'before'; ms: number }
  /** Exchanged with this address (lowercase): from or to it, and every receipt of a message sent to it. */
  | { field: 'correspondent'; address: string };

/** Every clause must hold; a clause holds when any of its (possibly negated) leaves does. */
export interface SearchCondition {
  clauses: { negated: boolean; leaf: SearchLeaf }[][];
}

/** The tags another part of PecDesk keeps per message: message_tags(message_id, tag). The only place search names it. */
export const MESSAGE_TAGS_TABLE = 'message_tags';

// messages_fts holds subject, sender and body (schema.ts); the attachment names are in their own table.
const inText = `SELECT rowid FROM messages_fts WHERE messages_fts MATCH @P`;
const inAttachments = `SELECT a.message_row_id FROM attachments_fts JOIN attachments a ON a.id = attachments_fts.rowid WHERE attachments_fts MATCH @P`;
const inNotes = `SELECT rowid FROM message_notes_fts WHERE message_notes_fts MATCH @P`;
const messageHas = (test: string) => `EXISTS (SELECT 1 FROM messages x WHERE x.id = l.message_row_id AND ${test})`;

type LeafSql = { sql: string; value: unknown };

function leafSql(leaf: SearchLeaf): LeafSql {
  switch (leaf.field) {
    case 'text':
      return { sql: `l.message_row_id IN (${inText} UNION ALL ${inAttachments} UNION ALL ${inNotes})`, value: leaf.match };
    case 'subject':
    case 'sender':
      return { sql: `l.message_row_id IN (${inText})`, value: `{${leaf.field}} : ${leaf.match}` };
    case 'recipients':
      return { sql: `l.message_row_id IN (SELECT rowid FROM message_recipients_fts WHERE message_recipients_fts MATCH @P)`, value: leaf.match };
    case 'attachment':
      return { sql: `l.message_row_id IN (${inAttachments})`, value: leaf.match };
    case 'note':
      return { sql: `l.message_row_id IN (${inNotes})`, value: leaf.match };
    case 'has-attachment':
      return { sql: messageHas('x.has_attachments = 1'), value: null };
    case 'kind':
      return { sql: messageHas('x.kind = @P'), value: leaf.kind };
    case 'receipt-type':
      return { sql: messageHas('x.receipt_type = @P'), value: leaf.receiptType };
    case 'folder':
      return {
        sql: `l.folder_id IN (SELECT id FROM folders WHERE instr(lower(path), lower(@P)) > 0 OR lower(role) = lower(@P) OR lower(special_use) = '\\' || lower(@P))`,
        value: leaf.text,
      };
    case 'account':
      return {
        sql: `l.folder_id IN (SELECT f.id FROM folders f JOIN accounts a ON a.id = f.account_id WHERE instr(lower(a.address), lower(@P)) > 0 OR instr(lower(a.name), lower(@P)) > 0)`,
        value: leaf.text,
      };
    case 'tag':
      return { sql: `l.message_row_id IN (SELECT message_id FROM ${MESSAGE_TAGS_TABLE} WHERE tag = @P COLLATE NOCASE)`, value: leaf.tag };
    case 'since':
      return { sql: 'l.sort_date_ms >= @P', value: leaf.ms };
    case 'before':
      return { sql: 'l.sort_date_ms < @P', value: leaf.ms };
    case 'correspondent':
      // A consegna, an error or a virus notice names its recipient (message_addresses has it from
      // daticert); an accettazione or non accettazione speaks for every recipient of the message sent to the address.
      return {
        sql: `(l.message_row_id IN (SELECT message_row_id FROM message_addresses WHERE address = @P)
          OR l.message_row_id IN (SELECT r.message_row_id FROM deliveries d JOIN receipts r ON r.sent_message_id = d.sent_message_id
            WHERE d.address = @P AND r.recipient IS NULL))`,
        value: leaf.address,
      };
  }
}

/** The condition as SQL over the location `l`, with its named parameters (p0, p1, …). */
export function searchWhere(db: Database.Database, condition: SearchCondition): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const { merged, rest } = mergeWordClauses(db, condition);
  if (merged !== null) params.words = merged;
  const clauses = rest.map((clause) => {
    const alternatives = clause.map(({ negated, leaf }) => {
      const { sql, value } = leafSql(leaf);
      const name = `p${Object.keys(params).length}`;
      if (sql.includes('@P')) params[name] = value;
      const bound = sql.replaceAll('@P', `@${name}`);
      return negated ? `NOT (${bound})` : bound;
    });
    return `(${alternatives.join(' OR ')})`;
  });
  if (merged !== null) clauses.unshift(`l.message_row_id IN (${inText.replace('@P', '@words')})`);
  return { sql: clauses.length ? clauses.join(' AND ') : '0', params };
}

/**
 * Required words that only messages_fts can match (no attachment name or note has them) as ONE FTS5 AND
 * expression: FTS5 intersects their doclists itself, where one IN (…) set per word would build a
 * set of every message holding a common word, then probe them all. Null when fewer than two.
 */
function mergeWordClauses(db: Database.Database, condition: SearchCondition): { merged: string | null; rest: SearchCondition['clauses'] } {
  const words: string[] = [];
  const rest: SearchCondition['clauses'] = [];
  const inAttachmentNames = db.prepare('SELECT 1 FROM attachments_fts WHERE attachments_fts MATCH ? LIMIT 1');
  const inAnyNote = db.prepare('SELECT 1 FROM message_notes_fts WHERE message_notes_fts MATCH ? LIMIT 1');
  for (const clause of condition.clauses) {
    const only = clause.length === 1 && !clause[0].negated ? clause[0].leaf : null;
    if (only?.field === 'subject' || only?.field === 'sender') words.push(`{${only.field}} : ${only.match}`);
    else if (only?.field === 'text' && inAttachmentNames.get(only.match) === undefined && inAnyNote.get(only.match) === undefined) words.push(only.match);
    else rest.push(clause);
  }
  if (words.length < 2) return { merged: null, rest: condition.clauses };
  return { merged: words.join(' AND '), rest };
}
