// Reading sent messages with their receipts and per-recipient state.
import type Database from 'better-sqlite3';
import { normalizeMessageId } from '../../pec';
import { readPacked } from '../packStore';
import { rawRelPath, readRaw, sha256Hex, type RawReadResult } from '../rawStore';
import type { ReceiptProblem, UnprovenReceipt } from '../../../shared/api-trust';
import type { TrustLevel } from '../../../shared/trust';
import type { ReceiptRow, DeliveryRow, ReceiptToVerifyRow, SentMessageRow } from '../types';
import { storedVerdict, type VerdictColumns } from './verdict';

const sentColumns = `id, message_id AS messageId, account_id AS accountId, campaign_id AS campaignId, from_addr AS "from",
  subject, status, identificativo, raw_sha256 AS rawSha256, created_at AS createdAt`;

// Receipts with their verdict (from the stored message) and what stops them counting.
const receiptColumns = `r.id, r.message_row_id AS messageRowId, r.type, r.variant, r.ref_message_id AS refMessageId, r.identificativo,
  r.recipient, r.timestamp, r.error, r.error_detail AS errorDetail, r.issuer, r.sent_message_id AS sentMessageId,
  r.delivery_id AS deliveryId, r.account_id AS accountId, r.proof, r.header_mismatch, r.contradiction,
  m.trust_level, m.trust_reasons, m.trust_provider, m.trust_index_version, m.trust_checked_at`;
const receiptsJoined = 'receipts r JOIN messages m ON m.id = r.message_row_id';

type ReceiptColumns = Omit<ReceiptRow, 'trust' | 'proof' | 'problems'> & VerdictColumns & { proof: number; header_mismatch: number; contradiction: ReceiptProblem | null };

// Only receipts that count as proof (link.ts) set a recipient's times and error. The error shown:
// the latest final notice; a non-accettazione speaks for every recipient of the message. A
// preavviso is a warning (warningAt), never the error.
const errorReceipt = `(SELECT r.id FROM receipts r
  WHERE r.proof = 1 AND ((r.delivery_id = d.id AND r.type IN ('errore-consegna', 'rilevazione-virus'))
     OR (r.sent_message_id = d.sent_message_id AND r.type = 'non-accettazione'))
  ORDER BY r.timestamp DESC, r.id DESC LIMIT 1)`;

// "Ricevute da verificare": not counted as proof for a reason someone should look at. An unlinked
// receipt with a good verdict is only waiting for its sent message, and is not listed.
const toVerify = `(r.trust_ok = 0 OR r.header_mismatch = 1 OR r.contradiction IS NOT NULL)`;

/** Prepared reads of sent messages, receipts and deliveries. */
export class SentQueries {
  private readonly byId: Database.Statement<[number], SentMessageRow>;
  private readonly byMessageId: Database.Statement<[string], SentMessageRow>;
  private readonly receipts: Database.Statement<[number], ReceiptColumns>;
  private readonly deliveries: Database.Statement<[number], DeliveryRow>;
  private readonly forMessage: Database.Statement<[number], { id: number | null }>;
  private readonly unlinked: Database.Statement<[], { n: number }>;
  private readonly queuedBytes: Database.Statement<[number], { raw: Buffer | null; sha256: string | null }>;
  private readonly rawPlace: Database.Statement<[number], { sha256: string | null; relPath: string | null; offset: number | null; length: number | null }>;
  private readonly toVerifyPage: Database.Statement<[number, number], ReceiptColumns & { sentSubject: string | null }>;
  private readonly toVerifyCount: Database.Statement<[], { n: number }>;
  private readonly ofMessage: Database.Statement<[number], ReceiptColumns>;
  private readonly levels: Database.Statement<[], { level: string | null; n: number }>;

