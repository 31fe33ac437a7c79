// Filing one raw message: bytes to the raw store, its analysis to the messages table, a receipt
// row when it is a receipt (then linked), its place on the IMAP server when it has one.
//
// The analysis is stored as first computed and never recomputed: the signature verdict is
// evidence of what PecDesk checked when the message arrived. A message that cannot be analysed
// is still filed, flagged unreadable with the reason, never dropped.
import type Database from 'better-sqlite3';
import type { PecAnalysis } from '../../shared/pec';
import { messageIdLocalPart, normalizeMessageId } from '../pec';
import type { ChangeTracker } from './changes';
import type { Linker } from './link';
import { sha256Hex, writeRaw } from './rawStore';
import type { MessageLocation, UnreadableReason } from './types';
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
  /** When the server received it (IMAP INTERNALDATE), ISO 8601; now when absent. */
  receivedAt?: string;
}

/** Outcome of filing a message: stored now, or already there (same SHA-256). */
export type IngestResult =
  | { ok: true; messageRowId: number; status: 'stored' | 'already-present'; unreadable: boolean; receiptId: number | null }
  | { ok: false; code: 'raw-write-failed'; detail: string };

/** Prepared statements for filing messages. */
export class Ingester {
  private readonly findBySha: Database.Statement<[string], { id: number; unreadable: number; receiptId: number | null }>;
  private readonly insertMessage: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly insertAttachment: Database.Statement<[number, string, string, number]>;
  private readonly insertFts: Database.Statement<[number, string, string, string]>;
  private readonly insertReceipt: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly upsertLocation: Database.Statement<[number, number, number, string, number], { id: number }>;
  private readonly setMessageFlags: Database.Statement<[string, number]>;

  constructor(
    db: Database.Database,
    private readonly storeDir: string,
    private readonly changes: ChangeTracker,
    private readonly linker: Linker,
  ) {
    this.findBySha = db.prepare(
      `SELECT m.id, m.unreadable, r.id AS receiptId FROM messages m LEFT JOIN receipts r ON r.message_row_id = m.id WHERE m.sha256 = ?`,
    );
    // ON CONFLICT: another process may have filed the same bytes since findBySha looked.
    this.insertMessage = db.prepare(
      `INSERT INTO messages (${messageColumns.join(', ')}) VALUES (${messageColumns.map((c) => '@' + c).join(', ')})
       ON CONFLICT (sha256) DO NOTHING RETURNING id`,
    );
    this.insertAttachment = db.prepare('INSERT INTO attachments (message_row_id, filename, content_type, size) VALUES (?, ?, ?, ?)');
    this.insertFts = db.prepare('INSERT INTO messages_fts (rowid, subject, sender, body) VALUES (?, ?, ?, ?)');
    this.insertReceipt = db.prepare(
      `INSERT INTO receipts (message_row_id, type, variant, ref_message_id, ref_local_part, identificativo, recipient,
         timestamp, error, error_detail, issuer)
       VALUES (@messageRowId, @type, @variant, @ref, @refLocal, @identificativo, @recipient, @timestamp, @error, @errorDetail, @issuer)
       RETURNING id`,
    );
    this.upsertLocation = db.prepare(
      `INSERT INTO message_locations (message_row_id, folder_id, uid, flags, seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (folder_id, uid) DO UPDATE SET message_row_id = excluded.message_row_id, flags = excluded.flags,
         seen = excluded.seen, flags_dirty = 0
       RETURNING id`,
    );
    this.setMessageFlags = db.prepare('UPDATE messages SET flags = ? WHERE id = ?');
  }

