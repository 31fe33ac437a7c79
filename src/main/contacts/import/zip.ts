// Reading parts of a zip container (xlsx, ods) without unpacking it: the entry list comes from
// the central directory, and each part is inflated only as far as the caller reads it.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** An opened zip: its part names and a way to read each one. Close it when done. */
export interface ZipParts {
  names(): string[];
  /** The part's bytes as text; null when absent. */
  text(name: string): Promise<string | null>;
  /** The part as a stream of inflated bytes; the caller may destroy it early. */
  stream(name: string): Promise<Readable | null>;
  close(): void;
}

/** Opens a zip; throws when the file is not one (the caller sniffed the magic first). */
export async function openZip(file: string): Promise<ZipParts> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  const stream = async (name: string) => {
    const entry = entries.get(name);
    return entry ? zip.openReadStreamPromise(entry) : null;
  };
  return {
    names: () => [...entries.keys()],
    stream,
    async text(name) {
      const readable = await stream(name);
      if (!readable) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of readable) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    close: () => zip.close(),
  };
}
