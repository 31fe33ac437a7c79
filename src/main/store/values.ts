// Small conversions between JavaScript values and column values, used by every store file.

/** The current time as ISO 8601 UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Epoch milliseconds of a date string, for sorting; null when absent or unparseable. */
export function epochMs(date: string | null | undefined): number | null {
  if (!date) return null;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? null : ms;
}

/** A value as a JSON column. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** An array as a JSON column; the empty array most columns hold without serializing it. */
export function jsonArray(values: readonly unknown[]): string {
  return values.length === 0 ? '[]' : JSON.stringify(values);
}

/** A JSON column back as a value. */
export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/**
 * The bare address of "Name <addr>" or "addr", trimmed and lowercased, for matching recipients
 * (RFC 5321 lets the local part be case-sensitive, but PEC providers treat it as case-insensitive
 * and daticert carries whatever case the sender typed). null if there is no address.
 */
export function lowerAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>]*)>\s*$/.exec(value);
  const address = (bracketed ? bracketed[1] : value).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}
