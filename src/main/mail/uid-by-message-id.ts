// Finding a message in a server folder by its Message-ID (IMAP SEARCH HEADER, RFC 3501 §6.4.4):
// the copy just appended when the server gives no UID (no UIDPLUS), or a copy that may already be
// there before appending another.
import type { ImapFlow } from 'imapflow';

/** The highest UID in `path` of a message with that Message-ID (without angle brackets), or null. */
export async function uidByMessageId(client: ImapFlow, path: string, messageId: string): Promise<number | null> {
  const lock = await client.getMailboxLock(path);
  try {
    const uids = await client.search({ header: { 'message-id': `<${messageId}>` } }, { uid: true });
    return uids && uids.length ? Math.max(...uids) : null;
  } finally {
    lock.release();
  }
}
