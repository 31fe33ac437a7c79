// A message sent from PecDesk is listed in its account's Sent folder at once, from the bytes it
// was submitted with, under a pending location (a negative UID the server never uses). The sync
// files the server's copy later at its real UID and the pending location goes then (ingest.ts),
// so the message is listed once before the sync and once after it.
//
// A bulk send lists its messages in batches (fileSentCopies): one commit for many, and the bytes,
// already in the raw store as the sent messages' evidence (their batch's pack), are not written a
// second time: the copies' rows name the same pack entries.
import type { ImportItem } from './import';
import type { IngestResult, StoredBytes } from './ingest';
import { sha256Hex } from './rawStore';
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

type SentCopyStore = Pick<Store, 'listFolders' | 'upsertFolder' | 'importMessages' | 'sentStoredBytes'>;

type Folders = ReturnType<SentCopyStore['listFolders']>;

/**
 * The folder to list the copy in; null when the account has no Sent folder the store knows or was
 * told. `listed` keeps each account's folders for one batch (a bulk send's hundred copies asked for
 * the same list a hundred times); a folder added here drops the account's entry.
 */
function sentFolderOf(store: SentCopyStore, input: SentCopyInput, listed: Map<number, Folders>): number | null {
  let folders = listed.get(input.accountId);
  if (!folders) listed.set(input.accountId, (folders = store.listFolders(input.accountId)));
  const known = folders.find((f) => f.path === input.folderPath) ?? folders.find((f) => f.role === 'sent');
  if (known) return known.id;
  if (!input.folderPath) return null;
  listed.delete(input.accountId);
  return store.upsertFolder(input.accountId, { path: input.folderPath, specialUse: '\\Sent', role: 'sent' });
}

function itemOf(input: SentCopyInput, folderId: number): ImportItem {
  return { raw: input.raw, location: { folderId, uid: pendingUid(input.sentMessageId), flags: ['\\Seen'] } };
}

/**
 * Files the sent copy under a pending location; null when the account has no Sent folder the store
 * knows or was told. Bytes stored as the sent message's evidence are named where they are.
 */
export async function fileSentCopy(store: SentCopyStore, importStored: ImportStored, input: SentCopyInput): Promise<IngestResult | null> {
  const [result] = await fileSentCopies(store, importStored, [input]);
  return result;
}

/** Files rows for bytes the raw store already holds, at `places`. */
type ImportStored = (items: ImportItem[], places: StoredBytes[]) => Promise<IngestResult[]>;

/**
 * fileSentCopy for many messages, results in input order. Bytes that are their sent message's
 * stored evidence (same SHA-256, so on disk and fsynced: their own file or their pack's entry) are
 * filed by `importStored` where they are, without being written again; any other go through
 * importMessages.
 */
export async function fileSentCopies(
  store: SentCopyStore,
  importStored: ImportStored,
  inputs: SentCopyInput[],
): Promise<(IngestResult | null)[]> {
  const results: (IngestResult | null)[] = inputs.map(() => null);
  const stored: { at: number; item: ImportItem; place: StoredBytes }[] = [];
  const other: { at: number; item: ImportItem }[] = [];
  const listed = new Map<number, Folders>();
  inputs.forEach((input, at) => {
    const folderId = sentFolderOf(store, input, listed);
    if (folderId === null) return;
    const place = store.sentStoredBytes(input.sentMessageId);
    if (place?.sha256 === sha256Hex(input.raw)) stored.push({ at, item: itemOf(input, folderId), place: { ok: true, ...place } });
    else other.push({ at, item: itemOf(input, folderId) });
  });
  if (stored.length) {
    const filed = await importStored(
      stored.map((g) => g.item),
      stored.map((g) => g.place),
    );
    stored.forEach((g, i) => (results[g.at] = filed[i]));
  }
  if (other.length) {
    const filed = await store.importMessages(other.map((g) => g.item));
    other.forEach((g, i) => (results[g.at] = filed[i]));
  }
  return results;
}
