// Logging in to an account's IMAP server, done one way by testConnection, the Sent copy, the
// send-outcome probe and the sync: a failed login is a ConnectionFailure value, never a thrown error.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { classifyConnectionError, imapOptions, type ConnectOptions, type ConnectionFailure } from './connection';
import type { ServerEndpoint } from './settings';

/** An IMAP client logged in to `ep` (the caller logs it out), or why it could not log in; `extra` adds client options (QRESYNC, IDLE timing). */
export async function loginImap(
  ep: ServerEndpoint,
  password: string,
  opts: ConnectOptions = {},
  extra: Partial<ImapFlowOptions> = {},
): Promise<{ ok: true; client: ImapFlow } | ConnectionFailure> {
  const client = new ImapFlow({ ...imapOptions(ep, password, opts), ...extra });
  // imapflow also emits socket errors as events; connect() rejects with the same error.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { ok: true, client };
  } catch (err) {
    client.close();
    return classifyConnectionError(err, ep);
  }
}
