// What became of a message handed to the send queue: sendMessage answers once it is enqueued, and
// the queue's send-progress events say when the provider took it or refused it (and why). Listening
// starts before the call, so an answer quicker than the call's own reply is not missed.
import type { SendProgressEvent } from '../../../shared/api';
import { onEvent } from '../../api';

/** A final send-progress (submitted or failed), or a queued one saying why it waits. */
export type SendOutcome = SendProgressEvent;

/** Starts listening; `watch` reports each step of one message until its outcome; `stop` ends listening. */
export function listenForOutcome(): { watch(messageId: string, step: (event: SendOutcome) => void): void; stop(): void } {
  const seen: SendOutcome[] = [];
  let watched: { messageId: string; step: (event: SendOutcome) => void } | null = null;
  const off = onEvent((event) => {
    if (event.type !== 'send-progress') return;
    if (watched?.messageId === event.messageId) watched.step(event);
    else seen.push(event);
  });
  return {
    watch(messageId, step) {
      watched = { messageId, step };
      for (const event of seen.filter((e) => e.messageId === messageId)) step(event);
    },
    stop: off,
  };
}
