// Reading and re-writing the trust verdicts of stored signed PEC objects, for a re-check against
// a newly imported providers' index (trust/recheck.ts). The facts a verdict rests on are stored
// with it (schema-trust-v8.ts), so re-judging reads no message bytes; rows filed before those
// facts were stored say so (factsStored false) and are read again by the caller.
import type Database from 'better-sqlite3';
import type { TrustVerdict } from '../../../shared/trust';
import type { SignedFacts } from '../../proof';
import type { ChangeTracker } from '../changes';
import type { Linker } from '../link';
import { trustColumns } from '../ingest';

/** A stored signed PEC object with what its verdict rests on. */
export interface StoredSignedFacts {
  messageRowId: number;
  /** false for rows filed before the facts were stored: judge them from their bytes. */
  factsStored: boolean;
  facts: SignedFacts;
  level: TrustVerdict['level'] | null;
}

/** A new verdict for a stored message, with the facts when they were read again from its bytes. */
export interface VerdictUpdate {
  messageRowId: number;
  verdict: TrustVerdict;
  facts?: SignedFacts;
}

type FactsRow = {
  id: number; kind: SignedFacts['kind']; receipt_type: SignedFacts['receiptType']; sig_present: number | null; sig_valid: number | null;
  sig_signing_time: string | null; sig_signer_sha1: string | null; sig_valid_from: string | null; sig_valid_to: string | null;
  pec_sender: string | null; pec_delivered_to: string | null; pec_certified_at: string | null; trust_level: TrustVerdict['level'] | null;
  trust_checked_at: string | null;
};

const SIGNED = `kind IN ('receipt', 'envelope', 'anomaly') AND unreadable = 0`;

/** Prepared verdict reads and writes. */
export class VerdictQueries {
  private readonly countSigned: Database.Statement<[], { n: number }>;
  private readonly page: Database.Statement<[number, number], FactsRow>;
  private readonly levelOf: Database.Statement<[number], { trust_level: string | null }>;
  private readonly updateVerdict: Database.Statement<Record<string, unknown>>;
  private readonly updateFacts: Database.Statement<Record<string, unknown>>;
  private readonly updateReceipt: Database.Statement<[number, number], { id: number }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
    private readonly linker: Linker,
  ) {
    this.countSigned = db.prepare(`SELECT count(*) AS n FROM messages WHERE ${SIGNED}`);
    this.page = db.prepare(
      `SELECT id, kind, receipt_type, sig_present, sig_valid, sig_signing_time, sig_signer_sha1, sig_valid_from, sig_valid_to,
         pec_sender, pec_delivered_to, pec_certified_at, trust_level, trust_checked_at
       FROM messages WHERE ${SIGNED} AND id > ? ORDER BY id LIMIT ?`,
    );
    this.levelOf = db.prepare('SELECT trust_level FROM messages WHERE id = ?');
    this.updateVerdict = db.prepare(
      `UPDATE messages SET trust_level = @trust_level, trust_reasons = @trust_reasons, trust_provider = @trust_provider,
         trust_index_version = @trust_index_version, trust_checked_at = @trust_checked_at WHERE id = @id`,
    );
    this.updateFacts = db.prepare(
      `UPDATE messages SET sig_signer_sha1 = @sha1, sig_valid_from = @validFrom, sig_valid_to = @validTo, sig_signing_time = @signingTime,
         pec_sender = @sender, pec_delivered_to = @deliveredTo, pec_certified_at = @certifiedAt WHERE id = @id`,
    );
    this.updateReceipt = db.prepare('UPDATE receipts SET trust_ok = ? WHERE message_row_id = ? RETURNING id');
  }

  count(): number {
    return this.countSigned.get()!.n;
  }

  after(afterId: number, limit: number): StoredSignedFacts[] {
    return this.page.all(afterId, limit).map((r) => ({
      messageRowId: r.id,
      factsStored: r.trust_checked_at !== null,
      level: r.trust_level,
      facts: {
        kind: r.kind,
        receiptType: r.receipt_type,
        signature: {
          present: r.sig_present === 1,
          valid: r.sig_valid === null ? null : r.sig_valid === 1,
          signingTime: r.sig_signing_time,
          signerSha1: r.sig_signer_sha1,
          signerValidFrom: r.sig_valid_from,
          signerValidTo: r.sig_valid_to,
        },
        sender: r.pec_sender,
        deliveredTo: r.pec_delivered_to,
        certifiedAt: r.pec_certified_at,
      },
    }));
  }

  /** Writes the verdicts, then proof, statuses and counters of the sent messages they touch, in one transaction. */
  save(updates: VerdictUpdate[], countsAsProof: (verdict: TrustVerdict) => boolean): number {
    return this.changes.write(() => {
      let changed = 0;
      const receiptIds: number[] = [];
      for (const { messageRowId: id, verdict, facts } of updates) {
        if (this.levelOf.get(id)?.trust_level !== verdict.level) changed++;
        this.updateVerdict.run({ id, ...trustColumns(verdict) });
        if (facts) {
          const s = facts.signature;
          this.updateFacts.run({
            id, sha1: s.signerSha1 ?? null, validFrom: s.signerValidFrom ?? null, validTo: s.signerValidTo ?? null,
            signingTime: s.signingTime ?? null, sender: facts.sender, deliveredTo: facts.deliveredTo, certifiedAt: facts.certifiedAt,
          });
        }
        for (const r of this.updateReceipt.all(Number(countsAsProof(verdict)), id)) receiptIds.push(r.id);
      }
      this.changes.note('messages', updates.map((u) => u.messageRowId));
      this.changes.note('receipts', receiptIds);
      if (receiptIds.length) this.linker.rejudge(receiptIds);
      return changed;
    });
  }
}
