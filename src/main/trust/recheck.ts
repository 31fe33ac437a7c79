// Checking every stored signed PEC object again against a newly imported providers' index, so
// verdicts and counters follow the index in force.
import type { Store } from '../store';
import type { ProviderIndexSnapshot } from './snapshot';

/** Progress of a re-check: objects checked so far out of all. */
export interface RecheckProgress {
  done: number;
  total: number;
}

/** Re-judges every stored signed PEC object against `index`; resolves with how many changed level. */
export async function recheckVerdicts(store: Store, index: ProviderIndexSnapshot, onProgress?: (progress: RecheckProgress) => void): Promise<{ checked: number; changed: number }> {
  // Filled in by the verdict work; callers may already wire it.
  void store;
  void index;
  onProgress?.({ done: 0, total: 0 });
  return { checked: 0, changed: 0 };
}
