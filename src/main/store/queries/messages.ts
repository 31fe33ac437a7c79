// Reading stored messages: folder listings and searches (paged, sorted, with PEC badges and D/A/C/E
// of the messages the user sent), one message with everything its analysis said, the seen flag.
import type Database from 'better-sqlite3';
import type { ChangeTracker } from '../changes';
import type { DacQueries } from '../dac';
import { readPacked } from '../packStore';
import { readRaw, type RawReadResult } from '../rawStore';
import type { AttachmentRow, ImportedSummary, ListMessagesOptions, MessageDetail, MessageLocation, MessagePage, MessageSummary, SearchMessagesOptions } from '../types';
import { json, parseJson } from '../values';
import { searchWhere } from './search';
import { storedVerdict } from './verdict';

// For an envelope or an anomaly the provider's cover says "POSTA CERTIFICATA: …" from
// posta-certificata@…; the user wants the original's subject and sender (pec-format.md §2).
const fromOriginal = `m.kind IN ('envelope', 'anomaly')`;
const displaySubject = `coalesce(CASE WHEN ${fromOriginal} THEN m.orig_subject END, m.subject, '')`;
const displayFrom = `coalesce(CASE WHEN ${fromOriginal} THEN m.orig_from END, m.from_addr)`;

const summaryColumns = `m.id, m.sha256, m.size, m.kind, m.receipt_type, m.receipt_variant, m.subject, m.from_addr, m.date,
  m.orig_subject, m.orig_from, ${displaySubject} AS display_subject, ${displayFrom} AS display_from,
  m.sig_present, m.sig_valid, m.sig_trusted, m.trust_level, m.has_attachments, m.unreadable, m.received_at`;

const sortExpressions: Record<ListMessagesOptions['sort'], string> = {
  date: 'coalesce(m.date_ms, m.received_ms)',
  from: `lower(${displayFrom})`,
  subject: `lower(${displaySubject})`,
  size: 'm.size',
};

// A listing picks one page of keys first, then reads the full rows of that page only: a deep page
// (offset 50,000) then skips index entries or narrow sort rows, never wide joined rows.
type PageSource = { from: string; joinMessages: string; where: string; dateKey: string; messageId: string; locationId: string; locationColumns: string };
// The date page and the count of a folder read only message_locations_date_order (migration 5).
const folderSource: PageSource = {
  from: 'message_locations l',
  joinMessages: 'JOIN messages m ON m.id = l.message_row_id',
  where: 'l.folder_id = @folderId',
  dateKey: 'l.sort_date_ms',
  messageId: 'l.message_row_id',
  locationId: 'l.id',
  locationColumns: 'l.folder_id AS folder_id, l.uid, l.flags AS loc_flags, l.seen',
};
// A search lists the locations of the messages satisfying its condition (queries/search.ts): a
// message in two folders is listed in each, as the folders list it; imported files, in no folder,
// are not searched.
const sources = {
  folder: folderSource,
  // "Importati": messages brought in from files (migration 13), in no server folder; their flags
  // live on the message itself. The date page reads only imported_messages_date_order.
  imported: {
    from: 'imported_messages i',
    joinMessages: 'JOIN messages m ON m.id = i.message_row_id',
    where: '1 = 1',
    dateKey: 'i.sort_date_ms',
    messageId: 'i.message_row_id',
    locationId: 'NULL',
    locationColumns: `NULL AS folder_id, NULL AS uid, m.flags AS loc_flags, EXISTS (SELECT 1 FROM json_each(m.flags) WHERE value = '\\Seen') AS seen`,
  },
} satisfies Record<string, PageSource>;
type PageKind = keyof typeof sources;

/** The locations a search lists: those of the folder (or of every folder) whose message satisfies `where`. */
function searchSource(where: string, inFolder: boolean): PageSource {
  return { ...folderSource, where: inFolder ? `${folderSource.where} AND ${where}` : where };
}

