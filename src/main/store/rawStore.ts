// Raw messages on disk, byte-exact and content-addressed by SHA-256: <store>/raw/ab/abcdef….eml.
// They are legal evidence (a PEC receipt is opposable to third parties, DM 2/11/2005 art. 9), so
// a file appears whole or not at all: written to a temp file in the same folder, fsynced, renamed,
// and the folder fsynced so the rename itself survives a power cut.
//
// A batch (writeRawBatch) does the same for many files at once: the files are written and fsynced
// side by side in libuv's thread pool, where the disk can take several fsyncs in one journal
// commit, and each folder is fsynced once, after every rename into it.
// A sync batch does not come here: its messages go to one pack file (packStore.ts); the sent
// copies of a bulk send (Store.storeSentRaw) use writeRawBatch.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsAsync, fsyncFolderAsync } from './fs-async';

/** Result of putting bytes in the raw store: the hash and the path relative to the store folder. */
export type RawWriteResult =
  | { ok: true; sha256: string; relPath: string; created: boolean }
  | { ok: false; code: 'raw-write-failed'; detail: string };

/** Result of reading raw bytes back, checked against their hash. */
export type RawReadResult = { ok: true; raw: Buffer } | { ok: false; code: 'raw-missing' | 'raw-corrupt'; detail: string };

export function sha256Hex(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function rawRelPath(sha256: string): string {
  return path.posix.join('raw', sha256.slice(0, 2), `${sha256}.eml`);
}

// Temp names unique across processes and across runs of one pid; the counter keeps the random
// draw (slow on some VMs) out of the per-file cost.
const tempTag = `${process.pid}.${randomBytes(6).toString('hex')}`;
let tempCount = 0;

function tempPathFor(finalPath: string, sha256: string): string {
  return path.join(path.dirname(finalPath), `.${sha256}.${tempTag}.${tempCount++}.tmp`);
}

function failure(err: unknown): RawWriteResult {
  return { ok: false, code: 'raw-write-failed', detail: err instanceof Error ? err.message : String(err) };
}

/** Stores raw bytes once; an existing file with the right hash is kept as is. */
export function writeRaw(storeDir: string, raw: Buffer, sha256 = sha256Hex(raw)): RawWriteResult {
  return writeAddressed(storeDir, rawRelPath(sha256), raw, sha256);
}

/** writeRaw at another content-addressed path of the store (e.g. the providers' index versions). */
export function writeAddressed(storeDir: string, relPath: string, raw: Buffer, sha256 = sha256Hex(raw)): RawWriteResult {
  const finalPath = path.join(storeDir, relPath);
  if (hashOfFile(finalPath) === sha256) return { ok: true, sha256, relPath, created: false };
  const folder = path.dirname(finalPath);
  const tmpPath = tempPathFor(finalPath, sha256);
  try {
    fs.mkdirSync(folder, { recursive: true });
    // Read-only from the start: nothing in PecDesk ever rewrites evidence.
    const fd = fs.openSync(tmpPath, 'wx', 0o444);
    try {
      let written = 0;
      while (written < raw.length) written += fs.writeSync(fd, raw, written, raw.length - written);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmpPath, finalPath);
    fsyncFolder(folder);
    return { ok: true, sha256, relPath, created: true };
  } catch (err) {
    removeLeftover(tmpPath);
    return failure(err);
  }
}

/**
 * Stores many messages' bytes like writeRaw; when the promise resolves, every file reported ok is
 * on disk, renamed into place and its folder fsynced. Results are in the order of `items`.
 */
export async function writeRawBatch(storeDir: string, items: { raw: Buffer; sha256: string }[]): Promise<RawWriteResult[]> {
  const results = await Promise.all(items.map((item) => placeFile(storeDir, item.raw, item.sha256)));
  const folderOf = (relPath: string) => path.dirname(path.join(storeDir, relPath));
  const renamedInto = new Set(results.flatMap((r) => (r.ok && r.created ? [folderOf(r.relPath)] : [])));
  const unsynced = new Map<string, unknown>();
  await Promise.all([...renamedInto].map((folder) => fsyncFolderAsync(folder).catch((err: unknown) => unsynced.set(folder, err))));
  // A rename whose folder could not be fsynced may not survive a power cut: not stored yet.
  return results.map((r) => (r.ok && r.created && unsynced.has(folderOf(r.relPath)) ? failure(unsynced.get(folderOf(r.relPath))) : r));
}

/**
 * One file of a batch: temp file written and fsynced, renamed into place (the caller fsyncs the
 * folder). A file already there is replaced by the same bytes rather than hashed first: the batch
 * only writes what the database lacks, so one is rare (left by a crash before a commit).
 */
async function placeFile(storeDir: string, raw: Buffer, sha256: string): Promise<RawWriteResult> {
  const relPath = rawRelPath(sha256);
  const finalPath = path.join(storeDir, relPath);
  const tmpPath = tempPathFor(finalPath, sha256);
  try {
    const fd = await createFile(tmpPath);
    try {
      for (let written = 0; written < raw.length; ) written += (await fsAsync.write(fd, raw, written, raw.length - written)).bytesWritten;
      await fsAsync.fsync(fd);
    } finally {
      await fsAsync.close(fd);
    }
    await fsAsync.rename(tmpPath, finalPath);
    return { ok: true, sha256, relPath, created: true };
  } catch (err) {
    removeLeftover(tmpPath);
    // Windows refuses to replace a read-only file: the copy there is kept if it is whole.
    return hashOfFile(finalPath) === sha256 ? { ok: true, sha256, relPath, created: false } : failure(err);
  }
}

/** Reads a stored message and checks that its bytes still have the hash they were filed under. */
export function readRaw(storeDir: string, sha256: string): RawReadResult {
  return readAddressed(storeDir, rawRelPath(sha256), sha256);
}

/** readRaw at another content-addressed path of the store. */
export function readAddressed(storeDir: string, relPath: string, sha256: string): RawReadResult {
  const file = path.join(storeDir, relPath);
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (err) {
    return { ok: false, code: 'raw-missing', detail: `${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (sha256Hex(raw) !== sha256) return { ok: false, code: 'raw-corrupt', detail: `${file} no longer has SHA-256 ${sha256}` };
  return { ok: true, raw };
}

/** Removes a temp file a failed write left; a folder that cannot hold it (the failure itself) holds none. */
/** Unlinks raw files no row names any more (an account deleted with its mail); a file already gone is fine. */
export function removeRawFiles(storeDir: string, relPaths: string[]): void {
  for (const relPath of relPaths) fs.rmSync(path.join(storeDir, relPath), { force: true });
}

function removeLeftover(tmpPath: string): void {
  try {
    fs.rmSync(tmpPath, { force: true });
  } catch {
    // A leftover .tmp file is never referenced by any row: harmless.
  }
}

function hashOfFile(file: string): string | null {
  try {
    return sha256Hex(fs.readFileSync(file));
  } catch {
    return null;
  }
}

/** Creates a new read-only file (nothing in PecDesk ever rewrites evidence), making its folder the first time. */
async function createFile(file: string): Promise<number> {
  try {
    return await fsAsync.open(file, 'wx', 0o444);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await fsAsync.mkdir(path.dirname(file), { recursive: true });
    return fsAsync.open(file, 'wx', 0o444);
  }
}

/** fsync of a folder, so a rename into it survives a power cut. */
export function fsyncFolder(folder: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
