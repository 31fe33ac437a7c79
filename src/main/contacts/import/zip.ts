// Reading parts of a zip container (xlsx, ods) without unpacking it: the entry list comes from
// the central directory, and each part is inflated only as far as the caller reads it. The caps
// of limits.ts hold before anything is inflated (the number of entries and the sizes they declare)
// and again on the bytes actually inflated, because a hostile zip can declare any size it likes.
import { pipeline, Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { DEFAULT_LIMITS, LimitExceeded, megabytes, type ReadLimits } from './limits';

/** An opened zip: its part names and a way to read each one. Close it when done. */
export interface ZipParts {
  names(): string[];
  /** The part's bytes as text, at most maxBytes of them (small XML parts); null when absent. */
  text(name: string, maxBytes?: number): Promise<string | null>;
  /** The part as a stream of inflated bytes; the caller may destroy it early. */
  stream(name: string): Promise<Readable | null>;
  close(): void;
}

const DEFLATE = 8;
const INFLATE_CHUNK = 256 * 1024;

// workbook.xml and the .rels parts are a few kilobytes even with hundreds of sheets.
const SMALL_PART_BYTES = 16 * 1024 * 1024;

/** Opens a zip; throws when the file is not one (the caller sniffed the magic first) and LimitExceeded past a cap. */
export async function openZip(file: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<ZipParts> {
  // validateEntrySizes (yauzl's default, stated here because the caps rely on it): a part
  // inflating to more bytes than it declared is an error while it is read.
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  const entries = new Map<string, yauzl.Entry>();
  try {
    // The entry count comes from the end of the central directory: refused before listing them.
    if (zip.entryCount > limits.maxZipEntries) {
      throw new LimitExceeded(`${zip.entryCount.toLocaleString('it-IT')} parti nell'archivio, più del massimo di ${limits.maxZipEntries.toLocaleString('it-IT')}`);
    }
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.uncompressedSize > limits.maxEntryBytes) throw new LimitExceeded(partTooLarge(entry.fileName, limits));
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) throw new LimitExceeded(totalTooLarge(limits));
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    throw err;
  }
  const inflated = { total: 0 };
  const stream = async (name: string) => {
    const entry = entries.get(name);
    if (!entry) return null;
    // A deflated part is inflated here rather than by yauzl, in 256 KiB chunks instead of zlib's
    // 16 KiB: a 50,000-row sheet inflates about four times faster. counted() then checks the
    // size the entry declared, as yauzl's validateEntrySizes does for the parts it inflates.
    if (entry.compressionMethod !== DEFLATE) return counted(await zip.openReadStreamPromise(entry), name, inflated, limits);
    const deflated = await zip.openReadStreamPromise(entry, { decompress: false });
    return counted(pipeline(deflated, zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK }), () => undefined), name, inflated, limits, entry.uncompressedSize);
  };
  return {
    names: () => [...entries.keys()],
    stream,
    async text(name, maxBytes = SMALL_PART_BYTES) {
      const readable = await stream(name);
      if (!readable) return null;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of readable) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          readable.destroy();
          throw new LimitExceeded(`la parte ${name} supera ${megabytes(maxBytes)} una volta decompressa`);
        }
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    close: () => zip.close(),
  };
}

/**
 * The entry's inflated bytes, counted against the caps as they come (whatever the entry declared);
 * with `declared`, also against the size the entry declared, in yauzl's words for a mismatch.
 */
function counted(source: Readable, name: string, inflated: { total: number }, limits: ReadLimits, declared?: number): Readable {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      inflated.total += chunk.length;
      if (declared !== undefined && bytes > declared) return done(new Error(`too many bytes in the stream. expected ${declared}. got at least ${bytes}`));
      if (bytes > limits.maxEntryBytes) return done(new LimitExceeded(partTooLarge(name, limits)));
      if (inflated.total > limits.maxTotalBytes) return done(new LimitExceeded(totalTooLarge(limits)));
      done(null, chunk);
    },
    flush(done) {
      if (declared !== undefined && bytes < declared) return done(new Error(`not enough bytes in the stream. expected ${declared}. got only ${bytes}`));
      done();
    },
  });
  // pipeline destroys both streams on an error or an early destroy, so the file handle is released.
  return pipeline(source, counter, () => undefined);
}

function partTooLarge(name: string, limits: ReadLimits): string {
  return `la parte ${name} supera ${megabytes(limits.maxEntryBytes)} una volta decompressa`;
}

function totalTooLarge(limits: ReadLimits): string {
  return `il contenuto decompresso supera ${megabytes(limits.maxTotalBytes)}`;
}
