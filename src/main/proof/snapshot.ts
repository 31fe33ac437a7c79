// The providers' index in force (RFC 6109 §3: the LDIF AgID publishes), as the verdict reads it:
// who is a PEC provider, with which certificates, for which domains. Built once per imported
// version and looked up for every signed PEC object, so lookups are maps, not scans.

/** One provider entry of the index (object class `provider`). */
export interface IndexedProvider {
  /** providerName. */
  name: string;
  /** SHA-1 fingerprints (lowercase hex, no colons) of its certificates: providerCertificateHash, and those computed from providerCertificate. */
  certificateSha1: string[];
  /** providerCertificate values, DER. */
  certificatesDer: Buffer[];
  /** managedDomains, lowercased. */
  managedDomains: string[];
  /** mailReceipt: where other providers send it their presa in carico. */
  mailReceipt: string | null;
}

/** An imported version of the index, with the lookups the verdict needs. */
export interface ProviderIndexSnapshot {
  /** Row id of this version in the store: a verdict names the version it was checked against. */
  versionId: number;
  /** When it was imported (ISO 8601). */
  importedAt: string;
  providers: readonly IndexedProvider[];
  /** The provider owning a certificate, by its SHA-1 fingerprint (any case, colons allowed). */
  providerByCertificateSha1(sha1: string): IndexedProvider | null;
  /** The provider managing a mail domain (lowercased match), or null. */
  providerForDomain(domain: string): IndexedProvider | null;
}

/** Normalizes a SHA-1 fingerprint to lowercase hex without separators. */
export function normalizeSha1(sha1: string): string {
  return sha1.replace(/[^0-9a-f]/gi, '').toLowerCase();
}

/** Builds the lookups over a list of providers. */
export function buildSnapshot(versionId: number, importedAt: string, providers: IndexedProvider[]): ProviderIndexSnapshot {
  const byCert = new Map<string, IndexedProvider>();
  const byDomain = new Map<string, IndexedProvider>();
  for (const provider of providers) {
    for (const sha1 of provider.certificateSha1) byCert.set(normalizeSha1(sha1), provider);
    for (const domain of provider.managedDomains) byDomain.set(domain.toLowerCase(), provider);
  }
  return {
    versionId,
    importedAt,
    providers,
    providerByCertificateSha1: (sha1) => byCert.get(normalizeSha1(sha1)) ?? null,
    providerForDomain: (domain) => byDomain.get(domain.toLowerCase()) ?? null,
  };
}
