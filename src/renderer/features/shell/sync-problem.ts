// A sync problem in the window's language. The engine's own words (SyncProgressEvent.error) are
// Italian; these are the same words in either language, built from the problem's values.
import type { TFunction } from 'i18next';
import type { SyncProblem } from '../../../shared/api-values';

const CONNECT_STAGES = new Set(['dns', 'tls', 'timeout']);

/** What went wrong, what happens next, and what the user can do. */
export function syncProblemText(t: TFunction, problem: SyncProblem): string {
  const { code, host, stage, retryInS } = problem;
  const why = code === 'connect-failed' ? t(`sync.problem.connect.${stage && CONNECT_STAGES.has(stage) ? stage : 'other'}`, { host }) : t(`sync.problem.${code}`, { host });
  if (retryInS === null) return why;
  // A full disk is checked again every few seconds; anything else is one more attempt after a wait.
  return code === 'disk-full' ? t('sync.problem.checkEvery', { why, seconds: retryInS }) : t('sync.problem.retryIn', { why, seconds: retryInS });
}

/** An account's sync failure or undone work as the window shows it: from its values when it has them, else the engine's words. */
export function syncStateText(t: TFunction, state: { problem: SyncProblem | null; error: string | null }): string {
  return state.problem ? syncProblemText(t, state.problem) : (state.error ?? '');
}
