// How long to wait before reconnecting: exponential, capped, with jitter so that several
// accounts (or several PecDesk installs behind one provider) dropped at once do not all come
// back in the same second.

/** Bounds of the reconnect wait. */
export interface BackoffBounds {
  initialMs: number;
  maxMs: number;
}

/** The wait before attempt `attempt` (0 = first retry): initial × 2^attempt, capped, ±20 % jitter. */
export function backoffDelay(attempt: number, bounds: BackoffBounds, random: () => number = Math.random): number {
  const base = Math.min(bounds.maxMs, bounds.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(Math.min(bounds.maxMs, base * (0.8 + 0.4 * random())));
}
