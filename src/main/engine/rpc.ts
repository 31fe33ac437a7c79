// Request/response over a message channel, the same on both ends: every request gets an id, its
// answer is a Result, and nothing hangs. A handler that throws answers 'internal'; an answer that
// does not come within the timeout, or a peer that dies first, fails the call with a clear error.
import type { ApiError, PecEvent, Result } from '../../shared/api';
import { fail } from '../api/result';
import { isEngineMessage, type EngineMessage } from './protocol';

/** A failure of the channel itself, or of the op on the other side: a bug, in technical words. */
function broken(op: string, detail: string, code: 'internal' | 'unknown-method' = 'internal') {
  return fail(code, 'internal', { method: op, detail });
}

/** Runs one op for the other side. */
export type OpHandler = (...args: never[]) => Promise<unknown> | unknown;

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: NodeJS.Timeout | null;
}

/** One end of the channel. */
export class RpcPeer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed: ApiError | null = null;

  constructor(
    private readonly post: (message: EngineMessage) => void,
    private readonly handlers: Record<string, OpHandler>,
    private readonly onEvent: (event: PecEvent) => void = () => undefined,
  ) {}

  /** Calls `op` on the other side; timeoutMs undefined waits as long as the peer lives (a dialog, a long sync). */
  request(op: string, args: unknown[], timeoutMs?: number): Promise<Result<unknown>> {
    if (this.closed) return Promise.resolve({ ok: false, error: this.closed });
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer =
        timeoutMs === undefined
          ? null
          : setTimeout(() => {
              this.pending.delete(id);
              resolve(broken(op, `no answer within ${Math.round(timeoutMs / 1000)} s`));
            }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      try {
        this.post({ kind: 'request', id, op, args });
      } catch (err) {
        this.settle(id, broken(op, (err as Error).message));
      }
    });
  }

  /** Pushes an event to the other side (the engine's events for the renderer). */
  event(event: PecEvent): void {
    if (!this.closed) this.post({ kind: 'event', event });
  }

  /** Handles one message that arrived from the other side. */
  receive(message: unknown): void {
    if (!isEngineMessage(message)) return;
    if (message.kind === 'response') this.settle(message.id, message.result);
    else if (message.kind === 'event') this.onEvent(message.event);
    else void this.serve(message.id, message.op, message.args);
  }

  /** The other side is gone: every call under way, and every later one, fails with `error`. */
  close(error: ApiError): void {
    this.closed = error;
    for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, error });
  }

  /** Calls not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  private settle(id: number, result: Result<unknown>): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (call.timer) clearTimeout(call.timer);
    call.resolve(result);
  }

  private async serve(id: number, op: string, args: unknown[]): Promise<void> {
    let result: Result<unknown>;
    const handler = Object.hasOwn(this.handlers, op) ? this.handlers[op] : undefined;
    if (!handler) result = broken(JSON.stringify(op).slice(0, 80), 'no such op on this side', 'unknown-method');
    else {
      try {
        result = { ok: true, value: await (handler as (...a: unknown[]) => unknown)(...(Array.isArray(args) ? args : [])) };
      } catch (err) {
        result = broken(op, err instanceof Error ? err.message : String(err));
      }
    }
    if (this.closed) return;
    try {
      this.post({ kind: 'response', id, result });
    } catch (err) {
      // A value that cannot be cloned is a bug in the handler: answer with that rather than never.
      this.post({ kind: 'response', id, result: broken(op, `answer not sendable: ${(err as Error).message}`) });
    }
  }
}
