// Whether an address is a PEC mailbox: what receipts proved, what the user said, what its domain
// suggests. Receipts are evidence and come first, a flag is a claim, a domain is a guess.
import type { PecRecipient } from '../../shared/pec';
import type { PecEvidenceRows } from '../store';
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

/** Reads and records the PEC evidence of addresses (the store's pec_addresses_seen). */
export class PecEvidence {
  constructor(private readonly rows: PecEvidenceRows) {}

  /** The badge of any address, whether or not a contact holds it. */
  statusOf(address: string): PecStatus {
    const normalized = normalizeAddress(address);
    return pecStatusOf(normalized, this.rows.seenCertified(normalized), this.rows.flaggedAsPec(normalized));
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
      this.rows.record(address, r.type === 'certificato', ms);
      noted.push(address);
    }
    return noted;
  }
}
