// Zip archives with archiver: the "comprimi allegati in zip" archive (in memory, small) and the
// evidence export (streamed to a file, entry by entry, so a campaign of thousands of messages
// never sits in memory at once).
import fs from 'node:fs';
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
