// Logging in to an account's IMAP server, done one way by testConnection, the Sent copy and the
// send-outcome probe: a failed login is a ConnectionFailure value, never a thrown error.
import { ImapFlow } from 'imapflow';
import { classifyConnectionError, imapOptions, type ConnectOptions, type ConnectionFailure } from './connection';
import type { ServerEndpoint } from './settings';

/** An IMAP client logged in to `ep` (the caller logs it out), or why it could not log in. */
export async function loginImap(ep: ServerEndpoint, password: string, opts: ConnectOptions = {}): Promise<{ ok: true; client: ImapFlow } | ConnectionFailure> {
  const client = new ImapFlow(imapOptions(ep, password, opts));
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
