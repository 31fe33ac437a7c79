// What the analyzer pool (pool.ts) and its worker threads (pool-worker.ts) say to each other.
import type { AnalysisResult } from '../../shared/pec';
import type { SearchableText } from './search-text';

/** The analysis could not be made: the classifier threw, or its thread died, on these bytes. */
export interface AnalysisCrash {
  ok: false;
  code: 'analysis-crashed';
  detail: string;
}

/** One message's outcome: analyzeWithText's, or why there is none. */
export interface PooledAnalysis {
  result: AnalysisResult | AnalysisCrash;
  /** The words full-text search indexes; null when unreadable or crashed. */
  text: SearchableText | null;
}

/**
 * A message for a worker; `seq` names its answer. Answers go back one post per batch of requests,
 * except after a request marked `flush`: its answer (and those before it) goes at once, so that a
 * thread that dies on it has answered every message before it (pool.ts sends suspects so).
 */
export interface PoolRequest {
  seq: number;
  raw: Uint8Array;
  flush: boolean;
}

/** A worker's answer to one request. */
export interface PoolAnswer {
  seq: number;
  analyzed: PooledAnalysis;
}

/** The crashed outcome for what was thrown (or why the thread died). */
export function crashed(err: unknown): PooledAnalysis {
  return { result: { ok: false, code: 'analysis-crashed', detail: err instanceof Error ? err.message : String(err) }, text: null };
}