/** The page query (exported for the plan test); the outer ORDER BY names the page's columns so SQLite keeps the page's order. */
export function listSql(kind: PageKind | PageSource, sort: ListMessagesOptions['sort'], direction: ListMessagesOptions['direction']): string {
  const source = typeof kind === 'string' ? sources[kind] : kind;
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const key = sort === 'date' ? source.dateKey : sortExpressions[sort];
  return `SELECT ${summaryColumns}, ${source.locationColumns}, s.id AS sent_id
    FROM (SELECT ${key} AS sort_key, ${source.messageId} AS message_row_id, ${source.locationId} AS location_id
          FROM ${source.from} ${sort === 'date' ? '' : source.joinMessages} WHERE ${source.where}
          ORDER BY ${key} ${dir}, ${source.messageId} ${dir}, ${source.locationId} ${dir} LIMIT @limit OFFSET @offset) p
    JOIN messages m ON m.id = p.message_row_id
    LEFT JOIN message_locations l ON l.id = p.location_id
    LEFT JOIN sent_messages s ON s.message_id = m.message_id
    ORDER BY p.sort_key ${dir}, p.message_row_id ${dir}, p.location_id ${dir}`;
}

type SummaryColumns = {
  id: number; sha256: string; size: number; kind: MessageSummary['kind']; receipt_type: MessageSummary['receiptType'];
  receipt_variant: MessageSummary['receiptVariant']; subject: string | null; from_addr: string | null; date: string | null;
  orig_subject: string | null; orig_from: string | null; display_subject: string; display_from: string | null;
  sig_present: number | null; sig_valid: number | null; sig_trusted: number | null; trust_level: MessageSummary['trustLevel']; has_attachments: number;
  unreadable: number; received_at: string;
};
type ListedColumns = SummaryColumns & { folder_id: number | null; uid: number | null; loc_flags: string; seen: number; sent_id: number | null };

/** Prepared message reads and the seen flag. */
export class MessageQueries {
  private readonly listStatements = new Map<string, Database.Statement<Record<string, unknown>, ListedColumns>>();
  private readonly countStatements = new Map<string, Database.Statement<Record<string, unknown>, { n: number }>>();
  private readonly detail: Database.Statement<[number], SummaryColumns & Record<string, unknown>>;
  private readonly attachments: Database.Statement<[number], AttachmentRow>;
  private readonly locations: Database.Statement<[number], { folderId: number; uid: number; flags: string }>;
  private readonly bytesOf: Database.Statement<[number], { sha256: string; relPath: string; offset: number | null; length: number | null }>;
  private readonly localFlags: Database.Statement<[number], { flags: string }>;
  private readonly setLocalFlags: Database.Statement<[string, number]>;
  private readonly setLocationFlags: Database.Statement<[string, number, number, number], { id: number }>;
  private readonly dirty: Database.Statement<[], { folderId: number; uid: number; flags: string }>;
  private readonly unreadableCount: Database.Statement<[], { n: number }>;
  private readonly importedCounts: Database.Statement<[], ImportedSummary>;

