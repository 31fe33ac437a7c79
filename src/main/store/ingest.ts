// Filing raw messages: bytes to the raw store, their analysis to the messages table, a receipt
// row for each receipt (then linked), their place on the IMAP server when they have one.
//
// The bytes are on disk (file and folder fsynced) before the row that points to them commits. A
// batch (a sync's FETCH chunk) appends its messages to ONE pack file (packStore.ts), fsynced once,
// then commits every row in ONE transaction: synchronous=FULL syncs the WAL at each commit, so one
// round of fsyncs per batch instead of one per message is what makes a 10,000-message first sync
// take about as long as fetching it. A single message (ingest) is still its own file.
// Within the transaction the rows go first and the batch's full-text words last (writeWords), so
// FTS5 writes them as one segment per batch.
//
// The analysis is stored as first computed and never recomputed: the signature verdict is
// evidence of what PecDesk checked when the message arrived. A message that cannot be analysed
// is still filed, flagged unreadable with the reason, never dropped. The trust verdict of a
// signed PEC object (attendibile … non firmata) is judged here against the providers' index in
// force, stored with the facts it rests on, and judged again only when a new index arrives.
import type Database from 'better-sqlite3';
import type { AttachmentInfo, PecAnalysis } from '../../shared/pec';
import type { TrustVerdict } from '../../shared/trust';
import { messageIdLocalPart, normalizeMessageId } from '../pec';
import { countsAsProof, isSignedPecObject, judge, signedFactsOf, type ProviderIndexSnapshot } from '../proof';
import type { ChangeTracker } from './changes';
import type { Linker } from './link';
import { writePack } from './packStore';
import { rawRelPath, sha256Hex, writeRaw } from './rawStore';
import { addressKeys, recipientsText, type AddressColumns } from './search-index';
import type { ImportSource, MessageLocation, UnreadableReason } from './types';
import { epochMs, json, jsonArray, lowerAddress, nowIso } from './values';

/** The classifier's verdict on the bytes, or why there is none. */
export type IngestAnalysis = { ok: true; analysis: PecAnalysis } | ({ ok: false } & UnreadableReason);

export interface IngestInput {
  raw: Buffer;
  analysis: IngestAnalysis;
  /** Where the message was seen on the server (sync); absent for files imported from disk. */
  location?: MessageLocation;
  /** Plain-text snippet of the body for full-text search, when the caller has one. */
  bodyText?: string;
  /** Display names of the senders for full-text search ("Tribunale di Milano"), when the caller has them. */
  senderNames?: string;
  /** When the server received it (IMAP INTERNALDATE), ISO 8601; now when absent. */
  receivedAt?: string;
  /**
   * The account whose mailbox a file imported from disk came from (`pecdesk import --account`);
   * ignored when `location` is given (the folder's account). A receipt links only to that account's sent messages.
   */
  accountId?: number | null;
  /** Brought in from a file by the user: listed in "Importati" (also when the same bytes were stored already). */
  importedFrom?: ImportSource;
}

/** Where a message's bytes are durable: its own file (offset null) or an entry of a pack; or why they are not. */
export type StoredBytes =
  | { ok: true; sha256: string; relPath: string; offset: number | null; length: number | null }
  | { ok: false; code: 'raw-write-failed'; detail: string };

/** Outcome of filing a message: stored now, or already there (same SHA-256). */
export type IngestResult =
  | { ok: true; messageRowId: number; status: 'stored' | 'already-present'; unreadable: boolean; receiptId: number | null }
  | { ok: false; code: 'raw-write-failed'; detail: string };

/** The row that already holds a message's bytes. */
interface HeldRow {
  id: number;
  unreadable: number;
  receiptId: number | null;
}

/**
 * What one commit files against: rows holding its bytes (growing as it files), folders with pending
 * Sent copies and their accounts, receipts to link; and the rows it touched, noted once at its end.
 */
