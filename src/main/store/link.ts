// Linking receipts to the sent messages (and recipients) they speak of, and deciding which of
// them count as proof.
//
// A receipt names its message by the signed daticert.xml <msgid> (the unsigned outer
// X-Riferimento-Message-ID only when daticert has none; a disagreement is stored as
// header_mismatch and the receipt never counts). Keys, in order, each used only when it picks
// exactly one sent message OF THE SAME ACCOUNT (the account whose mailbox the receipt arrived
// in; files imported without an account link only to sent messages recorded without one):
//   1. the whole Message-ID;
//   2. its local part: providers sometimes rewrite the domain and keep the local part (the
//      anonymized fakepec 2024 errore-consegna says …@pec.it where its accettazione and daticert
//      say …@fakepec.it). PecDesk's own ids have a local part unique on its own;
//   3. the provider's identificativo, learned from a receipt that counts as proof: every later
//      receipt of the message carries the same one.
// A receipt whose message is not known yet stays unlinked; recordSent links it later. One that
// names a message of another account is never linked, and is flagged other-account.
// Within a message, a receipt names its recipient in daticert <consegna>: matched on the whole
// address, else on a unique local part (the same fakepec sample rewrote the recipient's domain).
//
// Proof (receipts.proof, what dac.ts counts): its verdict counts (trust_ok), its headers agree,
// and its sent message does not contradict it: a delivery receipt must name a recipient the
// message was sent to, and cannot follow a counted non-accettazione of the whole message.
import type Database from 'better-sqlite3';
import type { ChangeTracker } from './changes';
import { deliveryStatusSql } from './dac';

const sameAccount = 's.account_id IS receipts.account_id';
const unique = (where: string) => `(SELECT CASE WHEN count(*) = 1 THEN min(s.id) END FROM sent_messages s WHERE ${sameAccount} AND ${where})`;

const localPart = (column: string) => `substr(${column}, 1, instr(${column}, '@'))`;

const RECIPIENT_SIDE = `('avvenuta-consegna', 'errore-consegna', 'preavviso-errore-consegna', 'rilevazione-virus')`;

// A non-accettazione means the access point refused the whole message (RFC 6109 §3.1.1):
// nothing can have been delivered after it, so a delivery receipt then is a contradiction.
const contradictionOf = (r: string) => `(CASE
  WHEN ${r}.type IN ${RECIPIENT_SIDE} AND ${r}.delivery_id IS NULL THEN 'recipient-not-sent'
  WHEN ${r}.type IN ${RECIPIENT_SIDE} OR ${r}.type = 'presa-in-carico' THEN
    CASE WHEN EXISTS (SELECT 1 FROM receipts n WHERE n.sent_message_id = ${r}.sent_message_id AND n.type = 'non-accettazione'
                      AND n.trust_ok = 1 AND n.header_mismatch = 0) THEN 'message-refused' END
  END)`;

