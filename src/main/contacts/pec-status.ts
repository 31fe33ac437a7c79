// Whether an address is a PEC mailbox: what receipts proved, what the user said, what its domain
// suggests. Receipts are evidence and come first, a flag is a claim, a domain is a guess.
import type Database from 'better-sqlite3';
import type { PecRecipient } from '../../shared/pec';
import { normalizeAddress } from './normalize';
import { isKnownPecDomain } from './pec-domains';
import type { PecStatus } from './types';

/** The badge for an address, given what receipts said of it (1 certificato, 0 esterno) and the user's flag. */
export function pecStatusOf(address: string, seenCertified: number | null, userFlag: boolean): PecStatus {
  if (!address) return 'unknown';
  if (seenCertified === 1) return 'confirmed';
  if (seenCertified === 0) return 'no';
  if (userFlag) return 'user';
  return isKnownPecDomain(address) ? 'likely' : 'unknown';
}

/** Reads and records the PEC evidence of addresses (table pec_addresses_seen, migration 2). */
export class PecEvidence {
  private readonly seen: Database.Statement<[string], { certified: number }>;
  private readonly flagged: Database.Statement<[string], { isPec: number }>;
  private readonly upsert: Database.Statement<[string, number, number]>;

  constructor(db: Database.Database) {
    this.seen = db.prepare('SELECT certified FROM pec_addresses_seen WHERE address = ?');
    this.flagged = db.prepare('SELECT MAX(is_pec) AS isPec FROM contacts WHERE pec = ?');
    this.upsert = db.prepare(
      `INSERT INTO pec_addresses_seen (address, certified, seen_ms) VALUES (?, ?, ?)
       ON CONFLICT (address) DO UPDATE SET certified = excluded.certified, seen_ms = excluded.seen_ms
       WHERE excluded.seen_ms >= pec_addresses_seen.seen_ms`,
    );
  }

  /** The badge of any address, whether or not a contact holds it. */
  statusOf(address: string): PecStatus {
    const normalized = normalizeAddress(address);
    const seen = this.seen.get(normalized)?.certified ?? null;
    return pecStatusOf(normalized, seen, (this.flagged.get(normalized)?.isPec ?? 0) === 1);
  }

  /**
   * Records the daticert destinatari of a receipt or envelope (tipo certificato / esterno) as of
   * seenAt. avvenuta-consegna receipts are recorded by a trigger on receipts without this call.
   */
  note(recipients: readonly PecRecipient[], seenAt: string | null): string[] {
    const ms = (seenAt && Date.parse(seenAt)) || Date.now();
    const noted: string[] = [];
    for (const r of recipients) {
      const address = normalizeAddress(r.address);
      if (!address.includes('@')) continue;
      this.upsert.run(address, r.type === 'certificato' ? 1 : 0, ms);
      noted.push(address);
    }
    return noted;
  }
}
