// Pack files: the raw messages of one sync batch (a FETCH chunk), or of one batch of messages a
// bulk send is about to submit (writeSentPack), appended to ONE file,
// <store>/raw/packs/<name>.pack, fsynced once, renamed into place and its folder fsynced, before
// the batch's rows commit. One fsync round per batch instead of one per message is what lets a
// first sync of 10,000 messages store them at the speed the server sends them (docs/ARCHITECTURE.md
// "Storage" has the figures against one file per message).
//
// A pack is self-describing, so `pecdesk db reindex` can file its messages again without the
// database: each entry is a header line, the message's bytes exactly as received, and CRLF:
//
//   PECDESK-RAW <sha256 hex> <length in bytes>\r\n<bytes>\r\n
//
// The rows name an entry by pack path, offset of its bytes and length (migration 9); reading it
// back checks the bytes against their SHA-256 as for a loose file. Packs are never rewritten: a
// pack appears whole (temp file + rename) or not at all, and one left by a crash before its
// commit is named by no row and is harmless (reindex files its messages if ever needed).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex, type RawReadResult } from './rawStore';
import { fsAsync, fsyncFolderAsync } from './fs-async';

export const PACKS_DIR = path.posix.join('raw', 'packs');

const MAGIC = 'PECDESK-RAW';

/** Where a message's bytes sit inside a pack. */
export interface PackedEntry {
  sha256: string;
  relPath: string;
  offset: number;
  length: number;
}

/** Result of writing a pack: one entry per item, in order, or why nothing was stored. */
export type PackWriteResult = { ok: true; entries: PackedEntry[] } | { ok: false; code: 'raw-write-failed'; detail: string };

// Unique across processes and runs of one pid; sorted by time when listed.
const packTag = `${process.pid}-${randomBytes(4).toString('hex')}`;
let packCount = 0;

function header(sha256: string, length: number): Buffer {
  return Buffer.from(`${MAGIC} ${sha256} ${length}\r\n`, 'latin1');
}

const TRAILER = Buffer.from('\r\n', 'latin1');
const HEADER_MAX = 128;
const HEADER_PATTERN = new RegExp(`^${MAGIC} ([0-9a-f]{64}) (\\d+)$`);

/**
 * Writes the items into one new pack and makes it durable (file fsynced, renamed, folder fsynced);
 * when it resolves ok, every entry can be named by a row. The caller has already left out what the
 * store holds. Async: the write and fsyncs run in libuv's thread pool while this thread classifies.
 */
export async function writePack(storeDir: string, items: { raw: Buffer; sha256: string }[]): Promise<PackWriteResult> {
  if (items.length === 0) return { ok: true, entries: [] };
  const name = `${Date.now().toString().padStart(15, '0')}-${packTag}-${packCount++}.pack`;
  const relPath = path.posix.join(PACKS_DIR, name);
  const folder = path.join(storeDir, PACKS_DIR);
  const finalPath = path.join(storeDir, relPath);
  const tmpPath = path.join(folder, `.${name}.tmp`);
  const buffers: Buffer[] = [];
  const entries: PackedEntry[] = [];
  let offset = 0;
  for (const { raw, sha256 } of items) {
    const head = header(sha256, raw.length);
    buffers.push(head, raw, TRAILER);
    entries.push({ sha256, relPath, offset: offset + head.length, length: raw.length });
    offset += head.length + raw.length + TRAILER.length;
  }
  try {
    await fsAsync.mkdir(folder, { recursive: true });
    // Read-only from the start: nothing in PecDesk ever rewrites evidence.
    const fd = await fsAsync.open(tmpPath, 'wx', 0o444);
    try {
      await writeAll(fd, buffers);
      await fsAsync.fsync(fd);
    } finally {
      await fsAsync.close(fd);
    }
    await fsAsync.rename(tmpPath, finalPath);
    await fsyncFolderAsync(folder);
    return { ok: true, entries };
  } catch (err) {
    removeLeftover(tmpPath);
    return { ok: false, code: 'raw-write-failed', detail: err instanceof Error ? err.message : String(err) };
  }
}

