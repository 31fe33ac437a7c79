// Checking every stored signed PEC object again against a newly imported providers' index, so
// verdicts and counters follow the index in force. Works from the facts stored with each verdict
// (no MIME parsing); a row filed before those facts were stored is analysed once from its bytes,
// and its facts stored for next time. Batches keep each write short, so the app stays responsive.
import type { TrustVerdict } from '../../shared/trust';
import { analyzeMessage } from '../pec';
import type { Store, VerdictUpdate } from '../store';
import { judge, signedFactsOf, type ProviderIndexSnapshot, type SignedFacts } from '../proof';

/** Progress of a re-check: objects checked so far out of all. */
export interface RecheckProgress {
  done: number;
  total: number;
}

const BATCH = 500;

/** Re-judges every stored signed PEC object against `index`; resolves with how many changed level. */
export async function recheckVerdicts(store: Store, index: ProviderIndexSnapshot, onProgress?: (progress: RecheckProgress) => void): Promise<{ checked: number; changed: number }> {
  const total = store.signedObjectsCount();
  const checkedAt = new Date().toISOString();
  let afterId = 0;
  let checked = 0;
  let changed = 0;
  onProgress?.({ done: 0, total });
  for (;;) {
    const batch = store.signedObjectsAfter(afterId, BATCH);
    if (batch.length === 0) break;
    const updates: VerdictUpdate[] = [];
    for (const row of batch) {
      const facts = row.factsStored ? row.facts : await factsFromBytes(store, row.messageRowId);
      const verdict: TrustVerdict = facts
        ? judge(facts, index, checkedAt)
        : { level: 'alterata', reasons: ['il file salvato non corrisponde più alla sua impronta SHA-256: non vale come prova'], provider: null, indexVersionId: index.versionId, checkedAt };
      updates.push({ messageRowId: row.messageRowId, verdict, ...(row.factsStored || !facts ? {} : { facts }) });
    }
    changed += store.saveVerdicts(updates);
    checked += batch.length;
    afterId = batch[batch.length - 1].messageRowId;
    onProgress?.({ done: checked, total });
    // Let the event loop breathe between batches (IPC, change events).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { checked, changed };
}

/** The facts of a row stored before they were kept: its bytes analysed again (null if they are gone or altered). */
async function factsFromBytes(store: Store, messageRowId: number): Promise<SignedFacts | null> {
  const raw = store.readMessageRaw(messageRowId);
  if (!raw?.ok) return null;
  const result = await analyzeMessage(raw.raw);
  return result.ok ? signedFactsOf(result.analysis) : null;
}
