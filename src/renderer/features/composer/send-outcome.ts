// What became of a message handed to the send queue: sendMessage answers once it is enqueued; its
// state is then in the store, and asked again (sendState) each time the store says the queue
// changed, until the provider took it or refused it (and why). A followed message is followed to
// its end even when its composer closes: the status bar shows the last one followed.
import type { SendTaskView } from '../../../shared/api-values';
import { api, onEvent } from '../../api';

/** The states after which nothing more happens to a single PEC. */
const FINAL: ReadonlySet<SendTaskView['state']> = new Set(['submitted', 'failed', 'cancelled']);

/** A followed message's state now. */
export interface FollowedSend {
  sentMessageId: number;
  view: SendTaskView;
}

const watchers = new Set<(send: FollowedSend) => void>();

/** Hears every step of every followed message (the status bar); returns the unsubscribe function. */
export function onFollowedSend(listener: (send: FollowedSend) => void): () => void {
  watchers.add(listener);
  return () => watchers.delete(listener);
}

/**
 * Follows one message until a final state: `step` hears each new state (until `detach`), and so do
 * the onFollowedSend listeners. One sendState in flight at a time; changes meanwhile ask once more.
 */
export function followSend(sentMessageId: number, step: (view: SendTaskView) => void): { detach(): void } {
  let stepper: ((view: SendTaskView) => void) | null = step;
  let asking = false;
  let again = false;
  let last = '';
  let done = false;
  const ask = async (): Promise<void> => {
    if (asking) {
      again = true;
      return;
    }
    asking = true;
    do {
      again = false;
      const res = await api.sendState({ sentMessageId });
      const view = res.ok ? res.value : null;
      if (!view) break;
      const key = JSON.stringify(view);
      if (key !== last) {
        last = key;
        stepper?.(view);
        watchers.forEach((w) => w({ sentMessageId, view }));
      }
      if (FINAL.has(view.state)) {
        done = true;
        stop();
      }
    } while (again && !done);
    asking = false;
  };
  const stop = onEvent((event) => {
    if (event.type === 'store-changed' && event.entities.includes('campaigns')) void ask();
  });
  void ask();
  return {
    detach() {
      stepper = null;
    },
  };
}
