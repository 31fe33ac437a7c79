// Linking receipts to the sent messages (and recipients) they speak of.
//
// A receipt names its message by X-Riferimento-Message-ID / daticert msgid (pec-format.md §5).
// Keys, in order, each used only when it picks exactly one sent message:
//   1. the whole Message-ID;
//   2. its local part: providers sometimes rewrite the domain and keep the local part (the
//      anonymized fakepec 2024 errore-consegna says …@pec.it where its accettazione and daticert
//      say …@fakepec.it). PecDesk's own ids have a local part unique on its own;
//   3. the provider's identificativo, learned from the accettazione (or any linked receipt):
//      every later receipt of the message carries the same one.
// A receipt whose message is not known yet stays unlinked; recordSent links it later.
// Within a message, a receipt names its recipient in daticert <consegna>: matched on the whole
// address, else on a unique local part (the same fakepec sample rewrote the recipient's domain).
import type Database from 'better-sqlite3';
import type { ChangeTracker } from './changes';
import { deliveryStatusSql } from './dac';

const unique = (where: string) => `(SELECT CASE WHEN count(*) = 1 THEN min(s.id) END FROM sent_messages s WHERE ${where})`;

const localPart = (column: string) => `substr(${column}, 1, instr(${column}, '@'))`;

/** Prepared linking statements over one database. */
export class Linker {
  private readonly resolveSent: Database.Statement<[string], { id: number; sent_message_id: number | null }>;
  private readonly learnIdentificativo: Database.Statement<[string], { identificativo: string }>;
  private readonly unlinkedByIdentificativo: Database.Statement<[string], { id: number }>;
  private readonly unlinkedForSent: Database.Statement<[string, string], { id: number }>;
  private readonly resolveDelivery: Database.Statement<[string], { id: number }>;
  private readonly refreshDeliveries: Database.Statement<[string], { id: number }>;
  private readonly refreshSent: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    this.resolveSent = db.prepare(
      `UPDATE receipts SET sent_message_id = COALESCE(
         (SELECT s.id FROM sent_messages s WHERE s.message_id = receipts.ref_message_id),
         ${unique('s.local_part = receipts.ref_local_part')},
         ${unique('s.identificativo = receipts.identificativo')})
       WHERE sent_message_id IS NULL AND id IN (SELECT value FROM json_each(?))
       RETURNING id, sent_message_id`,
    );
    this.learnIdentificativo = db.prepare(
      `UPDATE sent_messages SET identificativo = (
         SELECT r.identificativo FROM receipts r WHERE r.sent_message_id = sent_messages.id AND r.identificativo IS NOT NULL
         ORDER BY r.type = 'accettazione' DESC, r.id LIMIT 1)
       WHERE identificativo IS NULL AND id IN (SELECT value FROM json_each(?))
       RETURNING identificativo`,
    );
    this.unlinkedByIdentificativo = db.prepare(
      `SELECT id FROM receipts WHERE sent_message_id IS NULL AND identificativo IN (SELECT value FROM json_each(?))`,
    );
    this.unlinkedForSent = db.prepare(
      `SELECT id FROM receipts WHERE sent_message_id IS NULL AND (ref_message_id = ? OR ref_local_part = ?)`,
    );
    this.resolveDelivery = db.prepare(
      `UPDATE receipts SET delivery_id = COALESCE(
         (SELECT d.id FROM deliveries d WHERE d.sent_message_id = receipts.sent_message_id AND d.address = receipts.recipient),
         (SELECT CASE WHEN count(*) = 1 THEN min(d.id) END FROM deliveries d
          WHERE d.sent_message_id = receipts.sent_message_id AND ${localPart('d.address')} = ${localPart('receipts.recipient')}))
       WHERE delivery_id IS NULL AND recipient IS NOT NULL AND sent_message_id IN (SELECT value FROM json_each(?))
       RETURNING id`,
    );
    this.refreshDeliveries = db.prepare(
      `UPDATE deliveries AS d SET status = ${deliveryStatusSql}
       WHERE d.sent_message_id IN (SELECT value FROM json_each(?)) AND d.status IS NOT ${deliveryStatusSql}
       RETURNING id`,
    );
    // A non-accettazione means the access point refused the whole message (RFC 6109 §3.1.1).
    this.refreshSent = db.prepare(
      `UPDATE sent_messages SET status = CASE
         WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.sent_message_id = sent_messages.id AND r.type = 'non-accettazione') THEN 'not-accepted'
         WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.sent_message_id = sent_messages.id AND r.type = 'accettazione') THEN 'accepted'
         ELSE status END
       WHERE id IN (SELECT value FROM json_each(?))`,
    );
  }

  /** Links the given receipts where their sent message is known; call inside a write. */
  linkReceipts(receiptIds: number[]): void {
    const sentIds = new Set<number>();
    this.resolve(receiptIds, sentIds);
    if (sentIds.size === 0) return;
    // Receipts whose Message-ID matched nothing may still share the identificativo just learned.
    const learned = this.learnIdentificativo.all(JSON.stringify([...sentIds])).map((r) => r.identificativo).filter(Boolean);
    if (learned.length) this.resolve(this.unlinkedByIdentificativo.all(JSON.stringify(learned)).map((r) => r.id), sentIds);
    this.refresh([...sentIds]);
  }

  /** Links the receipts that arrived before this sent message was recorded. */
  linkPendingFor(messageId: string, localPartOfId: string): void {
    const pending = this.unlinkedForSent.all(messageId, localPartOfId).map((r) => r.id);
    if (pending.length) this.linkReceipts(pending);
  }

  private resolve(receiptIds: number[], sentIds: Set<number>): void {
    if (!receiptIds.length) return;
    const linked = this.resolveSent.all(JSON.stringify(receiptIds)).filter((r) => r.sent_message_id !== null);
    for (const r of linked) sentIds.add(r.sent_message_id!);
    this.changes.note('receipts', linked.map((r) => r.id));
  }

  private refresh(sentIds: number[]): void {
    const ids = JSON.stringify(sentIds);
    this.changes.note('receipts', this.resolveDelivery.all(ids).map((r) => r.id));
    this.changes.note('deliveries', this.refreshDeliveries.all(ids).map((r) => r.id));
    this.refreshSent.run(ids);
    // Their status may be unchanged, but their D/A/C/E are not.
    this.changes.note('sent_messages', sentIds);
  }
}
