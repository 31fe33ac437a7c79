// Hostile spreadsheets made at test time in a temp folder: small on disk, enormous or absurd once
// read. Nothing here is committed as a file.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { inlineRow, sheetHead, writeMinimalXlsx } from '../../../fixtures/contacts/make-fixtures';

const MiB = 1024 * 1024;
const twoContacts = inlineRow(1, ['Nome', 'PEC']) + inlineRow(2, ['Anna Neri', 'anna.neri@pec.it']) + inlineRow(3, ['Bruno Blu', 'bruno.blu@pec.it']);

/** An xlsx whose sheet has two contacts and then `mib` MiB of whitespace (deflated about 1000:1, at the fastest level). */
export async function writeWhitespaceBomb(file: string, mib: number): Promise<void> {
  const spaces = ' '.repeat(MiB);
  function* sheet(): Generator<string> {
    yield `${sheetHead}<sheetData>${twoContacts}`;
    for (let i = 0; i < mib; i++) yield spaces;
    yield '</sheetData></worksheet>';
  }
  await writeMinimalXlsx(file, Readable.from(sheet()), { level: 1 });
}

/** A benign two-contact xlsx, padded with `count` tiny extra parts when asked. */
export async function writeTwoContacts(file: string, count = 0): Promise<void> {
  const extra = Array.from({ length: count }, (_, i) => ({ name: `xl/media/vuoto${i}.xml`, data: '<a/>' }));
  await writeMinimalXlsx(file, `${sheetHead}<sheetData>${twoContacts}</sheetData></worksheet>`, { extra });
}

const centralHeader = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/**
 * Rewrites the uncompressed size the central directory declares for `part` (the size a reader
 * trusts when listing): a zip that lies about how big its parts are.
 */
export function declareSize(file: string, part: string, size: number): void {
  const bytes = fs.readFileSync(file);
  const name = Buffer.from(part);
  for (let at = bytes.indexOf(centralHeader); at >= 0; at = bytes.indexOf(centralHeader, at + 4)) {
    const nameLength = bytes.readUInt16LE(at + 28);
    if (bytes.subarray(at + 46, at + 46 + nameLength).equals(name)) {
      bytes.writeUInt32LE(size, at + 24);
      fs.writeFileSync(file, bytes);
      return;
    }
  }
  throw new Error(`${part} is not in the central directory of ${file}`);
}

/** Peak RSS of the process while fn runs, sampled every 20 ms (the streams yield often enough). */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMiB: peak / MiB };
  } finally {
    clearInterval(timer);
  }
}
