// The sync engine's events as the window's sync-progress events: running with its count, done (with
// what the sync left undone, if anything), or failed; each problem also as values (SyncProblem), so
// the window words it in its own language.
import type { SyncProgressEvent } from '../../shared/api';
import type { SyncProblem } from '../../shared/api-values';
import type { ConnectionStage } from '../accounts';
import { failureWords, type SyncErrorCode } from '../mail';
import type { SyncEvent } from '../services';

/** The event the window gets for a sync event, or null for one it does not show. */
export function syncProgress(event: SyncEvent): SyncProgressEvent | null {
  const base = { type: 'sync-progress' as const, folder: null, done: 0, total: 0, error: null, problem: null };
  if (event.kind === 'progress') {
    const p = event.progress;
    return { ...base, accountId: String(p.accountId), state: 'running', folder: p.folder, done: p.done, total: p.total };
  }
  if (event.kind === 'result') {
    const r = event.result;
    const accountId = String(event.accountId);
    if (!r.ok) return { ...base, accountId, state: 'error', error: r.message, problem: syncProblem(r.code, r.host, r.stage) };
    // A sync that ended with a folder left undone says so as its status did (reportOutcome).
    const undone = r.folders.find((f) => f.error)?.error;
    return undone ? { ...base, accountId, state: 'done', error: failureWords(undone.code, ''), problem: syncProblem(undone.code, '') } : { ...base, accountId, state: 'done' };
  }
  if (event.kind === 'rule-notice') return null;
  const s = event.status;
  const accountId = String(s.accountId);
  const problem = s.code ? syncProblem(s.code, s.host ?? '', s.stage, s.retryInMs) : null;
  if (s.state === 'connecting' || s.state === 'syncing') return { ...base, accountId, state: 'running' };
  if (s.state === 'idle') return { ...base, accountId, state: 'done', ...(problem ? { error: s.message, problem } : {}) };
  if (s.state === 'retrying' || s.state === 'stopped') return { ...base, accountId, state: 'error', error: s.message, problem };
  return null;
}

function syncProblem(code: SyncErrorCode, host: string, stage?: ConnectionStage, retryInMs?: number): SyncProblem {
  return { code, host, stage: stage ?? null, retryInS: retryInMs === undefined ? null : Math.max(1, Math.round(retryInMs / 1000)) };
}
