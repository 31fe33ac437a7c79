// A saved password is bound to the servers it was saved for: their host, port, security and login
// name travel with it, sealed inside the encrypted secret. Settings live in SQLite in clear, so
// anyone who can change them (a compromised renderer through saveAccount, a tampered database)
// could otherwise point an account at their own host and collect the password at the next sync.
// A password is handed out only for the very endpoints it was sealed with.
import type { AccountSettings, ServerEndpoint } from './settings';

const SEALED = 'pecdesk-bound-v1:';

/** The endpoints a password may be sent to, as one comparable string. */
export function passwordBinding(settings: Pick<AccountSettings, 'imap' | 'smtp'>): string {
  const side = (e: ServerEndpoint) => [e.host.trim().toLowerCase(), e.port, e.security, e.username].join('|');
  return JSON.stringify({ imap: side(settings.imap), smtp: side(settings.smtp) });
}

/** The string stored in the SecretStore for a password bound to `binding`. */
export function sealPassword(password: string, binding: string): string {
  return SEALED + JSON.stringify({ binding, password });
}

/** A stored secret read back: a password saved before binding existed has binding null. */
export function openPassword(stored: string): { password: string; binding: string | null } {
  if (!stored.startsWith(SEALED)) return { password: stored, binding: null };
  try {
    const { binding, password } = JSON.parse(stored.slice(SEALED.length)) as { binding: unknown; password: unknown };
    if (typeof binding === 'string' && typeof password === 'string') return { password, binding };
  } catch {
    // fall through: a damaged seal binds to nothing
  }
  return { password: '', binding: 'damaged' };
}
