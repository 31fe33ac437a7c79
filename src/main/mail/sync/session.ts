// One logged-in imapflow connection for an account, built with the same options as the
// connection test and the SMTP side (accounts/connection.ts), plus what a long-lived sync wants:
// QRESYNC, IDLE soon after the last command, IDLE renewed before servers drop it.
import type { ImapFlow } from 'imapflow';
import { loginImap, type ConnectOptions, type ConnectionStage, type SecretStore, type ServerEndpoint } from '../../accounts';
import type { SyncErrorCode } from './types';

/** A connection, or why there is none. */
export type SessionResult =
  | { ok: true; client: ImapFlow }
  | { ok: false; code: Extract<SyncErrorCode, 'no-password' | 'auth-failed' | 'connect-failed'>; detail: string; stage?: ConnectionStage };

/**
 * How to get the password: given, read from the SecretStore under the account id, or asked of
 * the accounts service at every connection (which hands it out only for the servers it was saved for).
 */
export type PasswordSource =
  | { password: string }
  | { secretStore: SecretStore; key: string }
  | { read: () => Promise<{ ok: true; value: string } | { ok: false; code: string; detail: string }> };

// RFC 2177 §3: servers may drop an IDLE after 30 minutes, so clients re-issue it before that.
const IDLE_RENEW_MS = 25 * 60_000;

async function readPassword(source: PasswordSource): Promise<{ ok: true; password: string } | { ok: false; detail: string }> {
  if ('password' in source) return { ok: true, password: source.password };
  if ('read' in source) {
    const read = await source.read();
    return read.ok ? { ok: true, password: read.value } : { ok: false, detail: `${read.code}: ${read.detail}` };
  }
  const secret = await source.secretStore.get(source.key);
  if (!secret.ok) return { ok: false, detail: `${secret.code}: ${secret.detail}` };
  if (secret.value === null) return { ok: false, detail: `no password stored for account ${source.key}` };
  return { ok: true, password: secret.value };
}

/** Logs in; the caller owns the client (listeners, logout). imapflow 'error' events are always handled. */
export async function openSession(endpoint: ServerEndpoint, source: PasswordSource, connect: ConnectOptions, idleDelayMs: number): Promise<SessionResult> {
  const password = await readPassword(source);
  if (!password.ok) return { ok: false, code: 'no-password', detail: password.detail };
  const login = await loginImap(endpoint, password.password, connect, {
    // With QRESYNC (RFC 7162 §3.2.5) a SELECT reports what was expunged since our last visit as
    // VANISHED (EARLIER), and expunges while selected come with their UID.
    qresync: true,
    autoIdleDelay: idleDelayMs,
    maxIdleTime: IDLE_RENEW_MS,
    clientInfo: { name: 'PecDesk' },
  });
  if (login.ok) return login;
  return { ok: false, code: login.stage === 'auth' ? 'auth-failed' : 'connect-failed', detail: login.detail, stage: login.stage };
}

/** Logs out politely, but never waits more than a moment for a server that stopped answering. */
export async function closeSession(client: ImapFlow): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.logout().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
  }
  client.close();
}

/** True when an imapflow failure means the connection is gone (not a NO from the server). */
export function connectionGone(client: ImapFlow): boolean {
  return !client.usable || client.isClosed;
}
