// Filing messages from the server: raw source (BODY.PEEK[], so nothing is marked read) classified
// on the engine's worker threads (pec/pool.ts), then into the store, which links receipts and
// writes the bytes as received, one FETCH chunk per store batch (one commit). While a chunk is
// classified, the previous one is stored and the next one fetched.
// UIDNEXT is saved only after every message below it is stored, so a dropped connection resumes
// where it stopped and loses nothing; the store's (folder, uid) and SHA-256 keys make a repeat harmless.
import type { ImapFlow } from 'imapflow';
import type { PooledAnalysis } from '../../pec';
import type { IngestInput } from '../../store';
import { assertConnected, storedFlags, uidSet, type FolderContext } from './context';
import { initialFolderFor } from './receipts';

/** A UID to file and its size (RFC822.SIZE) or a bound above it, so that no single FETCH asks for too many bytes. */
export interface WantedMessage {
  uid: number;
  size: number;
}

/** Outcome of filing: how many locations were recorded, or why the store refused a message. */
export type FileOutcome = { ok: true; filed: number } | { ok: false; code: 'store-failed'; detail: string; filed: number };

// Sized for PEC mail: a few KB per receipt, up to the providers' 30–100 MB for one message. A
// chunk is one pack and one commit (store/ingest.ts): larger chunks mean fewer fsync rounds, and
// the chunks held at once (CHUNKS_HELD) bound the memory.
const CHUNK_MESSAGES = 500;
const CHUNK_BYTES = 16 * 1024 * 1024;

// A message at most this large counts as this large when chunking: 500 of them fill one chunk.
const SMALL_MESSAGE_BYTES = Math.floor(CHUNK_BYTES / CHUNK_MESSAGES);

/**
 * UIDs and sizes of the messages in `range` (a UID set), ascending; for "n:*" only UIDs ≥ n.
 * Two UID SEARCHes (every UID, then those LARGER than a small message) each answer in one line,
 * where a FETCH of every RFC822.SIZE answers in one line per message; only the large ones' exact
 * sizes matter for chunking, and those are fetched. LARGER counts octets as RFC822.SIZE does
 * (RFC 3501 §6.4.4), so a small message's real size is at most the size it is counted as.
 */
export async function listMessages(client: ImapFlow, range: string, from = 1): Promise<WantedMessage[]> {
  const all = await client.search({ uid: range }, { uid: true });
  const large = all && all.length > 0 ? await client.search({ uid: range, larger: SMALL_MESSAGE_BYTES }, { uid: true }) : [];
  assertConnected(client, `the listing of ${range}`);
  if (!Array.isArray(all) || !Array.isArray(large)) throw new Error(`the server refused UID SEARCH over ${range}`);
  const sizes = new Map<number, number>();
  if (large.length > 0) {
    const sorted = [...large].sort((a, b) => a - b);
    for await (const m of client.fetch(uidSet(sorted), { uid: true, size: true }, { uid: true })) sizes.set(m.uid, m.size ?? 0);
    assertConnected(client, `the sizes of ${range}`);
  }
  // "n:*" also matches the last message when every UID is below n (RFC 3501 §6.4.8), hence the filter.
  return all
    .filter((uid) => uid >= from)
    .sort((a, b) => a - b)
    .map((uid) => ({ uid, size: sizes.get(uid) ?? SMALL_MESSAGE_BYTES }));
}

// The first chunk is smaller: its messages are shown sooner, and the classifying threads start
// while the rest of the pipeline fills, instead of idling through a whole chunk's FETCH.
const FIRST_CHUNK_MESSAGES = 100;