  constructor(
    private readonly db: Database.Database,
    private readonly storeDir: string,
    private readonly changes: ChangeTracker,
    private readonly dacQueries: DacQueries,
  ) {
    this.detail = db.prepare(`SELECT ${summaryColumns}, m.* FROM messages m WHERE m.id = ?`);
    this.attachments = db.prepare(
      'SELECT id, filename, content_type AS contentType, size FROM attachments WHERE message_row_id = ? ORDER BY id',
    );
    this.locations = db.prepare('SELECT folder_id AS folderId, uid, flags FROM message_locations WHERE message_row_id = ? ORDER BY id');
    this.bytesOf = db.prepare('SELECT sha256, raw_path AS relPath, raw_offset AS offset, raw_length AS length FROM messages WHERE id = ?');
    this.localFlags = db.prepare('SELECT flags FROM messages WHERE id = ?');
    this.setLocalFlags = db.prepare('UPDATE messages SET flags = ? WHERE id = ?');
    this.setLocationFlags = db.prepare(
      'UPDATE message_locations SET flags = ?, seen = ?, flags_dirty = 1 WHERE folder_id = ? AND uid = ? RETURNING id',
    );
    this.dirty = db.prepare('SELECT folder_id AS folderId, uid, flags FROM message_locations WHERE flags_dirty = 1 AND uid > 0 ORDER BY folder_id, uid');
    this.unreadableCount = db.prepare('SELECT count(*) AS n FROM messages WHERE unreadable = 1');
    this.importedCounts = db.prepare(
      `SELECT count(*) AS total, coalesce(sum(NOT EXISTS (SELECT 1 FROM json_each(m.flags) WHERE value = '\\Seen')), 0) AS unread
       FROM imported_messages i JOIN messages m ON m.id = i.message_row_id`,
    );
  }

  /** How many messages "Importati" lists, and how many of them are unread. */
  importedSummary(): ImportedSummary {
    return this.importedCounts.get()!;
  }

  /** A page of a folder (or of the imported messages), sorted, with the total count. */
  listMessages(options: ListMessagesOptions): MessagePage {
    return this.page(options.folderId === null ? 'imported' : 'folder', options, { folderId: options.folderId });
  }

  /** A page of the messages satisfying options.condition, in one folder or in all, sorted, with the total count. */
  searchMessages(options: SearchMessagesOptions): MessagePage {
    const where = searchWhere(this.db, options.condition);
    const inFolder = options.folderId !== null;
    const params = inFolder ? { ...where.params, folderId: options.folderId } : where.params;
    return this.page(searchSource(where.sql, inFolder), options, params);
  }

  private page(kind: PageKind | PageSource, options: Omit<ListMessagesOptions, 'folderId'>, filter: Record<string, unknown>): MessagePage {
    const source = typeof kind === 'string' ? sources[kind] : kind;
    // A search's statements are keyed by their text: the same shape of query typed again reuses them.
    const countSql = `SELECT count(*) AS n FROM ${source.from} WHERE ${source.where}`;
    const key = `${countSql}:${options.sort}:${options.direction}`;
    let list = this.listStatements.get(key);
    if (!list) list = cached(this.listStatements, key, this.db.prepare(listSql(kind, options.sort, options.direction)));
    let count = this.countStatements.get(countSql);
    if (!count) count = cached(this.countStatements, countSql, this.db.prepare(countSql));
    const params = { ...filter, limit: options.limit, offset: options.offset };
    const rows = list.all(params);
    const sentIds = rows.map((r) => r.sent_id).filter((id): id is number => id !== null);
    const dac = sentIds.length ? this.dacQueries.dacOf(sentIds) : new Map();
    return {
      total: count.get(params)!.n,
      offset: options.offset,
      rows: rows.map((r) => ({
        ...summaryOf(r),
        folderId: r.folder_id,
        uid: r.uid,
        flags: parseJson<string[]>(r.loc_flags) ?? [],
        seen: r.seen === 1,
        sentMessageId: r.sent_id,
        dac: r.sent_id === null ? null : (dac.get(r.sent_id) ?? null),
      })),
    };
  }

