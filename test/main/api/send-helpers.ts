// Waiting for a single PEC sent through the queue (sendMessage resolves once it is enqueued): its
// state is asked again (sendState) on each store-changed 'campaigns', as the composer does.
import type { ApiBackend } from '../../../src/main/api';
import type { StoreChangedEvent } from '../../../src/shared/api';
import type { SendTaskView } from '../../../src/shared/api-values';

const FINAL = new Set<SendTaskView['state']>(['submitted', 'failed', 'cancelled']);

/** Listens from now on; `until(sentMessageId)` resolves with the message's final state; `changes`: the send queue's store-changed events heard. */
export function sendOutcomes(api: ApiBackend, timeoutMs = 60_000): { until(sentMessageId: number): Promise<SendTaskView>; changes: StoreChangedEvent[] } {
  const changes: StoreChangedEvent[] = [];
  const wakers = new Set<() => void>();
  api.onEvent((event) => {
    if (event.type !== 'store-changed' || !event.entities.includes('campaigns')) return;
    changes.push(event);
    for (const wake of wakers) wake();
  });
  return {
    changes,
    async until(sentMessageId) {
      const deadline = Date.now() + timeoutMs;
      let last: SendTaskView | null;
      for (;;) {
        const seen = changes.length;
        const res = await api.dispatch('sendState', { sentMessageId });
        if (!res.ok) throw new Error(`sendState ${sentMessageId}: ${res.error.message}`);
        last = res.value as SendTaskView | null;
        if (last && FINAL.has(last.state)) return last;
        if (changes.length > seen) continue;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no outcome for sent message ${sentMessageId} in ${timeoutMs} ms: last ${JSON.stringify(last)}`);
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            wakers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, left);
          wakers.add(done);
        });
      }
    },
  };
}