/** Result of storing the bytes of one message about to be sent: their hash and where they sit, or why they are not stored. */
export type SentRawResult = { ok: true; sha256: string; packed: PackedEntry } | { ok: false; code: 'raw-write-failed'; detail: string };

/**
 * The bytes of a batch of messages about to be sent (Store.storeSentRaw), in one pack like a sync
 * batch: durable when it resolves ok, one fsync of the pack and one of its folder for the batch.
 * Results in order; a failed pack fails every message of the batch with its reason.
 */
export async function writeSentPack(storeDir: string, raws: Buffer[]): Promise<SentRawResult[]> {
  const written = await writePack(storeDir, raws.map((raw) => ({ raw, sha256: sha256Hex(raw) })));
  if (!written.ok) return raws.map(() => written);
  return written.entries.map((packed) => ({ ok: true, sha256: packed.sha256, packed }));
}

function removeLeftover(tmpPath: string): void {
  try {
    fs.rmSync(tmpPath, { force: true });
  } catch {
    // A leftover temp pack is named by no row and listed by no reindex: harmless.
  }
}

/** writev until every byte is written (a short write resumes where it stopped; IOV_MAX bounds one call). */
async function writeAll(fd: number, buffers: Buffer[]): Promise<void> {
  let queue = buffers;
  while (queue.length > 0) {
    const batch = queue.slice(0, 1024);
    let written = (await fsAsync.writev(fd, batch)).bytesWritten;
    const rest: Buffer[] = [];
    for (const buffer of batch) {
      if (written >= buffer.length) written -= buffer.length;
      else {
        rest.push(buffer.subarray(written));
        written = 0;
      }
    }
    queue = [...rest, ...queue.slice(batch.length)];
  }
}

/** Reads one entry of a pack back and checks it against its hash. */
export function readPacked(storeDir: string, entry: PackedEntry): RawReadResult {
  const file = path.join(storeDir, entry.relPath);
  const raw = Buffer.alloc(entry.length);
  try {
    const fd = fs.openSync(file, 'r');
    try {
      let read = 0;
      while (read < entry.length) {
        const n = fs.readSync(fd, raw, read, entry.length - read, entry.offset + read);
        if (n === 0) break;
        read += n;
      }
      if (read < entry.length) return { ok: false, code: 'raw-corrupt', detail: `${file} ends before the ${entry.length} bytes at ${entry.offset}` };
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return { ok: false, code: 'raw-missing', detail: `${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (sha256Hex(raw) !== entry.sha256) return { ok: false, code: 'raw-corrupt', detail: `${file} at ${entry.offset} no longer has SHA-256 ${entry.sha256}` };
  return { ok: true, raw };
}

/** The packs of the store, relative to it, oldest first. */
export function listPacks(storeDir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(storeDir, PACKS_DIR))
      .filter((name) => name.endsWith('.pack') && !name.startsWith('.'))
      .sort()
      .map((name) => path.posix.join(PACKS_DIR, name));
  } catch {
    return [];
  }
}

/**
 * The entries of a pack, read from its headers alone (reindex; each entry's bytes are checked
 * against their hash when read). Listing stops at the first header that is not one or an entry
 * that is not whole: the entries before it are still listed.
 */
export function packEntries(storeDir: string, relPath: string): PackedEntry[] {
  const file = path.join(storeDir, relPath);
  const entries: PackedEntry[] = [];
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(HEADER_MAX);
    for (let at = 0; at < size; ) {
      const n = fs.readSync(fd, head, 0, HEADER_MAX, at);
      const eol = head.subarray(0, n).indexOf('\r\n', 0, 'latin1');
      const match = eol < 0 ? null : HEADER_PATTERN.exec(head.toString('latin1', 0, eol));
      if (!match) break;
      const offset = at + eol + 2;
      const length = Number(match[2]);
      if (offset + length + TRAILER.length > size) break;
      entries.push({ sha256: match[1], relPath, offset, length });
      at = offset + length + TRAILER.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return entries;
}
