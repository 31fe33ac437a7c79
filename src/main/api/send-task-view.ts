// Where a single PEC's sending stands, from its task and queue row (store/send-tasks.ts), in the
// states the deliveries view shows.
import type { SendTaskView } from '../../shared/api-values';
import type { SendTaskRow } from '../store';

/** The view of a task; the queue row's state decides, the task's when it is paused or cancelled. */
export function sendTaskView(task: SendTaskRow): SendTaskView {
  const base = { taskId: task.taskId, reason: task.error, retryAt: null, attempts: task.attempts };
  switch (task.state) {
    case 'submitted':
      return { ...base, state: 'submitted', reason: null };
    case 'failed':
      return { ...base, state: 'failed' };
    case 'cancelled':
      return { ...base, state: 'cancelled' };
    case 'submitting':
      return { ...base, state: 'sending' };
  }
  if (task.taskState === 'paused') return { ...base, state: 'paused', reason: task.stateDetail ?? task.error };
  if (task.taskState === 'cancelled') return { ...base, state: 'cancelled' };
  if (task.state === 'retry-wait') {
    return { ...base, state: 'retry', retryAt: task.nextAttemptMs === null ? null : new Date(task.nextAttemptMs).toISOString() };
  }
  return { ...base, state: 'queued' };
}
