// A message sent from PecDesk is listed in its account's Sent folder at once, from the bytes it
// was submitted with, under a pending location (a negative UID the server never uses). The sync
// files the server's copy later at its real UID and the pending location goes then (ingest.ts),
// so the message is listed once before the sync and once after it.
import type { IngestResult } from './ingest';
import type { Store } from './store';

/** Where to list the sent copy: the folder path the copy was appended to, else the account's Sent folder. */
export interface SentCopyInput {
  accountId: number;
  /** The sent_messages row of these bytes: its id makes the pending UID unique. */
  sentMessageId: number;
  raw: Buffer;
  /** The server folder the copy was appended to (IMAP APPEND), when known. */
  folderPath?: string | null;
}

/** The pending UID of a sent message: negative, so no server UID (RFC 3501 §2.3.1.1: nz-number) is ever the same. */
export function pendingUid(sentMessageId: number): number {
  return -sentMessageId;
}

/** Files the sent copy under a pending location; null when the account has no Sent folder the store knows or was told. */
export async function fileSentCopy(store: Pick<Store, 'listFolders' | 'upsertFolder' | 'importMessage'>, input: SentCopyInput): Promise<IngestResult | null> {
  const folders = store.listFolders(input.accountId);
  const known = folders.find((f) => f.path === input.folderPath) ?? folders.find((f) => f.role === 'sent');
  const folderId = known?.id ?? (input.folderPath ? store.upsertFolder(input.accountId, { path: input.folderPath, specialUse: '\\Sent', role: 'sent' }) : null);
  if (folderId === null) return null;
  return store.importMessage(input.raw, { location: { folderId, uid: pendingUid(input.sentMessageId), flags: ['\\Seen'] } });
}
