// The stored trust verdict of a message (schema-trust-v8.ts) back as a TrustVerdict.
import type { TrustVerdict } from '../../../shared/trust';

/** The trust_* columns of a messages row, as selected with their own names. */
export interface VerdictColumns {
  trust_level: TrustVerdict['level'] | null;
  trust_reasons: string;
  trust_provider: string | null;
  trust_index_version: number | null;
  trust_checked_at: string | null;
}

/** The verdict stored with a message; null for ordinary mail, unreadable messages and rows not judged yet. */
export function storedVerdict(row: Partial<VerdictColumns> | Record<string, unknown>): TrustVerdict | null {
  const r = row as Partial<VerdictColumns>;
  if (!r.trust_level) return null;
  return {
    level: r.trust_level,
    reasons: JSON.parse(r.trust_reasons ?? '[]') as string[],
    provider: r.trust_provider ?? null,
    indexVersionId: r.trust_index_version ?? null,
    checkedAt: r.trust_checked_at ?? '',
  };
}
