// Reading sent messages with their receipts and per-recipient state.
import type Database from 'better-sqlite3';
import { normalizeMessageId } from '../../pec';
import { readRaw, sha256Hex, type RawReadResult } from '../rawStore';
import type { ReceiptRow, DeliveryRow, SentMessageRow } from '../types';

const sentColumns = `id, message_id AS messageId, account_id AS accountId, campaign_id AS campaignId, from_addr AS "from",
  subject, status, identificativo, raw_sha256 AS rawSha256, created_at AS createdAt`;

const receiptColumns = `id, message_row_id AS messageRowId, type, variant, ref_message_id AS refMessageId, identificativo,
  recipient, timestamp, error, error_detail AS errorDetail, issuer, sent_message_id AS sentMessageId, delivery_id AS deliveryId`;

// The error shown for a recipient: a definitive notice before a preavviso, the latest first;
// a non-accettazione speaks for every recipient of the message.
const errorReceipt = `(SELECT r.id FROM receipts r
  WHERE (r.delivery_id = d.id AND r.type IN ('errore-consegna', 'rilevazione-virus', 'preavviso-errore-consegna'))
     OR (r.sent_message_id = d.sent_message_id AND r.type = 'non-accettazione')
  ORDER BY r.type = 'preavviso-errore-consegna', r.timestamp DESC, r.id DESC LIMIT 1)`;

/** Prepared reads of sent messages, receipts and deliveries. */
export class SentQueries {
  private readonly byId: Database.Statement<[number], SentMessageRow>;
  private readonly byMessageId: Database.Statement<[string], SentMessageRow>;
  private readonly receipts: Database.Statement<[number], ReceiptRow>;
  private readonly deliveries: Database.Statement<[number], DeliveryRow>;
  private readonly forMessage: Database.Statement<[number], { id: number | null }>;
  private readonly unlinked: Database.Statement<[], { n: number }>;
  private readonly queuedBytes: Database.Statement<[number], { raw: Buffer | null; sha256: string | null }>;

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
      `SELECT ${receiptColumns} FROM receipts WHERE sent_message_id = ?
       ORDER BY timestamp, CASE type WHEN 'accettazione' THEN 0 WHEN 'non-accettazione' THEN 0 WHEN 'presa-in-carico' THEN 1 ELSE 2 END, id`,
    );
    this.deliveries = db.prepare(
      `SELECT d.id, d.address, d.field, d.status,
         (SELECT min(r.timestamp) FROM receipts r WHERE r.sent_message_id = d.sent_message_id AND r.type = 'accettazione') AS acceptedAt,
         (SELECT min(r.timestamp) FROM receipts r WHERE r.delivery_id = d.id AND r.type = 'avvenuta-consegna') AS deliveredAt,
         e.timestamp AS errorAt, e.type AS errorType, e.error, e.error_detail AS errorDetail
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
    this.queuedBytes = db.prepare('SELECT raw, raw_sha256 AS sha256 FROM campaign_recipients WHERE sent_message_id = ? AND raw IS NOT NULL LIMIT 1');
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
    const sha256 = this.byId.get(sentMessageId)?.rawSha256;
    if (sha256) return readRaw(this.storeDir, sha256);
    const queued = this.queuedBytes.get(sentMessageId);
    if (!queued?.raw || !queued.sha256) return null;
    if (sha256Hex(queued.raw) !== queued.sha256) return { ok: false, code: 'raw-corrupt', detail: `the stored bytes of sent message ${sentMessageId} no longer have SHA-256 ${queued.sha256}` };
    return { ok: true, raw: queued.raw };
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
    return this.receipts.all(sentMessageId);
  }

  /** Each recipient of a sent message with when it was accepted, delivered or refused. */
  deliveriesOf(sentMessageId: number): DeliveryRow[] {
    return this.deliveries.all(sentMessageId);
  }

  /** Receipts whose sent message is not known (yet). */
  unlinkedReceiptsCount(): number {
    return this.unlinked.get()!.n;
  }
}
