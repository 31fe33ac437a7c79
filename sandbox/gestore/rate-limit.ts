// Per-sender sending limit, as InfoCert Legalmail applies it (6 messages a minute, pec-format.md §10):
// a sliding window over accepted MAIL FROM commands, with an injectable clock for tests.

/** At most `max` messages per sender in any `windowMs` window. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Named limits of real providers. */
export const RATE_LIMIT_PRESETS = {
  /** InfoCert Legalmail: 6 messages per minute (help.infocert.it). */
  infocert: { max: 6, windowMs: 60_000 },
} as const satisfies Record<string, RateLimit>;

/** The SMTP reply InfoCert gives past its limit (pec-format.md §10). */
export function rateLimitReply(address: string): string {
  return `5.7.1 MAIL from: "${address}" blocked "Class Of Service" - Too much traffic from this sender`;
}

/** Counts messages per sender; `limit` null means no limit. */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    public limit: RateLimit | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one message from `sender` and says whether it is within the limit (refused ones do not count). */
  take(sender: string): boolean {
    if (!this.limit) return true;
    const now = this.now();
    const recent = (this.sent.get(sender) ?? []).filter((t) => t > now - this.limit!.windowMs);
    if (recent.length >= this.limit.max) {
      this.sent.set(sender, recent);
      return false;
    }
    recent.push(now);
    this.sent.set(sender, recent);
    return true;
  }
}
