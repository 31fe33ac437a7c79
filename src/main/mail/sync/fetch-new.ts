// Filing messages from the server: raw source (BODY.PEEK[], so nothing is marked read) classified
// on the engine's worker threads (pec/pool.ts), then into the store, which links receipts and
// writes the bytes as received, one FETCH chunk per store batch (one commit). While a chunk is
// classified, the previous one is stored and the next one fetched, by one FETCH for many chunks.
// UIDNEXT is saved only after every message below it is stored, so a dropped connection resumes
// where it stopped and loses nothing; the store's (folder, uid) and SHA-256 keys make a repeat harmless.
import type { ImapFlow } from 'imapflow';
import type { PooledAnalysis } from '../../pec';
import type { IngestInput } from '../../store';
import { assertConnected, storedFlags, uidBatches, uidSet, type FolderContext } from './context';
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
    for (const uids of uidBatches([...large].sort((a, b) => a - b))) {
      for await (const m of client.fetch(uidSet(uids), { uid: true, size: true }, { uid: true })) sizes.set(m.uid, m.size ?? 0);
      assertConnected(client, `the sizes of ${range}`);
    }
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

// One FETCH streams many chunks. A FETCH per chunk left the line idle between chunks: a round trip
// for each new command, and the whole commit of a chunk whenever this thread was storing one when
// the FETCH ended. Now the server keeps sending meanwhile, and imapflow's backpressure (it reads on
// only when this loop takes the next message) bounds what is held. A FETCH covers consecutive
// chunks while their UID sets stay this short, well within the 8,192-octet command line RFC 7162
// §4 asks every server to take.
const FETCH_SET_CHARS = 4000;

/** Consecutive chunks, grouped into as few FETCH commands as the cap on a UID set allows. */
function* fetchGroups(all: Iterable<WantedMessage[]>): Generator<WantedMessage[][]> {
  let group: WantedMessage[][] = [];
  let chars = 0;
  for (const chunk of all) {
    // The chunks' own sets, comma-joined, bound the group's set from above.
    const length = uidSet(chunk.map((w) => w.uid)).length + 1;
    if (group.length > 0 && chars + length > FETCH_SET_CHARS) {
      yield group;
      group = [];
      chars = 0;
    }
    group.push(chunk);
    chars += length;
  }
  if (group.length > 0) yield group;
}

/**
 * The chunks of `group`, in order, each with the messages one FETCH of the whole group returned for
 * it. Servers answer in UID order (every one in use does, though RFC 3501 does not promise it), so
 * a message past a chunk's last UID means that chunk is whole; one that comes late anyway is filed
 * with the chunk being read, and the count check at the end of a folder's sync refetches it if a
 * crash came first. A chunk is given out only while the connection holds: the messages a closed
 * connection never sent are fetched again, never skipped.
 */
async function* fetchChunks(ctx: FolderContext, group: WantedMessage[][]): AsyncGenerator<{ chunk: WantedMessage[]; fetched: Fetched[] }> {
  const query = { uid: true, flags: true, source: true } as const;
  const lastUid = (chunk: WantedMessage[]) => chunk[chunk.length - 1].uid;
  let at = 0;
  let fetched: Fetched[] = [];
  for await (const m of ctx.client.fetch(uidSet(group.flat().map((w) => w.uid)), query, { uid: true })) {
    while (at < group.length - 1 && m.uid > lastUid(group[at])) {
      yield { chunk: group[at++], fetched };
      fetched = [];
    }
    if (m.source) fetched.push({ uid: m.uid, source: m.source, flags: storedFlags(m.flags) });
  }
  assertConnected(ctx.client, `the FETCH of ${ctx.view.path}`);
  for (; at < group.length; at++) {
    yield { chunk: group[at], fetched };
    fetched = [];
  }
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
  for (const group of fetchGroups(chunks(wanted))) {
    try {
      for await (const { chunk, fetched } of fetchChunks(ctx, group)) {
        const failure = fileChunk(ctx, fetched, ctx.analyzer.analyze(fetched.map((m) => m.source)), lastWrite);
        lastWrite = failure;
        held.push({ failure, count: fetched.length, uidNext: chunk[chunk.length - 1].uid + 1 });
        if (held.length >= CHUNKS_HELD) {
          // Meanwhile the FETCH waits: imapflow reads on only when this loop asks for the next message.
          const outcome = await settleOldest();
          if (!outcome.ok) return failed(outcome);
        }
      }
    } catch (err) {
      // What was fetched before is still stored (and its UIDNEXT saved) before the failure goes up.
      await settleAll();
      throw err;
    }
  }
  return settleAll();
}