  constructor(
    db: Database.Database,
    private readonly storeDir: string,
  ) {
    this.byId = db.prepare(`SELECT ${sentColumns} FROM sent_messages WHERE id = ?`);
    this.byMessageId = db.prepare(`SELECT ${sentColumns} FROM sent_messages WHERE message_id = ?`);
    // Receipts in the order of the PEC process (DM 2/11/2005): the access point's answer, then the
    // other provider's presa in carico, then what happened at each mailbox. daticert times have
    // one-second resolution, and receipts of one second may arrive in any order.
    this.receipts = db.prepare(
      `SELECT ${receiptColumns} FROM ${receiptsJoined} WHERE r.sent_message_id = ?
       ORDER BY r.timestamp, CASE r.type WHEN 'accettazione' THEN 0 WHEN 'non-accettazione' THEN 0 WHEN 'presa-in-carico' THEN 1 ELSE 2 END, r.id`,
    );
    this.deliveries = db.prepare(
      `SELECT d.id, d.address, d.field, d.status,
         (SELECT min(r.timestamp) FROM receipts r WHERE r.sent_message_id = d.sent_message_id AND r.type = 'accettazione' AND r.proof = 1) AS acceptedAt,
         (SELECT min(r.timestamp) FROM receipts r WHERE r.delivery_id = d.id AND r.type = 'avvenuta-consegna' AND r.proof = 1) AS deliveredAt,
         e.timestamp AS errorAt, e.type AS errorType, e.error, e.error_detail AS errorDetail,
         (SELECT max(r.timestamp) FROM receipts r WHERE r.delivery_id = d.id AND r.type = 'preavviso-errore-consegna' AND r.proof = 1) AS warningAt
       FROM deliveries d LEFT JOIN receipts e ON e.id = ${errorReceipt}
       WHERE d.sent_message_id = ? ORDER BY d.id`,
    );
    // A receipt names its sent message through its link; a copy in Sent has the same Message-ID
    // or the same bytes; a busta di trasporto of a message sent to oneself refers to it.
    this.forMessage = db.prepare(
      `SELECT coalesce(
         (SELECT r.sent_message_id FROM receipts r WHERE r.message_row_id = m.id),
         (SELECT s.id FROM sent_messages s WHERE s.message_id = m.message_id),
         (SELECT s.id FROM sent_messages s WHERE s.raw_sha256 = m.sha256),
         (SELECT s.id FROM sent_messages s WHERE m.kind = 'envelope' AND s.message_id = m.ref_message_id)) AS id
       FROM messages m WHERE m.id = ?`,
    );
    this.unlinked = db.prepare('SELECT count(*) AS n FROM receipts WHERE sent_message_id IS NULL');
    this.rawPlace = db.prepare('SELECT raw_sha256 AS sha256, raw_path AS relPath, raw_offset AS offset, raw_length AS length FROM sent_messages WHERE id = ?');
    this.queuedBytes = db.prepare('SELECT raw, raw_sha256 AS sha256 FROM campaign_recipients WHERE sent_message_id = ? AND raw IS NOT NULL LIMIT 1');
    this.toVerifyPage = db.prepare(
      `SELECT ${receiptColumns}, s.subject AS sentSubject FROM ${receiptsJoined} LEFT JOIN sent_messages s ON s.id = r.sent_message_id
       WHERE ${toVerify} ORDER BY m.received_ms DESC, r.id DESC LIMIT ? OFFSET ?`,
    );
    this.toVerifyCount = db.prepare(`SELECT count(*) AS n FROM receipts r WHERE ${toVerify}`);
    this.ofMessage = db.prepare(`SELECT ${receiptColumns} FROM ${receiptsJoined} WHERE r.message_row_id = ?`);
    this.levels = db.prepare(`SELECT m.trust_level AS level, count(*) AS n FROM ${receiptsJoined} GROUP BY m.trust_level`);
  }

  getSent(sentMessageId: number): SentMessageRow | null {
    return this.byId.get(sentMessageId) ?? null;
  }

  /**
   * The bytes submitted, checked against their SHA-256: from the raw store, or for a campaign
   * message built before sent messages were filed there, from its queue row; null when the
   * message was recorded without them.
   */
  readSentRaw(sentMessageId: number): RawReadResult | null {
    const place = this.sentStoredBytes(sentMessageId);
    if (place) return place.offset === null || place.length === null ? readRaw(this.storeDir, place.sha256) : readPacked(this.storeDir, { ...place, offset: place.offset, length: place.length });
    const queued = this.queuedBytes.get(sentMessageId);
    if (!queued?.raw || !queued.sha256) return null;
    if (sha256Hex(queued.raw) !== queued.sha256) return { ok: false, code: 'raw-corrupt', detail: `the stored bytes of sent message ${sentMessageId} no longer have SHA-256 ${queued.sha256}` };
    return { ok: true, raw: queued.raw };
  }

