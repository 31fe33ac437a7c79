// Message-IDs as PecDesk writes and compares them (RFC 5322 §3.6.4).
import { randomBytes } from 'node:crypto';

/**
 * A new Message-ID for `domain`, without angle brackets. The local part is unique on its own
 * ("pecdesk." + 128 random bits), so a receipt still links by local part when an intermediate
 * rewrote the domain (seen in the anonymised fakepec sample: header @pec.it, daticert @fakepec.it).
 */
export function generateMessageId(domain: string): string {
  return `pecdesk.${randomBytes(16).toString('hex')}@${domain.trim().toLowerCase()}`;
}

/** The id inside the first <…> (or the whole value), whitespace removed; null when nothing is left. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  // indexOf, not /<([^>]*)>/: that expression is quadratic on a value of thousands of "<" (a hostile header).
  const open = value.indexOf('<');
  const close = open === -1 ? -1 : value.indexOf('>', open);
  const id = (close === -1 ? value : value.slice(open + 1, close)).replace(/\s+/g, '');
  return id === '' ? null : id;
}

/** The part of a Message-ID before the last "@" (the whole id when it has none). */
export function messageIdLocalPart(value: string): string {
  const id = normalizeMessageId(value) ?? '';
  const at = id.lastIndexOf('@');
  return at === -1 ? id : id.slice(0, at);
}