function* chunks(wanted: WantedMessage[]): Generator<WantedMessage[]> {
  let chunk: WantedMessage[] = [];
  let bytes = 0;
  let limit = FIRST_CHUNK_MESSAGES;
  for (const w of wanted) {
    if (chunk.length > 0 && (chunk.length >= limit || bytes + w.size > CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
      limit = CHUNK_MESSAGES;
    }
    chunk.push(w);
    bytes += w.size;
  }
  if (chunk.length > 0) yield chunk;
}

/** One message as the FETCH returned it. */
interface Fetched {
  uid: number;
  source: Buffer;
  flags: string[];
}

async function fetchChunk(ctx: FolderContext, chunk: WantedMessage[]): Promise<Fetched[]> {
  const fetched: Fetched[] = [];
  const query = { uid: true, flags: true, source: true } as const;
  for await (const m of ctx.client.fetch(uidSet(chunk.map((w) => w.uid)), query, { uid: true })) {
    if (m.source) fetched.push({ uid: m.uid, source: m.source, flags: storedFlags(m.flags) });
  }
  assertConnected(ctx.client, `the FETCH of ${ctx.view.path}`);
  return fetched;
}

/**
 * Files one fetched chunk in one store batch once its analysis is in and the chunk before it is
 * stored; null when every message is stored, else why not. Nothing is written after a chunk that
 * failed: UIDNEXT cannot move past it anyway. A message the classifier crashed on is filed unreadable.
 */
async function fileChunk(ctx: FolderContext, fetched: Fetched[], analysis: Promise<PooledAnalysis[]>, before: Promise<string | null>): Promise<string | null> {
  try {
    const analyzed = await analysis;
    const earlier = await before;
    if (earlier !== null) return earlier;
    const inputs: IngestInput[] = fetched.map((m, i) => {
      const { result, text } = analyzed[i];
      const folderId = initialFolderFor(ctx, m.source, result.ok ? result.analysis.kind : undefined);
      return { raw: m.source, analysis: result, bodyText: text?.body, senderNames: text?.senderNames, location: { folderId, uid: m.uid, flags: m.flags } };
    });
    const results = await ctx.store.ingestBatch(inputs);
    for (const r of results) if (r.ok && r.status === 'stored') ctx.arrived.push(r.messageRowId);
    const refused = results.find((r) => !r.ok);
    return refused && !refused.ok ? `${refused.code}: ${refused.detail}` : null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** A fetched chunk being filed, and the UIDNEXT it makes safe once stored. */
interface Filing {
  failure: Promise<string | null>;
  count: number;
  uidNext: number;
}

// Chunks fetched and not yet stored, at most: the oldest being written while the next is
// classified and a third fetched. Two left this thread idle whenever it waited for a write's
// fsync or for the classifier; more would only hold more memory (16 MB a chunk at most).
const CHUNKS_HELD = 3;

/**
 * Fetches and files `wanted` (ascending) in chunks; after each chunk is stored, `filedBelow(uid)`
 * is told that every UID below `uid` is safe. Throws only when the connection fails.
 *
 * Pipelined: while chunk n is written and committed here, chunk n+1 is classified on the pool's
 * threads and chunk n+2 fetched, so the server, the network, the disk, the pool's threads and
 * this thread work at once. Chunks are written one after the other, in order, and UIDNEXT moves
 * past a chunk only once it and every chunk before it are stored. At most CHUNKS_HELD chunks are
 * held at once, which bounds the memory a large mailbox takes.
 */
export async function fileMessages(ctx: FolderContext, wanted: WantedMessage[], filedBelow: (uidNext: number) => void): Promise<FileOutcome> {
  let filed = 0;
  if (wanted.length === 0) return { ok: true, filed };
  ctx.progress(0, wanted.length);
  const held: Filing[] = [];
  const settleOldest = async (): Promise<FileOutcome> => {
    const filing = held.shift()!;
    const failure = await filing.failure;
    if (failure !== null) return { ok: false, code: 'store-failed', detail: `${ctx.view.path}: ${failure}`, filed };
    filed += filing.count;
    filedBelow(filing.uidNext);
    ctx.progress(filed, wanted.length);
    return { ok: true, filed };
  };
  // After a failure the chunks still held write nothing (fileChunk); they are waited for, not settled.
  const failed = async (outcome: FileOutcome): Promise<FileOutcome> => {
    await Promise.all(held.splice(0).map((f) => f.failure));
    return outcome;
  };
  const settleAll = async (): Promise<FileOutcome> => {
    while (held.length > 0) {
      const outcome = await settleOldest();
      if (!outcome.ok) return failed(outcome);
    }
    return { ok: true, filed };
  };
  let lastWrite: Promise<string | null> = Promise.resolve(null);
  for (const chunk of chunks(wanted)) {
    let fetched: Fetched[];
    try {
      fetched = await fetchChunk(ctx, chunk);
    } catch (err) {
      // What was fetched before is still stored (and its UIDNEXT saved) before the failure goes up.
      await settleAll();
      throw err;
    }
    const failure = fileChunk(ctx, fetched, ctx.analyzer.analyze(fetched.map((m) => m.source)), lastWrite);
    lastWrite = failure;
    held.push({ failure, count: fetched.length, uidNext: chunk[chunk.length - 1].uid + 1 });
    if (held.length >= CHUNKS_HELD) {
      const outcome = await settleOldest();
      if (!outcome.ok) return failed(outcome);
    }
  }
  return settleAll();
}
