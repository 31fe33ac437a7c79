// D/A/C/E counters, counted in recipients (deliveries rows), straight from the linked receipts.
//
//   D  recipients of the sent message (To + Cc, each address once).
//   A  recipients covered by an accettazione: one accettazione covers every recipient of its
//      message (DM 2/11/2005 art. 9: the access point accepts the message as a whole).
//   C  recipients with an avvenuta-consegna.
//   E  recipients with a final error notice and no avvenuta-consegna: a non-accettazione counts
//      for every recipient of its message; errore-consegna and rilevazione-virus count for the
//      recipient named in their daticert <consegna>. A preavviso-errore-consegna (the 12 h / 24 h
//      warning) is not an error: the recipient shows 'warning' until something final arrives.
//
// Only proof counts: every receipt here has receipts.proof = 1 (link.ts): an alterata or non
// firmata receipt, one whose headers disagree with its signed daticert.xml, one its sent message
// contradicts, and, once a providers' index is imported, one not attendibile, never changes a
// counter or a recipient's status. It stays stored and listed (receiptsOf, receiptsToVerify).
//
// Choices: a consegna wins over any error for the same recipient (a preavviso is not final, a
// consegna after it means the mail arrived), so C and E never overlap. Every counter asks
// "does this recipient have such a receipt" (EXISTS) rather than counting receipts, so a receipt
// read twice (same bytes, or re-downloaded with different bytes) and a preavviso followed by
// its errore-consegna count once. A receipt naming a recipient that is not among the message's
// deliveries counts nowhere (it stays visible in receiptsOf).
//
// D, A, C and E are four aggregate expressions of ONE SELECT over deliveries, whatever the scope
// (a sent message, a campaign, every sent message grouped): no counting in JavaScript.
import type Database from 'better-sqlite3';
import type { DacCounters, ReceiptType } from '../../shared/pec';
import type { SentStats } from './types';

function receiptOfMessage(types: ReceiptType[]): string {
  return `EXISTS (SELECT 1 FROM receipts r WHERE r.sent_message_id = d.sent_message_id AND r.proof = 1 AND r.type IN (${quote(types)}))`;
}

function receiptOfRecipient(types: ReceiptType[]): string {
  return `EXISTS (SELECT 1 FROM receipts r WHERE r.delivery_id = d.id AND r.proof = 1 AND r.type IN (${quote(types)}))`;
}

function quote(types: ReceiptType[]): string {
  return types.map((t) => `'${t}'`).join(', ');
}

const accepted = receiptOfMessage(['accettazione']);
const delivered = receiptOfRecipient(['avvenuta-consegna']);
const failed = `(${receiptOfMessage(['non-accettazione'])} OR ${receiptOfRecipient(['errore-consegna', 'rilevazione-virus'])})`;
const warned = receiptOfRecipient(['preavviso-errore-consegna']);
const errored = `(NOT ${delivered} AND ${failed})`;

/** SQL for the status of the deliveries row `d`, consistent with the counters. */
export const deliveryStatusSql = `CASE WHEN ${delivered} THEN 'delivered' WHEN ${failed} THEN 'error'
  WHEN ${warned} THEN 'warning' WHEN ${accepted} THEN 'accepted' ELSE 'pending' END`;

const counters = `count(d.id) AS D, coalesce(sum(${accepted}), 0) AS A,
  coalesce(sum(${delivered}), 0) AS C, coalesce(sum(${errored}), 0) AS E`;

/** Prepared D/A/C/E queries over one database. */
export class DacQueries {
  private readonly ofSent: Database.Statement<[number], DacCounters>;
  private readonly ofCampaign: Database.Statement<[number], DacCounters>;
  private readonly ofSentList: Database.Statement<[string], DacCounters & { id: number }>;
  private readonly all: Database.Statement<[], SentStats>;

  constructor(db: Database.Database) {
    this.ofSent = db.prepare(`SELECT ${counters} FROM deliveries d WHERE d.sent_message_id = ?`);
    this.ofCampaign = db.prepare(
      `SELECT ${counters} FROM deliveries d WHERE d.sent_message_id IN (SELECT id FROM sent_messages WHERE campaign_id = ?)`,
    );
    this.ofSentList = db.prepare(
      `SELECT d.sent_message_id AS id, ${counters} FROM deliveries d
       WHERE d.sent_message_id IN (SELECT value FROM json_each(?)) GROUP BY d.sent_message_id`,
    );
    this.all = db.prepare(
      `SELECT s.id AS sentMessageId, s.message_id AS messageId, s.subject, ${counters}
       FROM sent_messages s LEFT JOIN deliveries d ON d.sent_message_id = s.id
       GROUP BY s.id ORDER BY s.created_at, s.id`,
    );
  }

  /** Counters of one sent message (all zero if it is unknown). */
  dac(sentMessageId: number): DacCounters {
    return { ...this.ofSent.get(sentMessageId)! };
  }

  /** Counters of a bulk send: the sum over its sent messages, counted in recipients. */
  campaignDac(campaignId: number): DacCounters {
    return { ...this.ofCampaign.get(campaignId)! };
  }

  /** Counters of several sent messages at once (for a page of a message list). */
  dacOf(sentMessageIds: number[]): Map<number, DacCounters> {
    const out = new Map<number, DacCounters>();
    for (const { id, D, A, C, E } of this.ofSentList.all(JSON.stringify(sentMessageIds))) out.set(id, { D, A, C, E });
    return out;
  }

  /** Every sent message with its counters, oldest first. */
  sentStats(): SentStats[] {
    return this.all.all();
  }
}
