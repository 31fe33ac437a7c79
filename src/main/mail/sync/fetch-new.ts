// Filing messages from the server: raw source (BODY.PEEK[], so nothing is marked read) straight
// into the store, which classifies them, links receipts and writes the bytes as received.
// UIDNEXT is saved only after every message below it is stored, so a dropped connection resumes
// where it stopped and loses nothing; the store's (folder, uid) and SHA-256 keys make a repeat harmless.
import type { ImapFlow } from 'imapflow';
import { assertConnected, storedFlags, uidSet, type FolderContext } from './context';
import { initialFolderFor } from './receipts';

/** A UID to file and its size (RFC822.SIZE), so that no single FETCH asks for too many bytes. */
export interface WantedMessage {
  uid: number;
  size: number;
}

/** Outcome of filing: how many locations were recorded, or why the store refused a message. */
export type FileOutcome = { ok: true; filed: number } | { ok: false; code: 'store-failed'; detail: string; filed: number };

// Sized for PEC mail: a few KB per receipt, up to the providers' 30–100 MB for one message.
const CHUNK_MESSAGES = 250;
const CHUNK_BYTES = 32 * 1024 * 1024;

/** UIDs and sizes of the messages in `range` (a UID set), ascending; for "n:*" only UIDs ≥ n. */
export async function listMessages(client: ImapFlow, range: string, from = 1): Promise<WantedMessage[]> {
  const found: WantedMessage[] = [];
  // "n:*" also matches the last message when every UID is below n (RFC 3501 §6.4.8), hence the filter.
  for await (const m of client.fetch(range, { uid: true, size: true }, { uid: true })) if (m.uid >= from) found.push({ uid: m.uid, size: m.size ?? 0 });
  assertConnected(client, `the listing of ${range}`);
  return found.sort((a, b) => a.uid - b.uid);
}

function* chunks(wanted: WantedMessage[]): Generator<WantedMessage[]> {
  let chunk: WantedMessage[] = [];
  let bytes = 0;
  for (const w of wanted) {
    if (chunk.length > 0 && (chunk.length >= CHUNK_MESSAGES || bytes + w.size > CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(w);
    bytes += w.size;
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Fetches and files `wanted` (ascending) in chunks; after each chunk is stored, `filedBelow(uid)`
 * is told that every UID below `uid` is safe. Throws only when the connection fails.
 */
export async function fileMessages(ctx: FolderContext, wanted: WantedMessage[], filedBelow: (uidNext: number) => void): Promise<FileOutcome> {
  let filed = 0;
  if (wanted.length === 0) return { ok: true, filed };
  ctx.progress(0, wanted.length);
  for (const chunk of chunks(wanted)) {
    let failure: string | null = null;
    const query = { uid: true, flags: true, source: true } as const;
    for await (const message of ctx.client.fetch(uidSet(chunk.map((w) => w.uid)), query, { uid: true })) {
      // After a failure the FETCH is still read to its end: leaving it half-read would stall the connection.
      if (failure !== null || !message.source) continue;
      const location = { folderId: initialFolderFor(ctx, message.source), uid: message.uid, flags: storedFlags(message.flags) };
      try {
        const result = await ctx.store.importMessage(message.source, { location });
        if (!result.ok) failure = `${result.code}: ${result.detail}`;
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
      if (failure !== null) continue;
      filed++;
      ctx.progress(filed, wanted.length);
    }
    if (failure !== null) return { ok: false, code: 'store-failed', detail: `${ctx.view.path}: ${failure}`, filed };
    assertConnected(ctx.client, `the FETCH of ${ctx.view.path}`);
    filedBelow(chunk[chunk.length - 1].uid + 1);
  }
  return { ok: true, filed };
}