/** Prepared linking statements over one database. */
export class Linker {
  private readonly resolveSent: Database.Statement<[string], { id: number; sent_message_id: number | null }>;
  private readonly flagOtherAccount: Database.Statement<[string], { id: number }>;
  private readonly learnIdentificativo: Database.Statement<[string], { identificativo: string }>;
  private readonly unlinkedByIdentificativo: Database.Statement<[string], { id: number }>;
  private readonly unlinkedForSent: Database.Statement<[string, string], { id: number }>;
  private readonly resolveDelivery: Database.Statement<[string], { id: number }>;
  private readonly resolveDeliveryOf: Database.Statement<[string], { id: number }>;
  private readonly judgeContradictions: Database.Statement<[string], { id: number }>;
  private readonly judgeProof: Database.Statement<[string], { id: number }>;
  private readonly judgeContradictionsOf: Database.Statement<[string], { id: number }>;
  private readonly judgeProofOf: Database.Statement<[string], { id: number }>;
  private readonly refusedBy: Database.Statement<[string], { id: number }>;
  private readonly refreshDeliveries: Database.Statement<[string], { id: number }>;
  private readonly refreshSent: Database.Statement<[string]>;
  private readonly sentOfReceipts: Database.Statement<[string], { id: number }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    this.resolveSent = db.prepare(
      `UPDATE receipts SET sent_message_id = COALESCE(
         (SELECT s.id FROM sent_messages s WHERE s.message_id = receipts.ref_message_id AND ${sameAccount}),
         ${unique('s.local_part = receipts.ref_local_part')},
         ${unique('s.identificativo = receipts.identificativo')})
       WHERE sent_message_id IS NULL AND id IN (SELECT value FROM json_each(?))
       RETURNING id, sent_message_id`,
    );
    this.flagOtherAccount = db.prepare(
      `UPDATE receipts SET contradiction = 'other-account', proof = 0
       WHERE sent_message_id IS NULL AND id IN (SELECT value FROM json_each(?)) AND contradiction IS NOT 'other-account'
         AND EXISTS (SELECT 1 FROM sent_messages s WHERE s.account_id IS NOT receipts.account_id
                     AND (s.message_id = receipts.ref_message_id OR s.local_part = receipts.ref_local_part))
       RETURNING id`,
    );
    // Only a receipt that counts may teach the message's identificativo: a forged one would
    // otherwise pull later receipts to the wrong message.
    this.learnIdentificativo = db.prepare(
      `UPDATE sent_messages SET identificativo = (
         SELECT r.identificativo FROM receipts r WHERE r.sent_message_id = sent_messages.id AND r.identificativo IS NOT NULL
           AND r.trust_ok = 1 AND r.header_mismatch = 0
         ORDER BY r.type = 'accettazione' DESC, r.id LIMIT 1)
       WHERE identificativo IS NULL AND id IN (SELECT value FROM json_each(?))
       RETURNING identificativo`,
    );
    this.unlinkedByIdentificativo = db.prepare(
      `SELECT id FROM receipts WHERE sent_message_id IS NULL AND identificativo IN (SELECT value FROM json_each(?))`,
    );
    // The condition inside each branch: each branch then searches its partial index (migration 19).
    this.unlinkedForSent = db.prepare(
      `SELECT id FROM receipts WHERE (sent_message_id IS NULL AND ref_message_id = ?) OR (sent_message_id IS NULL AND ref_local_part = ?)`,
    );
    const resolveDeliveryWhere = (which: string) =>
      db.prepare<[string], { id: number }>(
        `UPDATE receipts SET delivery_id = COALESCE(
           (SELECT d.id FROM deliveries d WHERE d.sent_message_id = receipts.sent_message_id AND d.address = receipts.recipient),
           (SELECT CASE WHEN count(*) = 1 THEN min(d.id) END FROM deliveries d
            WHERE d.sent_message_id = receipts.sent_message_id AND ${localPart('d.address')} = ${localPart('receipts.recipient')}))
         WHERE delivery_id IS NULL AND recipient IS NOT NULL AND ${which} IN (SELECT value FROM json_each(?))
         RETURNING id`,
      );
    // Every receipt of the given sent messages, or only the given receipts (see refresh).
    this.resolveDelivery = resolveDeliveryWhere('sent_message_id');
    this.resolveDeliveryOf = resolveDeliveryWhere('id');
    // Only the rows whose verdict changes are written: a sent message with many receipts would
    // otherwise have every one of them rewritten (indexes included) at each batch that links one more.
    const judgeContradictionsWhere = (which: string) =>
      db.prepare<[string], { id: number }>(
        `UPDATE receipts AS r SET contradiction = ${contradictionOf('r')}
         WHERE ${which} IN (SELECT value FROM json_each(?)) AND r.contradiction IS NOT ${contradictionOf('r')}
         RETURNING id`,
      );
    const judgeProofWhere = (which: string) =>
      db.prepare<[string], { id: number }>(
        `UPDATE receipts AS r SET proof = (trust_ok = 1 AND header_mismatch = 0 AND contradiction IS NULL)
         WHERE ${which} IN (SELECT value FROM json_each(?)) AND proof IS NOT (trust_ok = 1 AND header_mismatch = 0 AND contradiction IS NULL)
         RETURNING id`,
      );
    // Every receipt of the given sent messages, or only the given receipts (see refresh).
    this.judgeContradictions = judgeContradictionsWhere('r.sent_message_id');
    this.judgeProof = judgeProofWhere('r.sent_message_id');
    this.judgeContradictionsOf = judgeContradictionsWhere('r.id');
    this.judgeProofOf = judgeProofWhere('r.id');
    this.refusedBy = db.prepare(
      `SELECT DISTINCT sent_message_id AS id FROM receipts
       WHERE id IN (SELECT value FROM json_each(?)) AND type = 'non-accettazione' AND sent_message_id IS NOT NULL`,
    );
    this.refreshDeliveries = db.prepare(
      `UPDATE deliveries AS d SET status = ${deliveryStatusSql}
       WHERE d.sent_message_id IN (SELECT value FROM json_each(?)) AND d.status IS NOT ${deliveryStatusSql}
       RETURNING id`,
    );
    this.refreshSent = db.prepare(
      `UPDATE sent_messages SET status = CASE
         WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.sent_message_id = sent_messages.id AND r.type = 'non-accettazione' AND r.proof = 1) THEN 'not-accepted'
         WHEN EXISTS (SELECT 1 FROM receipts r WHERE r.sent_message_id = sent_messages.id AND r.type = 'accettazione' AND r.proof = 1) THEN 'accepted'
         WHEN status IN ('accepted', 'not-accepted') THEN 'submitted'
         ELSE status END
       WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.sentOfReceipts = db.prepare(
      `SELECT DISTINCT sent_message_id AS id FROM receipts WHERE sent_message_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))`,
    );
  }

  /** Links the given receipts where their sent message is known; call inside a write. */
  linkReceipts(receiptIds: number[]): void {
    const sentIds = new Set<number>();
    const linked = this.resolve(receiptIds, sentIds);
    this.changes.note('receipts', this.flagOtherAccount.all(JSON.stringify(receiptIds)).map((r) => r.id));
    if (sentIds.size === 0) return;
    // Receipts whose Message-ID matched nothing may still share the identificativo just learned.
    const learned = this.learnIdentificativo.all(JSON.stringify([...sentIds])).map((r) => r.identificativo).filter(Boolean);
    if (learned.length) linked.push(...this.resolve(this.unlinkedByIdentificativo.all(JSON.stringify(learned)).map((r) => r.id), sentIds));
    this.refresh([...sentIds], linked);
  }

  /** Links the receipts that arrived before this sent message was recorded. */
  linkPendingFor(messageId: string, localPartOfId: string): void {
    const pending = this.unlinkedForSent.all(messageId, localPartOfId).map((r) => r.id);
    if (pending.length) this.linkReceipts(pending);
  }

  /** After receipts' verdicts changed (a new providers' index): proof, statuses and counters follow; call inside a write. */
  rejudge(receiptIds: number[]): void {
    const sentIds = this.sentOfReceipts.all(JSON.stringify(receiptIds)).map((r) => r.id);
    if (sentIds.length) this.refresh(sentIds, null);
  }

  /** Links what it can of the receipts; returns the ones it linked. */
  private resolve(receiptIds: number[], sentIds: Set<number>): number[] {
    if (!receiptIds.length) return [];
    const linked = this.resolveSent.all(JSON.stringify(receiptIds)).filter((r) => r.sent_message_id !== null);
    for (const r of linked) sentIds.add(r.sent_message_id!);
    const ids = linked.map((r) => r.id);
    this.changes.note('receipts', ids);
    return ids;
  }

  /**
   * Judges again the receipts of these sent messages, then their deliveries' and their own status.
   * `linked`: the receipts just linked to them, or null to judge every receipt of theirs (a verdict
   * changed). A receipt's contradiction and proof depend on its own link, its recipient and its
   * verdict, and on whether a counted non-accettazione refused its message; so after linking, only
   * the receipts just linked are matched to their recipient and judged, and every receipt of a
   * message only when a non-accettazione of it was just linked. Judging all of them at each batch
   * cost a bulk of receipts for one message time in proportion to the receipts already filed.
   */
  private refresh(sentIds: number[], linked: number[] | null): void {
    const ids = JSON.stringify(sentIds);
    if (linked === null) {
      this.changes.note('receipts', this.resolveDelivery.all(ids).map((r) => r.id));
      this.changes.note('receipts', this.judgeContradictions.all(ids).map((r) => r.id));
      this.changes.note('receipts', this.judgeProof.all(ids).map((r) => r.id));
    } else {
      // A sent message's deliveries are recorded with it, before any receipt can link to it: only a
      // receipt just linked can have a recipient still to match.
      const judged = JSON.stringify(linked);
      this.changes.note('receipts', this.resolveDeliveryOf.all(judged).map((r) => r.id));
      const refused = JSON.stringify(this.refusedBy.all(judged).map((r) => r.id));
      this.changes.note('receipts', this.judgeContradictionsOf.all(judged).map((r) => r.id));
      if (refused !== '[]') this.changes.note('receipts', this.judgeContradictions.all(refused).map((r) => r.id));
      this.changes.note('receipts', this.judgeProofOf.all(judged).map((r) => r.id));
      if (refused !== '[]') this.changes.note('receipts', this.judgeProof.all(refused).map((r) => r.id));
    }
    this.changes.note('deliveries', this.refreshDeliveries.all(ids).map((r) => r.id));
    this.refreshSent.run(ids);
    // Their status may be unchanged, but their D/A/C/E are not.
    this.changes.note('sent_messages', sentIds);
  }
}
