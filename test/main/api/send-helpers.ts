// Waiting for a single PEC sent through the queue (sendMessage resolves once it is enqueued).
import type { ApiBackend } from '../../../src/main/api';
import type { SendProgressEvent } from '../../../src/shared/api';

/** Listens from now on; `until(messageId)` resolves with the message's final send-progress (submitted or failed). */
export function sendOutcomes(api: ApiBackend, timeoutMs = 60_000): { until(messageId: string): Promise<SendProgressEvent>; events: SendProgressEvent[] } {
  const events: SendProgressEvent[] = [];
  const waiters = new Map<string, (event: SendProgressEvent) => void>();
  api.onEvent((event) => {
    if (event.type !== 'send-progress') return;
    events.push(event);
    if (event.state === 'submitted' || event.state === 'failed') waiters.get(event.messageId)?.(event);
  });
  return {
    events,
    until(messageId) {
      const done = events.find((e) => e.messageId === messageId && (e.state === 'submitted' || e.state === 'failed'));
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no outcome for ${messageId} in ${timeoutMs} ms: ${JSON.stringify(events)}`)), timeoutMs);
        waiters.set(messageId, (event) => {
          clearTimeout(timer);
          resolve(event);
        });
      });
    },
  };
}
