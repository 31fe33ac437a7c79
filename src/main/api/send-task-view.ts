// Where a single PEC's sending stands, from its task and queue row (store/send-tasks.ts), in the
// states the deliveries view shows.
import type { SendTaskView } from '../../shared/api-values';
import { italianFailureWords, storedFailureValues } from '../send';
import type { SendTaskRow } from '../store';

/** The view of a task; the queue row's state decides, the task's when it is paused or cancelled. */
export function sendTaskView(task: SendTaskRow): SendTaskView {
  // The queue row's failure as values (worded by the window), its Italian words from them; a row
  // stored before the values shows the words stored with it.
  const failure = storedFailureValues(task.errorValues);
  const error = { reason: failure ? italianFailureWords(failure) : task.error, reasonText: failure?.text ?? null, reasonParams: failure?.params ?? null };
  const base = { taskId: task.taskId, ...error, retryAt: null, attempts: task.attempts };
  const none = { reason: null, reasonText: null, reasonParams: null };
  switch (task.state) {
    case 'submitted':
      return { ...base, state: 'submitted', ...none };
    case 'failed':
      return { ...base, state: 'failed' };
    case 'cancelled':
      return { ...base, state: 'cancelled' };
    case 'submitting':
      return { ...base, state: 'sending' };
  }
  // Paused after a refused password: the row's failure says why; else the pause's own words, as they are.
  if (task.taskState === 'paused') return failure ? { ...base, state: 'paused' } : { ...base, state: 'paused', ...none, reason: task.stateDetail ?? task.error };
  if (task.taskState === 'cancelled') return { ...base, state: 'cancelled' };
  if (task.state === 'retry-wait') {
    return { ...base, state: 'retry', retryAt: task.nextAttemptMs === null ? null : new Date(task.nextAttemptMs).toISOString() };
  }
  return { ...base, state: 'queued' };
}
