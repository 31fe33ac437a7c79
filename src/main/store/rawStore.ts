// Raw messages on disk, byte-exact and content-addressed by SHA-256: <store>/raw/ab/abcdef….eml.
// They are legal evidence (a PEC receipt is opposable to third parties, DM 2/11/2005 art. 9), so
// a file appears whole or not at all: written to a temp file in the same folder, fsynced, renamed,
// and the folder fsynced so the rename itself survives a power cut.
//
// A batch does not come here: a sync chunk's messages, and the messages a send batch is about to
// submit (Store.storeSentRaw), go to one pack file each (packStore.ts).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

/** Unlinks raw files no row names any more (an account deleted with its mail); a file already gone is fine. */
export function removeRawFiles(storeDir: string, relPaths: string[]): void {
  for (const relPath of relPaths) fs.rmSync(path.join(storeDir, relPath), { force: true });
}

/** Removes a temp file a failed write left; a folder that cannot hold it (the failure itself) holds none. */
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
