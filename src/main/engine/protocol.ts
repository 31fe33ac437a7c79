// The one message shape between the host (Electron main process, web bridge) and the engine (the
// worker or utility process that runs the services): a small request/response RPC usable in both
// directions, plus the events the engine pushes. Messages are structured-cloned, never JSON-parsed
// from a stranger: both ends are PecDesk's own code.
import type { PecEvent, Result } from '../../shared/api';

/** One message on the channel, either way. */
export type EngineMessage =
  /** A call: the other side runs `op` with `args` and answers with a response of the same id. */
  | { kind: 'request'; id: number; op: string; args: unknown[] }
  | { kind: 'response'; id: number; result: Result<unknown> }
  /** Engine → host only: an event for the renderer. */
  | { kind: 'event'; event: PecEvent };

/** Whether a value read off the channel is a message of this protocol. */
export function isEngineMessage(value: unknown): value is EngineMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'request' || kind === 'response' || kind === 'event';
}