  /** Where a sent message's submitted bytes are on disk (their own file: offset null, or a pack entry); null when not in the raw store. */
  sentStoredBytes(sentMessageId: number): { sha256: string; relPath: string; offset: number | null; length: number | null } | null {
    const row = this.rawPlace.get(sentMessageId);
    if (!row?.sha256) return null;
    return row.relPath !== null && row.offset !== null ? { sha256: row.sha256, relPath: row.relPath, offset: row.offset, length: row.length } : { sha256: row.sha256, relPath: rawRelPath(row.sha256), offset: null, length: null };
  }

  /** The sent message with this Message-ID (brackets optional). */
  findSentByMessageId(messageId: string): SentMessageRow | null {
    const normalized = normalizeMessageId(messageId);
    return normalized === null ? null : (this.byMessageId.get(normalized) ?? null);
  }

  /** The sent message a stored message is about (a receipt, a copy in Sent), if known. */
  findSentForMessage(messageRowId: number): number | null {
    return this.forMessage.get(messageRowId)?.id ?? null;
  }

  /** Receipts linked to a sent message, in certified time order. */
  receiptsOf(sentMessageId: number): ReceiptRow[] {
    return this.receipts.all(sentMessageId).map(receiptRow);
  }

  /** Each recipient of a sent message with when it was accepted, delivered or refused (by receipts that count), and the receipts that do not. */
  deliveriesOf(sentMessageId: number): DeliveryRow[] {
    const unproven = this.receiptsOf(sentMessageId).filter((r) => !r.proof);
    return this.deliveries.all(sentMessageId).map((d) => ({
      ...(d as Omit<DeliveryRow, 'unproven'>),
      unproven: unproven
        .filter((r) => r.deliveryId === d.id || r.type === 'accettazione' || r.type === 'non-accettazione')
        .map((r): UnprovenReceipt => ({
          receiptId: r.id, messageRowId: r.messageRowId, type: r.type, timestamp: r.timestamp,
          level: r.trust?.level ?? null, proof: false, problems: r.problems,
        })),
    }));
  }

  /** How many stored receipts have each verdict level ('unjudged': stored before verdicts, not re-checked). */
  receiptLevels(): Record<TrustLevel | 'unjudged', number> {
    const counts: Record<TrustLevel | 'unjudged', number> = { attendibile: 0, integra: 0, alterata: 0, 'non-firmata': 0, unjudged: 0 };
    for (const { level, n } of this.levels.all()) counts[(level ?? 'unjudged') as TrustLevel | 'unjudged'] += n;
    return counts;
  }

  /** The receipt row of a stored receipt message, null for any other message. */
  receiptOfMessage(messageRowId: number): ReceiptRow | null {
    const row = this.ofMessage.get(messageRowId);
    return row ? receiptRow(row) : null;
  }

  /** A page of receipts not counted as proof for a reason to look at, newest first, and how many there are. */
  receiptsToVerify(offset: number, limit: number): { total: number; rows: ReceiptToVerifyRow[] } {
    return {
      total: this.toVerifyCount.get()!.n,
      rows: this.toVerifyPage.all(limit, offset).map((r) => ({ ...receiptRow(r), sentSubject: r.sentSubject })),
    };
  }

  /** Receipts whose sent message is not known (yet). */
  unlinkedReceiptsCount(): number {
    return this.unlinked.get()!.n;
  }
}

function receiptRow(r: ReceiptColumns): ReceiptRow {
  const {
    proof, header_mismatch: headerMismatch, contradiction,
    trust_level: _level, trust_reasons: _reasons, trust_provider: _provider, trust_index_version: _version, trust_checked_at: _at,
    ...rest
  } = r;
  const problems: ReceiptProblem[] = [];
  if (headerMismatch === 1) problems.push('headers-disagree');
  if (contradiction) problems.push(contradiction);
  return { ...rest, trust: storedVerdict(r), proof: proof === 1, problems };
}
