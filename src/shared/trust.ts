// The verdict on a signed PEC object (receipt, busta di trasporto, anomalia), in the words the
// user reads everywhere. Only `attendibile` is proof; see README "Ricevute attendibili".

/** The four levels, most trusted first. */
export const TRUST_LEVELS = ['attendibile', 'integra', 'alterata', 'non-firmata'] as const;
/**
 * - attendibile: the signature verifies, the signer is in the providers' index, and it is the
 *   provider that manages the domain it speaks for;
 * - integra: the signature verifies but the signer is not in the index (or no index is imported);
 * - alterata: the signature does not verify;
 * - non-firmata: no signature.
 */
export type TrustLevel = (typeof TRUST_LEVELS)[number];

/** The verdict as stored with a message: computed once at import, and again when an index is imported. */
export interface TrustVerdict {
  level: TrustLevel;
  /** Why it is not attendibile (or what was checked), in plain Italian words. */
  reasons: string[];
  /** The provider named by the index for the signer, when found. */
  provider: string | null;
  /** The providers' index version it was checked against; null without an index. */
  indexVersionId: number | null;
  /** When it was checked (ISO 8601). */
  checkedAt: string;
}

/** The providers' index in force, as Settings and `pecdesk providers show` present it. */
export interface ProviderIndexInfo {
  versionId: number;
  importedAt: string;
  /** Where it came from: a URL or a file name. */
  source: string;
  sha256: string;
  providers: number;
  domains: number;
}