interface BatchState {
  held: Map<string, HeldRow>;
  pendingFolders: Set<number>;
  /** The account of each folder the batch files into: a receipt links only to that account's sent messages. */
  folderAccounts: Map<number, number>;
  receiptIds: number[];
  /** Full-text rows of the batch, written after all its other rows (see writeWords). */
  words: BatchWords[];
  /** When the batch is filed: received_at of a message without INTERNALDATE, the verdicts' time. */
  now: string;
  touched: { messages: number[]; locations: number[]; folders: Set<number> };
}

/** A filed message's full-text rows: messages_fts (subject, senders, body; none when unreadable) and its recipients. */
interface BatchWords {
  id: number;
  text: [subject: string, sender: string, body: string] | null;
  recipients: string;
  attachments: AttachmentInfo[];
}

/** The messages rows holding the message @messageRowId: itself, and a non-receipt with its Message-ID (the server's copy of a sent one). */
const sameMessage = `SELECT id FROM messages WHERE id = @messageRowId
  OR (kind IS NOT 'receipt' AND message_id = (SELECT message_id FROM messages WHERE id = @messageRowId AND message_id IS NOT NULL))`;

/** Prepared statements for filing messages. */
export class Ingester {
  private readonly findBySha: Database.Statement<[string], HeldRow>;
  private readonly heldRows: Database.Statement<[string], HeldRow & { sha256: string }>;
  private readonly foldersWithPending: Database.Statement<[string], { folderId: number }>;
  private readonly heldOf: Database.Statement<[string], { sha256: string }>;
  private readonly accountsOfFolders: Database.Statement<[string], { id: number; accountId: number }>;
  private readonly insertMessage: Database.Statement<unknown[]>;
  private readonly insertAttachment: Database.Statement<[number, string, string, number]>;
  private readonly insertFts: Database.Statement<[number, string, string, string]>;
  private readonly insertAddresses: Database.Statement<[number, string]>;
  private readonly insertAttachmentName: Database.Statement<[number, string]>;
  private readonly insertRecipients: Database.Statement<[number, string]>;
  private readonly insertReceipt: Database.Statement<unknown[]>;
  private readonly upsertLocation: Database.Statement<[number, number, number, string, number, number | null], { id: number }>;
  private readonly setMessageFlags: Database.Statement<[string, number]>;
  private readonly replacePending: Database.Statement<{ folderId: number; messageRowId: number }, { id: number }>;
  private readonly serverCopyPresent: Database.Statement<{ folderId: number; messageRowId: number }, { present: 1 }>;
  private readonly markImported: Database.Statement<[string, string, number]>;
  private readonly recordPecAddresses: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly storeDir: string,
    private readonly changes: ChangeTracker,
    private readonly linker: Linker,
    private readonly trustIndex: () => ProviderIndexSnapshot | null,
  ) {
    this.findBySha = db.prepare(
      `SELECT m.id, m.unreadable, r.id AS receiptId FROM messages m LEFT JOIN receipts r ON r.message_row_id = m.id WHERE m.sha256 = ?`,
    );
    this.heldRows = db.prepare(
      `SELECT m.sha256, m.id, m.unreadable, r.id AS receiptId FROM messages m LEFT JOIN receipts r ON r.message_row_id = m.id
       WHERE m.sha256 IN (SELECT value FROM json_each(?))`,
    );
    this.foldersWithPending = db.prepare(
      'SELECT DISTINCT folder_id AS folderId FROM message_locations WHERE uid < 0 AND folder_id IN (SELECT value FROM json_each(?))',
    );
    this.heldOf = db.prepare('SELECT sha256 FROM messages WHERE sha256 IN (SELECT value FROM json_each(?))');
    this.accountsOfFolders = db.prepare('SELECT id, account_id AS accountId FROM folders WHERE id IN (SELECT value FROM json_each(?))');
    // No conflict possible: heldRows runs in the same IMMEDIATE transaction, which holds the write lock.
    // Positional parameters and the new id from lastInsertRowid: binding ~50 named parameters and a
    // RETURNING clause cost about a fifth of this statement's time (measured on the sync bench's 10,000).
    this.insertMessage = db.prepare(`INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')})`);
    this.insertAttachment = db.prepare('INSERT INTO attachments (message_row_id, filename, content_type, size) VALUES (?, ?, ?, ?)');
    this.insertFts = db.prepare('INSERT INTO messages_fts (rowid, subject, sender, body) VALUES (?, ?, ?, ?)');
    // What search-index.ts computes, and the attachments' names (migration 18: triggers' work before).
    this.insertAddresses = db.prepare('INSERT OR IGNORE INTO message_addresses (address, message_row_id) SELECT value, ? FROM json_each(?)');
    this.insertRecipients = db.prepare('INSERT INTO message_recipients_fts (rowid, recipients) VALUES (?, ?)');
    this.insertAttachmentName = db.prepare('INSERT INTO attachments_fts (rowid, filename) VALUES (?, ?)');
    this.insertReceipt = db.prepare(
      `INSERT INTO receipts (message_row_id, type, variant, ref_message_id, ref_local_part, identificativo, recipient,
         timestamp, error, error_detail, issuer, account_id, trust_ok, header_mismatch)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertLocation = db.prepare(
      // sort_date_ms null (a message filed earlier): the insert trigger copies it from the row (migration 18).
      `INSERT INTO message_locations (message_row_id, folder_id, uid, flags, seen, sort_date_ms) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (folder_id, uid) DO UPDATE SET message_row_id = excluded.message_row_id, flags = excluded.flags,
         seen = excluded.seen, flags_dirty = 0
       RETURNING id`,
    );
    this.setMessageFlags = db.prepare('UPDATE messages SET flags = ? WHERE id = ?');
    this.markImported = db.prepare(
      `INSERT OR IGNORE INTO imported_messages (message_row_id, source, imported_at, sort_date_ms)
       SELECT id, ?, ?, coalesce(date_ms, received_ms) FROM messages WHERE id = ?`,
    );
    // A message sent from PecDesk is listed in Sent at once under a pending (negative) UID; the
    // server's copy, same bytes or same Message-ID, takes its place when the sync files it. A
    // receipt is never such a copy (its Message-ID is the provider's), which is what lets the
    // Message-ID index leave receipts out (migration 19).
    this.replacePending = db.prepare(
      `DELETE FROM message_locations WHERE folder_id = @folderId AND uid < 0 AND message_row_id IN (${sameMessage})
       RETURNING id`,
    );
    this.serverCopyPresent = db.prepare(
      `SELECT 1 AS present FROM message_locations WHERE folder_id = @folderId AND uid > 0 AND message_row_id IN (${sameMessage})
       LIMIT 1`,
    );
    // What the receipts_pec_address_seen trigger did per receipt before migration 19: an attendibile
    // avvenuta-consegna proves its recipient is a PEC mailbox (contacts' PEC evidence).
    this.recordPecAddresses = db.prepare(
      `INSERT INTO pec_addresses_seen (address, certified, seen_ms)
         SELECT r.recipient, 1, COALESCE(unixepoch(r.timestamp), unixepoch('now')) * 1000 FROM receipts r JOIN messages m ON m.id = r.message_row_id
         WHERE r.id IN (SELECT value FROM json_each(?)) AND r.type = 'avvenuta-consegna' AND r.recipient IS NOT NULL AND m.trust_level = 'attendibile'
       ON CONFLICT (address) DO UPDATE SET certified = 1, seen_ms = excluded.seen_ms WHERE excluded.seen_ms >= pec_addresses_seen.seen_ms`,
    );
  }

  /** Files a message; the same bytes twice are stored once (a second location is still recorded). */
  ingest(input: IngestInput): IngestResult {
    const sha256 = sha256Hex(input.raw);
    const held: StoredBytes = { ok: true, sha256, relPath: rawRelPath(sha256), offset: null, length: null };
    const written = this.findBySha.get(sha256) ? held : writeRaw(this.storeDir, input.raw, sha256);
    return this.commit([input], [written.ok ? held : written])[0];
  }

  /** ingest for many messages: every byte durable first, then one transaction; results in input order. */
  async ingestBatch(inputs: IngestInput[]): Promise<IngestResult[]> {
    return this.commit(inputs, await this.storeRaw(inputs.map((i) => i.raw)));
  }

  /**
   * Puts in one durable pack the bytes the store does not hold yet, each distinct content once;
   * one outcome per raw, in order. Bytes already held keep their place (fileRow finds their row).
   */
  async storeRaw(raws: Buffer[]): Promise<StoredBytes[]> {
    const shas = raws.map(sha256Hex);
    // One query for the batch; fileRow checks again inside the transaction, which decides.
    const held = new Set(this.heldOf.all(JSON.stringify(shas)).map((r) => r.sha256));
    const missing = new Map<string, Buffer>();
    shas.forEach((sha256, i) => {
      if (!held.has(sha256) && !missing.has(sha256)) missing.set(sha256, raws[i]);
    });
    const written = await writePack(this.storeDir, [...missing].map(([sha256, raw]) => ({ sha256, raw })));
    if (!written.ok) return shas.map((sha256) => (missing.has(sha256) ? written : { ok: true, sha256, relPath: rawRelPath(sha256), offset: null, length: null }));
    const bySha = new Map(written.entries.map((e) => [e.sha256, e]));
    return shas.map((sha256) => ({ ok: true, relPath: rawRelPath(sha256), offset: null, length: null, ...bySha.get(sha256), sha256 }));
  }

  /** Files the rows of messages whose bytes `raw` put on disk, in one transaction; a message whose file failed gets that failure. */
  commit(inputs: IngestInput[], raw: StoredBytes[]): IngestResult[] {
    // Judged before the write starts: reading the index is not the store's write to make.
    const index = inputs.some((i) => i.analysis.ok && isSignedPecObject(i.analysis.analysis.kind)) ? this.trustIndex() : null;
    const checkedAt = nowIso();
    const verdicts = inputs.map((i) => (i.analysis.ok && isSignedPecObject(i.analysis.analysis.kind) ? judge(signedFactsOf(i.analysis.analysis), index, checkedAt) : null));
    return this.changes.write(() => {
      const batch = this.batchState(inputs, raw, checkedAt);
      const results = inputs.map((input, i) => {
        const file = raw[i];
        return file.ok ? this.fileRow(input, file, batch, verdicts[i]) : file;
      });
      this.writeWords(batch);
      if (batch.receiptIds.length) this.recordPecAddresses.run(JSON.stringify(batch.receiptIds));
      this.changes.note('messages', batch.touched.messages);
      this.changes.note('message_locations', batch.touched.locations);
      this.changes.note('folders', batch.touched.folders);
      this.changes.note('receipts', batch.receiptIds);
      // Linked together: a batch may hold both the accettazione and the consegna of one message.
      if (batch.receiptIds.length) this.linker.linkReceipts(batch.receiptIds);
      return results;
    });
  }

  /**
   * What the rows of a batch are filed against, read in two queries inside its transaction instead
   * of two per message: the rows already holding its bytes, and the folders with pending copies.
   */
  private batchState(inputs: IngestInput[], raw: StoredBytes[], now: string): BatchState {
    const shas = raw.flatMap((file) => (file.ok ? [file.sha256] : []));
    const held = new Map(this.heldRows.all(JSON.stringify(shas)).map(({ sha256, ...row }) => [sha256, row]));
    const folders = JSON.stringify([...new Set(inputs.flatMap((i) => (i.location ? [i.location.folderId] : [])))]);
    const pendingFolders = new Set(folders !== '[]' ? this.foldersWithPending.all(folders).map((r) => r.folderId) : []);
    const folderAccounts = new Map(folders !== '[]' ? this.accountsOfFolders.all(folders).map((r) => [r.id, r.accountId]) : []);
    // A pending copy filed earlier in this same batch counts too.
    for (const input of inputs) if (input.location && input.location.uid < 0) pendingFolders.add(input.location.folderId);
    return { held, pendingFolders, folderAccounts, receiptIds: [], words: [], now, touched: { messages: [], locations: [], folders: new Set() } };
  }

  private fileRow(input: IngestInput, bytes: Extract<StoredBytes, { ok: true }>, batch: BatchState, verdict: TrustVerdict | null): IngestResult {
    const existing = batch.held.get(bytes.sha256);
    if (existing) {
      if (input.importedFrom) this.noteImported(existing.id, input.importedFrom);
      return this.alreadyPresent(existing, batch, input.location);
    }
    const addresses = addressColumns(input.analysis.ok ? input.analysis.analysis : null);
    const row = messageRow(bytes, input, input.receivedAt ?? batch.now, verdict, addresses);
    const id = Number(this.insertMessage.run(row.values).lastInsertRowid);
    batch.touched.messages.push(id);
    const keys = addressKeys(addresses);
    if (keys.length) this.insertAddresses.run(id, JSON.stringify(keys));
    const words: BatchWords = { id, text: null, recipients: recipientsText(addresses), attachments: [] };
    let receiptId: number | null = null;
    if (input.analysis.ok) {
      const analysis = input.analysis.analysis;
      words.attachments = filesOf(analysis);
      words.text = [textOf([analysis.outer.subject, analysis.original?.subject]),
        textOf([analysis.outer.from, analysis.original?.from, input.senderNames]), input.bodyText ?? ''];
      receiptId = this.fileReceipt(id, analysis, input, verdict, batch);
    }
    batch.words.push(words);
    // The same bytes again later in the batch are this row.
    batch.held.set(bytes.sha256, { id, unreadable: Number(!input.analysis.ok), receiptId });
    // The row already holds the location's flags (messageRow).
    if (input.location) this.locate(id, input.location, batch, row.sortDateMs);
    if (input.importedFrom) this.noteImported(id, input.importedFrom);
    return { ok: true, messageRowId: id, status: 'stored', unreadable: !input.analysis.ok, receiptId };
  }

  /**
   * The batch's full-text rows, after every other row of it. FTS5 keeps the words of a transaction
   * in memory and writes them as one segment at commit, but any statement that needs a statement
   * journal (an upsert, an INSERT that fires a trigger: the locations, attachments, receipts) opens
   * a savepoint, and FTS5 then writes out what it holds as a segment of its own: written between
   * them, every message made a one-message segment that automerge then merged again and again.
   */
  private writeWords(batch: BatchState): void {
    const names: [number, string][] = [];
    for (const { id, attachments } of batch.words) {
      for (const a of attachments) names.push([Number(this.insertAttachment.run(id, a.filename, a.contentType, a.size).lastInsertRowid), a.filename]);
    }
    for (const [attachmentId, filename] of names) this.insertAttachmentName.run(attachmentId, filename);
    for (const { id, text, recipients } of batch.words) {
      if (text) this.insertFts.run(id, ...text);
      this.insertRecipients.run(id, recipients);
    }
  }

  /** Lists the message in "Importati"; the first import of the same bytes stays the one recorded. */
  private noteImported(messageRowId: number, source: ImportSource): void {
    if (this.markImported.run(source, nowIso(), messageRowId).changes) this.changes.note('messages', [messageRowId]);
  }

  /** Records where a message sits in a folder, with its flags there (on the message too). */
  private placeAt(messageRowId: number, location: MessageLocation, batch: BatchState): void {
    this.locate(messageRowId, location, batch);
    this.setMessageFlags.run(json(location.flags), messageRowId);
  }

  /** sortDateMs: the message's coalesce(date_ms, received_ms) when the caller has it, else null (the trigger reads it). */
  private locate(messageRowId: number, location: MessageLocation, batch: BatchState, sortDateMs: number | null = null): void {
    // The other order: the sync filed the server's copy before the pending one came; it is listed once.
    if (location.uid < 0 && this.serverCopyPresent.get({ folderId: location.folderId, messageRowId })) return;
    const { id } = this.upsertLocation.get(messageRowId, location.folderId, location.uid, jsonArray(location.flags), Number(location.flags.includes('\\Seen')), sortDateMs)!;
    batch.touched.locations.push(id);
    if (location.uid > 0 && batch.pendingFolders.has(location.folderId)) {
      for (const r of this.replacePending.all({ folderId: location.folderId, messageRowId })) batch.touched.locations.push(r.id);
    }
    batch.touched.messages.push(messageRowId);
    batch.touched.folders.add(location.folderId);
  }

  private alreadyPresent(existing: HeldRow, batch: BatchState, location?: MessageLocation): IngestResult {
    if (location) this.placeAt(existing.id, location, batch);
    return { ok: true, messageRowId: existing.id, status: 'already-present', unreadable: existing.unreadable === 1, receiptId: existing.receiptId };
  }

  private fileReceipt(messageRowId: number, analysis: PecAnalysis, input: IngestInput, verdict: TrustVerdict | null, batch: BatchState): number | null {
    const receipt = analysis.receipt;
    if (analysis.kind !== 'receipt' || !receipt) return null;
    // The signed daticert.xml names the message (analyze.ts); the outer header is a fallback only.
    const ref = normalizeMessageId(receipt.refMessageId ?? analysis.outer.refMessageId);
    // The folder's account when it came from a mailbox, else the one the import named.
    const accountId = (input.location && batch.folderAccounts.get(input.location.folderId)) ?? input.accountId ?? null;
    const id = Number(
      this.insertReceipt.run(
        messageRowId,
        receipt.type,
        receipt.variant,
        ref,
        ref === null ? null : messageIdLocalPart(ref),
        receipt.identificativo ?? analysis.identificativo,
        lowerAddress(receipt.deliveredTo),
        receipt.timestamp,
        receipt.error,
        receipt.errorDetail,
        receipt.issuer,
        accountId,
        Number(verdict !== null && countsAsProof(verdict)),
        Number(headersDisagree(analysis)),
      ).lastInsertRowid,
    );
    batch.receiptIds.push(id);
    return id;
  }
}

/**
 * The unsigned outer X-Riferimento-Message-ID names another message than the signed daticert.xml.
 * Compared by local part: providers rewrite the domain of an id and keep the local part (link.ts).
 */
function headersDisagree(analysis: PecAnalysis): boolean {
  const outer = analysis.outer.refMessageId;
  const signed = analysis.certified?.msgid;
  return !!outer && !!signed && messageIdLocalPart(outer) !== messageIdLocalPart(signed);
}

/** The messages columns of a trust verdict (see schema-trust-v8.ts), in trustValues' order. */
const TRUST_COLUMNS = ['trust_level', 'trust_reasons', 'trust_provider', 'trust_index_version', 'trust_checked_at'] as const;

/**
 * The messages columns the ingest writes, in the order messageRow gives their values: bound by
 * position (see insertMessage). Columns left out take their defaults.
 */
const MESSAGE_COLUMNS = [
  'sha256', 'size', 'raw_path', 'raw_offset', 'raw_length',
  'kind', 'receipt_type', 'receipt_variant', 'requested_variant', 'subject', 'from_addr', 'to_addrs', 'date', 'date_ms',
  'message_id', 'ref_message_id', 'identificativo',
  'sig_present', 'sig_valid', 'sig_trusted', 'sig_signer', 'sig_signer_email', 'sig_signing_time', 'sig_detail',
  'sig_signer_sha1', 'sig_valid_from', 'sig_valid_to',
  'pec_sender', 'pec_delivered_to', 'pec_certified_at',
  'orig_from', 'orig_to', 'orig_cc', 'orig_subject', 'orig_date', 'orig_message_id', 'has_attachments', 'problems',
  ...TRUST_COLUMNS,
  'flags', 'unreadable', 'unreadable_code', 'unreadable_detail', 'received_at', 'received_ms',
] as const;

/** A message's row as MESSAGE_COLUMNS values, and its place in the list order (coalesce(date_ms, received_ms)). */
function messageRow(
  bytes: { sha256: string; relPath: string; offset: number | null; length: number | null },
  input: IngestInput,
  receivedAt: string,
  verdict: TrustVerdict | null,
  addresses: AddressColumns,
): { values: unknown[]; sortDateMs: number } {
  const result = input.analysis;
  const analysis = result.ok ? result.analysis : null;
  const { receipt, original, signature, outer } = analysis ?? {};
  const bool = (value: boolean | null | undefined) => (value === null || value === undefined ? null : Number(value));
  const dateMs = epochMs(outer?.date);
  const receivedMs = epochMs(receivedAt) ?? Date.now();
  const values = [
    bytes.sha256, input.raw.length, bytes.relPath, bytes.offset, bytes.length,
    // What the analysis found; all empty for an unreadable message.
    analysis?.kind ?? null, receipt?.type ?? null, receipt?.variant ?? null, analysis?.requestedVariant ?? null,
    outer?.subject ?? null, addresses.fromAddr, jsonArray(addresses.to), outer?.date ?? null, dateMs,
    normalizeMessageId(outer?.messageId), normalizeMessageId(receipt?.refMessageId ?? outer?.refMessageId),
    analysis?.identificativo ?? receipt?.identificativo ?? null,
    bool(signature?.present), bool(signature?.valid), bool(signature?.trusted), signature?.signer?.subject ?? null,
    signature?.signer?.email ?? null, signature?.signingTime ?? null, signature?.detail ?? null,
    signature?.signerSha1 ?? null, signature?.signerValidFrom ?? null, signature?.signerValidTo ?? null,
    addresses.pecSender, addresses.pecDeliveredTo, analysis ? (analysis.certified?.timestamp ?? outer?.date ?? null) : null,
    addresses.origFrom, jsonArray(addresses.origTo), jsonArray(addresses.origCc), original?.subject ?? null, original?.date ?? null,
    normalizeMessageId(original?.messageId), Number(analysis !== null && filesOf(analysis).length > 0), jsonArray(analysis?.problems ?? []),
    ...trustValues(verdict),
    jsonArray(input.location?.flags ?? []), Number(!result.ok), result.ok ? null : result.code, result.ok ? null : result.detail,
    receivedAt, receivedMs,
  ];
  return { values, sortDateMs: dateMs ?? receivedMs };
}

/** The files a message carries: a PEC's original's, an ordinary message's own. */
function filesOf(analysis: PecAnalysis): AttachmentInfo[] {
  return analysis.original?.attachments ?? analysis.attachments ?? [];
}

/** The addresses of a message as its row stores them; all empty for an unreadable message. */
function addressColumns(analysis: PecAnalysis | null): AddressColumns {
  const { original, outer } = analysis ?? {};
  return {
    fromAddr: outer?.from ?? null,
    origFrom: original?.from ?? null,
    pecSender: analysis ? (analysis.certified?.sender ?? (analysis.kind === 'anomaly' ? (original?.from ?? null) : null)) : null,
    pecDeliveredTo: analysis?.certified?.deliveredTo ?? null,
    to: outer?.to ?? [],
    origTo: original?.to ?? [],
    origCc: original?.cc ?? [],
  };
}

/** A trust verdict as TRUST_COLUMNS values; empty for ordinary mail. */
function trustValues(verdict: TrustVerdict | null): unknown[] {
  return [verdict?.level ?? null, jsonArray(verdict?.reasons ?? []), verdict?.provider ?? null, verdict?.indexVersionId ?? null, verdict?.checkedAt ?? null];
}

/** The messages columns of a trust verdict by name (a verdict judged again, queries/verdicts.ts). */
export function trustColumns(verdict: TrustVerdict | null): Record<string, unknown> {
  const values = trustValues(verdict);
  return Object.fromEntries(TRUST_COLUMNS.map((column, i) => [column, values[i]]));
}

function textOf(parts: (string | null | undefined)[]): string {
  return [...new Set(parts.filter((p): p is string => !!p))].join(' ');
}
