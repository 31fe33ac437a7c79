// Zip archives with archiver: the "comprimi allegati in zip" archive (in memory, small) and the
// evidence export (streamed to a file, entry by entry, so a campaign of thousands of messages
// never sits in memory at once).
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { ZipArchive } from 'archiver';

/** One file of an archive. */
export interface ZipEntry {
  name: string;
  content: Buffer;
}

/** Builds a zip in memory. Entries carry `date`, so the same files give the same archive bytes. */
export async function zipToBuffer(entries: ZipEntry[], date: Date): Promise<Buffer> {
  const zip = new ZipArchive({ zlib: { level: 9 } });
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    zip.on('error', reject);
  });
  zip.pipe(sink);
  for (const entry of entries) zip.append(entry.content, { name: entry.name, date });
  await zip.finalize();
  await ended;
  return Buffer.concat(chunks);
}

// `.<name>.zip.<pid>.part`: hidden beside the archive until it is complete, named by the writing process.
const PART_NAME = /^\..+\.zip\.(\d+)\.part$/;

/** Where `file` is written until it is complete: a hidden name beside it, renamed over it at the end. */
export function partFileFor(file: string): string {
  const resolved = path.resolve(file);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.part`);
}

/**
 * Puts a finished part file under its final name so that a power cut cannot leave an empty or
 * half-written archive there: the part's bytes are fsynced before the rename, and the folder after
 * it, so the new name itself survives. An existing `file` is replaced (the caller asked first).
 */
export function publishPart(part: string, file: string): void {
  fsyncPath(part);
  fs.renameSync(part, file);
  fsyncPath(path.dirname(path.resolve(file)));
}

/** fsync of a file or folder (a folder's, so a rename in it survives a crash; not possible on Windows). */
function fsyncPath(p: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    if (!(process.platform === 'win32' && fs.statSync(p).isDirectory())) throw err;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Removes the unfinished archives a killed PecDesk left in `dir` (a crash skips the clean-up that
 * a failure does). Only parts whose writing process is gone: another window may be writing one now.
 * Returns the names removed; a folder that cannot be read is left alone.
 */
export function removeAbandonedParts(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(PART_NAME.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || processAlive(pid)) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Not ours to insist on: a part we cannot remove stays hidden and harmless.
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A zip written to a file entry by entry; each append waits until the entry is processed. */
export class ZipFileWriter {
  private readonly zip = new ZipArchive({ zlib: { level: 6 } });
  private readonly out: fs.WriteStream;
  private readonly closed: Promise<void>;
  private failure: Error | null = null;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { flags: 'wx' });
    this.closed = new Promise((resolve, reject) => {
      this.out.on('close', resolve);
      this.out.on('error', reject);
      this.zip.on('error', reject);
    });
    this.closed.catch((err: Error) => {
      this.failure = err;
    });
    this.zip.pipe(this.out);
  }

  /** Adds one file and resolves once archiver has consumed it (so its buffer can be freed). */
  async append(name: string, content: Buffer, date: Date): Promise<void> {
    if (this.failure) throw this.failure;
    const done = new Promise<void>((resolve) => this.zip.once('entry', () => resolve()));
    this.zip.append(content, { name, date });
    await Promise.race([done, this.closed]);
  }

  /** Writes the central directory and closes the file; returns the archive's size. */
  async finish(): Promise<number> {
    await this.zip.finalize();
    await this.closed;
    return this.zip.pointer();
  }

  /** Stops writing (the caller removes the file). */
  abort(): void {
    this.zip.abort();
    this.out.destroy();
  }
}
