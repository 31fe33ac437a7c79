// Keeps a copy of a sent message in the mailbox's Sent folder by IMAP APPEND (RFC 3501 §6.3.11),
// for providers that do not file submitted mail themselves, so other clients see it too.
import { classifyConnectionError, loginImap, resolveSentFolder, type AccountSettings, type ConnectOptions, type ConnectionStage } from '../../accounts';
import { uidByMessageId } from '../uid-by-message-id';

/** Result of appendToSent; `existed`: the folder already held the message, nothing was appended. */
export type AppendResult =
  | { ok: true; folder: string; uid: number | null; existed: boolean }
  | { ok: false; code: 'connection' | 'auth' | 'no-sent-folder' | 'append-failed'; detail: string; stage?: ConnectionStage };

/**
 * Appends `raw` (the exact submitted bytes) to `folder`, marked \Seen. 'auto' means the folder
 * flagged \Sent (SPECIAL-USE, RFC 6154, or its usual localized name). With `messageId`, a folder
 * that already holds that message is left as it is: a copy made again after a crash, or one the
 * provider filed itself, is not doubled.
 */
export async function appendToSent(
  settings: AccountSettings,
  password: string,
  raw: Buffer,
  folder: 'auto' | string = 'auto',
  opts: ConnectOptions = {},
  messageId?: string,
): Promise<AppendResult> {
  const login = await loginImap(settings.imap, password, opts);
  if (!login.ok) return { ok: false, code: login.stage === 'auth' ? 'auth' : 'connection', detail: login.detail, stage: login.stage };
  const { client } = login;
  try {
    const path = await resolveSentFolder(client, folder);
    if (!path) return { ok: false, code: 'no-sent-folder', detail: folder === 'auto' ? 'The mailbox has no folder marked as Sent.' : `The mailbox has no folder "${folder}".` };
    const held = messageId ? await uidByMessageId(client, path, messageId) : null;
    if (held !== null) return { ok: true, folder: path, uid: held, existed: true };
    const appended = await client.append(path, raw, ['\\Seen']);
    if (!appended) return { ok: false, code: 'append-failed', detail: `The server refused to store the copy in "${path}".` };
    return { ok: true, folder: path, uid: appended.uid ?? null, existed: false };
  } catch (err) {
    const failure = classifyConnectionError(err, settings.imap);
    return { ok: false, code: 'append-failed', detail: `Storing the copy failed: ${failure.detail}` };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
