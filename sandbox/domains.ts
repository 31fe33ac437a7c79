// The sandbox's world: two PEC providers with their domains, one ordinary mail domain, and the
// mailboxes every sandbox starts with. Alfa signs like Aruba (sha1, x-pkcs7-signature), Beta like the
// RFC 5751 form seen in 2021 samples (sha-256, pkcs7-signature), so both variants occur (pec-format.md §4).
import type { DigestName, SignatureType } from './provider';

/** A sandbox PEC provider: its domain, its name (gestore-emittente) and how it signs. */
export interface SandboxProviderSpec {
  domain: string;
  providerName: string;
  digest: DigestName;
  signatureType: SignatureType;
}

/** The two sandbox PEC providers. */
export const SANDBOX_PROVIDERS: readonly SandboxProviderSpec[] = [
  { domain: 'pec.alfa.test', providerName: 'Alfa PEC S.p.A.', digest: 'sha1', signatureType: 'application/x-pkcs7-signature' },
  { domain: 'pec.beta.test', providerName: 'Beta PEC S.r.l.', digest: 'sha256', signatureType: 'application/pkcs7-signature' },
];

/** The ordinary (non-PEC) mail domain: its recipients are `esterno` in daticert. */
export const ORDINARY_DOMAIN = 'mail.gamma.test';

/** The password of every predefined sandbox mailbox. */
export const SANDBOX_PASSWORD = 'sandbox';

/** The storage quota of each predefined mailbox (IMAP QUOTA): 500 MB, above the gestore's largest message. */
export const SANDBOX_QUOTA_BYTES = 500 * 1024 * 1024;

/** The mailbox whose deliveries stall (preavviso di mancata consegna after a delay). */
export const SLOW_MAILBOX = 'lento@pec.beta.test';

/** The user mailboxes every sandbox starts with. */
export const DEFAULT_MAILBOXES: readonly string[] = [
  'mario.rossi@pec.alfa.test',
  'studio@pec.alfa.test',
  'ufficio@pec.beta.test',
  'protocollo@pec.beta.test',
  SLOW_MAILBOX,
  `info@${ORDINARY_DOMAIN}`,
];

/** `count` numbered mailboxes for bulk tests: destinatario001@pec.beta.test … */
export function numberedMailboxes(count: number, options: { prefix?: string; domain?: string } = {}): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `${options.prefix ?? 'destinatario'}${String(i + 1).padStart(width, '0')}@${options.domain ?? 'pec.beta.test'}`);
}

/** The domain part of an address, lowercased. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
