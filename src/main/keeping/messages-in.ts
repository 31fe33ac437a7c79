// Message files found under paths the user gives (`pecdesk import`, importing an archive back):
// .eml files, folders of them (recursively, symbolic links not followed) and .zip archives of them.
// Archive entries are only ever read into memory, never extracted: an entry named "../../x.eml" is
// just a label here. Sizes are capped so a zip bomb cannot exhaust memory.
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';

// Aruba, the largest provider, accepts PEC messages up to 100 MB; anything past 128 MiB is no mail.
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
// What one archive may expand to in all, and how many entries it may list.
const MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024;
const MAX_ARCHIVE_ENTRIES = 200_000;

/** A message file found in the paths: its name (a zip entry's is "archive.zip:entry/path.eml") and bytes, or why they could not be read. */
export type Found = { name: string; raw: Buffer } | { name: string; error: string };

/** Message files under a path: the file itself, .eml and .zip files of a folder tree, .eml entries of a .zip. */
export async function* findMessages(p: string): AsyncGenerator<Found> {
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.join(p, entry.name);
      // Symbolic links are not followed: a link back up the tree would never end.
      if (entry.isDirectory() || (entry.isFile() && /\.(eml|zip)$/i.test(entry.name))) yield* findMessages(child);
    }
  } else if (/\.zip$/i.test(p)) {
    yield* zipMessages(p);
  } else if (stat.size > MAX_MESSAGE_BYTES) {
    yield { name: p, error: `larger than ${MAX_MESSAGE_BYTES} bytes: not a mail message` };
  } else {
    yield { name: p, raw: fs.readFileSync(p) };
  }
}

/** The entries of a .zip whose names match `entryPattern` (.eml by default), read one at a time. */
export async function* zipMessages(zipPath: string, entryPattern = /\.eml$/i): AsyncGenerator<Found> {
  let zip: yauzl.ZipFile;
  try {
    // Names are decoded below without yauzl's path checks: they are labels, never paths.
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    yield { name: zipPath, error: `not a readable zip archive: ${messageOf(err)}` };
    return;
  }
  if (zip.entryCount > MAX_ARCHIVE_ENTRIES) {
    zip.close();
    yield { name: zipPath, error: `${zip.entryCount} entries, more than the ${MAX_ARCHIVE_ENTRIES} accepted` };
    return;
  }
  let expanded = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const entryName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const name = `${zipPath}:${entryName}`;
      if (entryName.endsWith('/') || !entryPattern.test(entryName)) continue;
      if (entry.isEncrypted()) {
        yield { name, error: 'encrypted zip entry' };
        continue;
      }
      if (entry.uncompressedSize > MAX_MESSAGE_BYTES) {
        yield { name, error: `expands to ${entry.uncompressedSize} bytes: not a mail message` };
        continue;
      }
      expanded += entry.uncompressedSize;
      if (expanded > MAX_ARCHIVE_BYTES) {
        yield { name: zipPath, error: `expands to more than ${MAX_ARCHIVE_BYTES} bytes: the rest of the archive is not read` };
        return;
      }
      yield await readEntry(zip, entry, name);
    }
  } catch (err) {
    yield { name: zipPath, error: `damaged zip archive: ${messageOf(err)}` };
  } finally {
    zip.close();
  }
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): Promise<Found> {
  try {
    // validateEntrySizes makes yauzl fail an entry that inflates past its declared size.
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name, raw: Buffer.concat(chunks) };
  } catch (err) {
    return { name, error: `cannot read the entry: ${messageOf(err)}` };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
