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
import { countsAsProof, isSignedPecObject, judge, signedFactsOf, type ProviderIndexSnapshot } from '../trust';
import type { ChangeTracker } from './changes';
import type { Linker } from './link';
import { writePack } from './packStore';
import { rawRelPath, sha256Hex, writeRaw } from './rawStore';
import { addressKeys, recipientsText, type AddressColumns } from './search-index';
import type { ImportSource, MessageLocation, UnreadableReason } from './types';
import { epochMs, json, lowerAddress, nowIso } from './values';

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

/** What one commit files against: rows holding its bytes (growing as it files), folders with pending Sent copies, receipts to link. */
interface BatchState {
  held: Map<string, HeldRow>;
  pendingFolders: Set<number>;
  receiptIds: number[];
  /** Full-text rows of the batch, written after all its other rows (see writeWords). */
  words: BatchWords[];
}

/** A filed message's full-text rows: messages_fts (subject, senders, body; none when unreadable) and its recipients. */
interface BatchWords {
  id: number;
  text: [subject: string, sender: string, body: string] | null;
  recipients: string;
  attachments: AttachmentInfo[];
}

/** Prepared statements for filing messages. */
export class Ingester {
  private readonly findBySha: Database.Statement<[string], HeldRow>;
  private readonly heldRows: Database.Statement<[string], HeldRow & { sha256: string }>;
  private readonly foldersWithPending: Database.Statement<[string], { folderId: number }>;
  private readonly heldOf: Database.Statement<[string], { sha256: string }>;
  private readonly insertMessage: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly insertAttachment: Database.Statement<[number, string, string, number]>;
  private readonly insertFts: Database.Statement<[number, string, string, string]>;
  private readonly insertAddresses: Database.Statement<[number, string]>;
  private readonly insertAttachmentName: Database.Statement<[number, string]>;
  private readonly insertRecipients: Database.Statement<[number, string]>;
  private readonly insertReceipt: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly upsertLocation: Database.Statement<[number, number, number, string, number, number | null], { id: number }>;
  private readonly setMessageFlags: Database.Statement<[string, number]>;
  private readonly replacePending: Database.Statement<{ folderId: number; messageRowId: number }, { id: number }>;
  private readonly serverCopyPresent: Database.Statement<{ folderId: number; messageRowId: number }, { present: 1 }>;
  private readonly markImported: Database.Statement<[string, string, number]>;

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
    // No conflict possible: heldRows runs in the same IMMEDIATE transaction, which holds the write lock.
    this.insertMessage = db.prepare(
      `INSERT INTO messages (${messageColumns.join(', ')}) VALUES (${messageColumns.map((c) => '@' + c).join(', ')}) RETURNING id`,
    );
    this.insertAttachment = db.prepare('INSERT INTO attachments (message_row_id, filename, content_type, size) VALUES (?, ?, ?, ?)');
    this.insertFts = db.prepare('INSERT INTO messages_fts (rowid, subject, sender, body) VALUES (?, ?, ?, ?)');
    // What search-index.ts computes, and the attachments' names (migration 18: triggers' work before).
    this.insertAddresses = db.prepare('INSERT OR IGNORE INTO message_addresses (address, message_row_id) SELECT value, ? FROM json_each(?)');
    this.insertRecipients = db.prepare('INSERT INTO message_recipients_fts (rowid, recipients) VALUES (?, ?)');
    this.insertAttachmentName = db.prepare('INSERT INTO attachments_fts (rowid, filename) VALUES (?, ?)');
    this.insertReceipt = db.prepare(
      `INSERT INTO receipts (message_row_id, type, variant, ref_message_id, ref_local_part, identificativo, recipient,
         timestamp, error, error_detail, issuer, account_id, trust_ok, header_mismatch)
       VALUES (@messageRowId, @type, @variant, @ref, @refLocal, @identificativo, @recipient, @timestamp, @error, @errorDetail, @issuer,
         COALESCE((SELECT account_id FROM folders WHERE id = @folderId), @accountId), @trustOk, @headerMismatch)
       RETURNING id`,
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
    // server's copy, same bytes or same Message-ID, takes its place when the sync files it.
    this.replacePending = db.prepare(
      `DELETE FROM message_locations WHERE folder_id = @folderId AND uid < 0 AND message_row_id IN (
         SELECT id FROM messages WHERE id = @messageRowId
           OR message_id = (SELECT message_id FROM messages WHERE id = @messageRowId AND message_id IS NOT NULL))
       RETURNING id`,
    );
    this.serverCopyPresent = db.prepare(
      `SELECT 1 AS present FROM message_locations WHERE folder_id = @folderId AND uid > 0 AND message_row_id IN (
         SELECT id FROM messages WHERE id = @messageRowId
           OR message_id = (SELECT message_id FROM messages WHERE id = @messageRowId AND message_id IS NOT NULL))
       LIMIT 1`,
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
      const batch = this.batchState(inputs, raw);
      const results = inputs.map((input, i) => {
        const file = raw[i];
        return file.ok ? this.fileRow(input, file, batch, verdicts[i]) : file;
      });
      this.writeWords(batch);
      // Linked together: a batch may hold both the accettazione and the consegna of one message.
      if (batch.receiptIds.length) this.linker.linkReceipts(batch.receiptIds);
      return results;
    });
  }

  /**
   * What the rows of a batch are filed against, read in two queries inside its transaction instead
   * of two per message: the rows already holding its bytes, and the folders with pending copies.
   */
  private batchState(inputs: IngestInput[], raw: StoredBytes[]): BatchState {
    const shas = raw.flatMap((file) => (file.ok ? [file.sha256] : []));
    const held = new Map(this.heldRows.all(JSON.stringify(shas)).map(({ sha256, ...row }) => [sha256, row]));
    const folders = [...new Set(inputs.flatMap((i) => (i.location ? [i.location.folderId] : [])))];
    const pendingFolders = new Set(folders.length ? this.foldersWithPending.all(JSON.stringify(folders)).map((r) => r.folderId) : []);
    // A pending copy filed earlier in this same batch counts too.
    for (const input of inputs) if (input.location && input.location.uid < 0) pendingFolders.add(input.location.folderId);
    return { held, pendingFolders, receiptIds: [], words: [] };
  }

  private fileRow(input: IngestInput, bytes: Extract<StoredBytes, { ok: true }>, batch: BatchState, verdict: TrustVerdict | null): IngestResult {
    const existing = batch.held.get(bytes.sha256);
    if (existing) {
      if (input.importedFrom) this.noteImported(existing.id, input.importedFrom);
      return this.alreadyPresent(existing, batch, input.location);
    }
    const addresses = addressColumns(input.analysis.ok ? input.analysis.analysis : null);
    const row = messageRow(bytes, input, input.receivedAt ?? nowIso(), verdict, addresses);
    const { id } = this.insertMessage.get(row)!;
    this.changes.note('messages', [id]);
    const keys = addressKeys(addresses);
    if (keys.length) this.insertAddresses.run(id, JSON.stringify(keys));
    const words: BatchWords = { id, text: null, recipients: recipientsText(addresses), attachments: [] };
    let receiptId: number | null = null;
    if (input.analysis.ok) {
      const analysis = input.analysis.analysis;
      words.attachments = filesOf(analysis);
      words.text = [textOf([analysis.outer.subject, analysis.original?.subject]),
        textOf([analysis.outer.from, analysis.original?.from, input.senderNames]), input.bodyText ?? ''];
      receiptId = this.fileReceipt(id, analysis, input, verdict);
      if (receiptId !== null) batch.receiptIds.push(receiptId);
    }
    batch.words.push(words);
    // The same bytes again later in the batch are this row.
    batch.held.set(bytes.sha256, { id, unreadable: Number(!input.analysis.ok), receiptId });
    // The row already holds the location's flags (messageRow).
    if (input.location) this.locate(id, input.location, batch, (row.date_ms ?? row.received_ms) as number);
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
    const { id } = this.upsertLocation.get(messageRowId, location.folderId, location.uid, json(location.flags), Number(location.flags.includes('\\Seen')), sortDateMs)!;
    this.changes.note('message_locations', [id]);
    if (location.uid > 0 && batch.pendingFolders.has(location.folderId)) {
      const replaced = this.replacePending.all({ folderId: location.folderId, messageRowId });
      this.changes.note('message_locations', replaced.map((r) => r.id));
    }
    this.changes.note('messages', [messageRowId]);
    this.changes.note('folders', [location.folderId]);
  }

  private alreadyPresent(existing: HeldRow, batch: BatchState, location?: MessageLocation): IngestResult {
    if (location) this.placeAt(existing.id, location, batch);
    return { ok: true, messageRowId: existing.id, status: 'already-present', unreadable: existing.unreadable === 1, receiptId: existing.receiptId };
  }

  private fileReceipt(messageRowId: number, analysis: PecAnalysis, input: IngestInput, verdict: TrustVerdict | null): number | null {
    const receipt = analysis.receipt;
    if (analysis.kind !== 'receipt' || !receipt) return null;
    // The signed daticert.xml names the message (analyze.ts); the outer header is a fallback only.
    const ref = normalizeMessageId(receipt.refMessageId ?? analysis.outer.refMessageId);
    const { id } = this.insertReceipt.get({
      messageRowId,
      type: receipt.type,
      variant: receipt.variant,
      ref,
      refLocal: ref === null ? null : messageIdLocalPart(ref),
      identificativo: receipt.identificativo ?? analysis.identificativo,
      recipient: lowerAddress(receipt.deliveredTo),
      timestamp: receipt.timestamp,
      error: receipt.error,
      errorDetail: receipt.errorDetail,
      issuer: receipt.issuer,
      folderId: input.location?.folderId ?? null,
      accountId: input.accountId ?? null,
      trustOk: Number(verdict !== null && countsAsProof(verdict)),
      headerMismatch: Number(headersDisagree(analysis)),
    })!;
    this.changes.note('receipts', [id]);
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

function messageRow(
  bytes: { sha256: string; relPath: string; offset: number | null; length: number | null },
  input: IngestInput,
  receivedAt: string,
  verdict: TrustVerdict | null,
  addresses: AddressColumns,
): Record<string, unknown> {
  const result = input.analysis;
  return {
    sha256: bytes.sha256,
    size: input.raw.length,
    raw_path: bytes.relPath,
    raw_offset: bytes.offset,
    raw_length: bytes.length,
    ...analysisColumns(result.ok ? result.analysis : null, addresses),
    ...trustColumns(verdict),
    flags: json(input.location?.flags ?? []),
    unreadable: Number(!result.ok),
    unreadable_code: result.ok ? null : result.code,
    unreadable_detail: result.ok ? null : result.detail,
    received_at: receivedAt,
    received_ms: epochMs(receivedAt) ?? Date.now(),
  };
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

/** The messages columns an analysis fills; all empty for an unreadable message. */
function analysisColumns(analysis: PecAnalysis | null, addresses: AddressColumns): Record<string, unknown> {
  const { receipt, original, signature, outer } = analysis ?? {};
  const bool = (value: boolean | null | undefined) => (value === null || value === undefined ? null : Number(value));
  return {
    kind: analysis?.kind ?? null,
    receipt_type: receipt?.type ?? null,
    receipt_variant: receipt?.variant ?? null,
    requested_variant: analysis?.requestedVariant ?? null,
    subject: outer?.subject ?? null,
    from_addr: addresses.fromAddr,
    to_addrs: json(addresses.to),
    date: outer?.date ?? null,
    date_ms: epochMs(outer?.date),
    message_id: normalizeMessageId(outer?.messageId),
    ref_message_id: normalizeMessageId(receipt?.refMessageId ?? outer?.refMessageId),
    identificativo: analysis?.identificativo ?? receipt?.identificativo ?? null,
    sig_present: bool(signature?.present),
    sig_valid: bool(signature?.valid),
    sig_trusted: bool(signature?.trusted),
    sig_signer: signature?.signer?.subject ?? null,
    sig_signer_email: signature?.signer?.email ?? null,
    sig_signing_time: signature?.signingTime ?? null,
    sig_detail: signature?.detail ?? null,
    sig_signer_sha1: signature?.signerSha1 ?? null,
    sig_valid_from: signature?.signerValidFrom ?? null,
    sig_valid_to: signature?.signerValidTo ?? null,
    pec_sender: addresses.pecSender,
    pec_delivered_to: addresses.pecDeliveredTo,
    pec_certified_at: analysis ? (analysis.certified?.timestamp ?? outer?.date ?? null) : null,
    orig_from: addresses.origFrom,
    orig_to: json(addresses.origTo),
    orig_cc: json(addresses.origCc),
    orig_subject: original?.subject ?? null,
    orig_date: original?.date ?? null,
    orig_message_id: normalizeMessageId(original?.messageId),
    has_attachments: Number(analysis !== null && filesOf(analysis).length > 0),
    problems: json(analysis?.problems ?? []),
  };
}

/** The messages columns of a trust verdict (see schema-trust-v8.ts); empty for ordinary mail. */
export function trustColumns(verdict: TrustVerdict | null): Record<string, unknown> {
  return {
    trust_level: verdict?.level ?? null,
    trust_reasons: json(verdict?.reasons ?? []),
    trust_provider: verdict?.provider ?? null,
    trust_index_version: verdict?.indexVersionId ?? null,
    trust_checked_at: verdict?.checkedAt ?? null,
  };
}

const messageColumns = Object.keys(
  messageRow({ sha256: '', relPath: '', offset: null, length: null }, { raw: Buffer.alloc(0), analysis: { ok: false, code: '', detail: '' } }, '', null, addressColumns(null)),
);

function textOf(parts: (string | null | undefined)[]): string {
  return [...new Set(parts.filter((p): p is string => !!p))].join(' ');
}