  /** One message with every stored fact about it; null if there is no such message. */
  getMessage(messageRowId: number): MessageDetail | null {
    const m = this.detail.get(messageRowId);
    if (!m) return null;
    const text = (column: string) => m[column] as string | null;
    const list = (column: string) => parseJson<string[]>(text(column)) ?? [];
    return {
      ...summaryOf(m),
      rawPath: m.raw_path as string,
      to: list('to_addrs'),
      messageId: text('message_id'),
      refMessageId: text('ref_message_id'),
      identificativo: text('identificativo'),
      requestedVariant: text('requested_variant') as MessageDetail['requestedVariant'],
      signatureSigner: text('sig_signer'),
      signatureSignerEmail: text('sig_signer_email'),
      signatureSigningTime: text('sig_signing_time'),
      signatureDetail: text('sig_detail'),
      trust: storedVerdict(m),
      originalTo: list('orig_to'),
      originalCc: list('orig_cc'),
      originalDate: text('orig_date'),
      originalMessageId: text('orig_message_id'),
      flags: list('flags'),
      unreadableCode: text('unreadable_code'),
      unreadableDetail: text('unreadable_detail'),
      problems: list('problems'),
      attachments: this.attachments.all(messageRowId),
      locations: this.locations.all(messageRowId).map((l): MessageLocation => ({ folderId: l.folderId, uid: l.uid, flags: JSON.parse(l.flags) })),
    };
  }

  /** The message's bytes exactly as received, checked against their SHA-256. */
  readMessageRaw(messageRowId: number): RawReadResult | null {
    const row = this.bytesOf.get(messageRowId);
    if (!row) return null;
    // A message filed by a sync batch sits in a pack (packStore.ts); any other is its own file.
    return row.offset === null || row.length === null ? readRaw(this.storeDir, row.sha256) : readPacked(this.storeDir, { ...row, offset: row.offset, length: row.length });
  }

  /** Marks messages read or unread here; the sync pushes the change (flagChangesToPush) to the server. */
  setSeen(messageRowIds: number[], seen: boolean): void {
    const toggle = (flags: string[]) => (seen ? [...new Set([...flags, '\\Seen'])] : flags.filter((f) => f !== '\\Seen'));
    this.changes.write(() => {
      for (const id of messageRowIds) {
        const message = this.localFlags.get(id);
        if (!message) continue;
        this.setLocalFlags.run(json(toggle(JSON.parse(message.flags))), id);
        this.changes.note('messages', [id]);
        for (const l of this.locations.all(id)) {
          const updated = this.setLocationFlags.get(json(toggle(JSON.parse(l.flags))), Number(seen), l.folderId, l.uid);
          if (updated) this.changes.note('message_locations', [updated.id]);
          this.changes.note('folders', [l.folderId]);
        }
      }
    });
  }

  /** Locations whose flags changed in PecDesk and are not yet stored on the server. */
  flagChangesToPush(): MessageLocation[] {
    return this.dirty.all().map((l) => ({ folderId: l.folderId, uid: l.uid, flags: JSON.parse(l.flags) }));
  }

  /** How many stored messages could not be read (kept, flagged, listed by the UI). */
  unreadableMessagesCount(): number {
    return this.unreadableCount.get()!.n;
  }
}

// Searches typed over a day make many shapes of query; the oldest prepared ones are let go.
const MAX_CACHED_STATEMENTS = 200;

function cached<T>(cache: Map<string, T>, key: string, statement: T): T {
  if (cache.size >= MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
  cache.set(key, statement);
  return statement;
}

function summaryOf(r: SummaryColumns): MessageSummary {
  const bool = (v: number | null) => (v === null ? null : v === 1);
  return {
    id: r.id,
    sha256: r.sha256,
    size: r.size,
    kind: r.kind,
    receiptType: r.receipt_type,
    receiptVariant: r.receipt_variant,
    subject: r.subject,
    from: r.from_addr,
    date: r.date,
    originalSubject: r.orig_subject,
    originalFrom: r.orig_from,
    displaySubject: r.display_subject,
    displayFrom: r.display_from,
    signaturePresent: bool(r.sig_present),
    signatureValid: bool(r.sig_valid),
    signatureTrusted: bool(r.sig_trusted),
    trustLevel: r.trust_level ?? null,
    hasAttachments: r.has_attachments === 1,
    unreadable: r.unreadable === 1,
    receivedAt: r.received_at,
  };
}