  /** Files a message; the same bytes twice are stored once (a second location is still recorded). */
  ingest(input: IngestInput): IngestResult {
    const sha256 = sha256Hex(input.raw);
    const existing = this.findBySha.get(sha256);
    if (existing) return this.alreadyPresent(existing, input.location);
    const written = writeRaw(this.storeDir, input.raw, sha256);
    if (!written.ok) return written;
    const row = messageRow(written.sha256, written.relPath, input, input.receivedAt ?? nowIso());
    return this.changes.write(() => {
      const inserted = this.insertMessage.get(row);
      if (!inserted) return this.alreadyPresent(this.findBySha.get(written.sha256)!, input.location);
      const id = inserted.id;
      this.changes.note('messages', [id]);
      let receiptId: number | null = null;
      if (input.analysis.ok) {
        const analysis = input.analysis.analysis;
        for (const a of analysis.original?.attachments ?? []) this.insertAttachment.run(id, a.filename, a.contentType, a.size);
        this.insertFts.run(id, textOf([analysis.outer.subject, analysis.original?.subject]),
          textOf([analysis.outer.from, analysis.original?.from]), input.bodyText ?? '');
        receiptId = this.fileReceipt(id, analysis);
      }
      if (input.location) this.placeAt(id, input.location);
      return { ok: true, messageRowId: id, status: 'stored', unreadable: !input.analysis.ok, receiptId };
    });
  }

  /** Records where a message sits in a folder, with its flags there. */
  placeAt(messageRowId: number, location: MessageLocation): void {
    const flags = json(location.flags);
    const { id } = this.upsertLocation.get(messageRowId, location.folderId, location.uid, flags, Number(location.flags.includes('\\Seen')))!;
    this.setMessageFlags.run(flags, messageRowId);
    this.changes.note('message_locations', [id]);
    this.changes.note('messages', [messageRowId]);
    this.changes.note('folders', [location.folderId]);
  }

  private alreadyPresent(existing: { id: number; unreadable: number; receiptId: number | null }, location?: MessageLocation): IngestResult {
    if (location) this.changes.write(() => this.placeAt(existing.id, location));
    return { ok: true, messageRowId: existing.id, status: 'already-present', unreadable: existing.unreadable === 1, receiptId: existing.receiptId };
  }

  private fileReceipt(messageRowId: number, analysis: PecAnalysis): number | null {
    const receipt = analysis.receipt;
    if (analysis.kind !== 'receipt' || !receipt) return null;
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
    })!;
    this.changes.note('receipts', [id]);
    this.linker.linkReceipts([id]);
    return id;
  }
}

function messageRow(sha256: string, relPath: string, input: IngestInput, receivedAt: string): Record<string, unknown> {
  const result = input.analysis;
  return {
    sha256,
    size: input.raw.length,
    raw_path: relPath,
    ...analysisColumns(result.ok ? result.analysis : null),
    flags: json(input.location?.flags ?? []),
    unreadable: Number(!result.ok),
    unreadable_code: result.ok ? null : result.code,
    unreadable_detail: result.ok ? null : result.detail,
    received_at: receivedAt,
    received_ms: epochMs(receivedAt) ?? Date.now(),
  };
}

/** The messages columns an analysis fills; all empty for an unreadable message. */
function analysisColumns(analysis: PecAnalysis | null): Record<string, unknown> {
  const { receipt, original, signature, outer } = analysis ?? {};
  const bool = (value: boolean | null | undefined) => (value === null || value === undefined ? null : Number(value));
  return {
    kind: analysis?.kind ?? null,
    receipt_type: receipt?.type ?? null,
    receipt_variant: receipt?.variant ?? null,
    requested_variant: analysis?.requestedVariant ?? null,
    subject: outer?.subject ?? null,
    from_addr: outer?.from ?? null,
    to_addrs: json(outer?.to ?? []),
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
    orig_from: original?.from ?? null,
    orig_to: json(original?.to ?? []),
    orig_cc: json(original?.cc ?? []),
    orig_subject: original?.subject ?? null,
    orig_date: original?.date ?? null,
    orig_message_id: normalizeMessageId(original?.messageId),
    has_attachments: Number((original?.attachments.length ?? 0) > 0),
    problems: json(analysis?.problems ?? []),
  };
}

const messageColumns = Object.keys(messageRow('', '', { raw: Buffer.alloc(0), analysis: { ok: false, code: '', detail: '' } }, ''));

function textOf(parts: (string | null | undefined)[]): string {
  return [...new Set(parts.filter((p): p is string => !!p))].join(' ');
}
