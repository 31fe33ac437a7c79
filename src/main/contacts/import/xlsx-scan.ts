// A first pass over an .xlsx before exceljs loads anything: the sheets with their names and
// visibility, and for each sheet how many rows it holds or claims, stopping as soon as it is over
// the limit. A sheet with data in row 1,048,576 (Excel's last row) or a <dimension> claiming so
// is refused here, after reading a few kilobytes, instead of after minutes and gigabytes.
// The same pass collects what exceljs's streaming reader leaves out: merged ranges and the
// targets of hyperlinks (both written after the rows, ECMA-376 Part 1 §18.3.1.55 and §18.3.1.47).
// Every part exceljs will read is streamed once here against the caps of limits.ts (inflated
// bytes, runs of XML text), so exceljs only ever sees a file of bounded size.
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import type { ContactsFailure } from '../types';
import { DEFAULT_LIMITS, LimitExceeded, tooLarge, type ReadLimits } from './limits';
import { FileScanCache } from './scan-cache';
import { XmlRunGuard } from './xml-runs';
import { openZip, type ZipParts } from './zip';

export interface ScannedSheet {
  index: number;
  name: string;
  hidden: boolean;
  /** The sheet's part in the zip, e.g. xl/worksheets/sheet2.xml. */
  part: string;
  /** The last row number it holds or claims (its <dimension>), whichever is larger. */
  rows: number;
  /** Counting stopped past the limit: the sheet has at least `rows` rows. */
  rowsAtLeast: boolean;
  tooManyRows: boolean;
  /** Merged ranges such as "A1:I1". */
  merges: string[];
  /** Link target by cell reference ("D5" → "mailto:…"). */
  hyperlinks: Map<string, string>;
}

type ScanResult = { ok: true; sheets: ScannedSheet[] } | ContactsFailure;

const recentScans = new FileScanCache<ScanResult>();

/**
 * The workbook's sheets in tab order, each measured against maxRows. The preview and the plan of
 * the same unchanged file share one scan (scan-cache.ts); callers must not change what it returns.
 */
export function scanXlsx(file: string, maxRows: number, limits: ReadLimits = DEFAULT_LIMITS): Promise<ScanResult> {
  return recentScans.get(file, JSON.stringify([maxRows, limits]), () => scanFile(file, maxRows, limits), (result) => result.ok);
}

async function scanFile(file: string, maxRows: number, limits: ReadLimits): Promise<ScanResult> {
  let zip: ZipParts;
  try {
    zip = await openZip(file, limits);
  } catch (err) {
    return failure(err as Error);
  }
  try {
    const listed = await listSheets(zip);
    if (!listed.length) return unreadable('nessun foglio nel file');
    const sheets: ScannedSheet[] = [];
    const readWhole = new Set<string>();
    for (const [index, sheet] of listed.entries()) {
      const measured = await measureSheet(zip, sheet.part, maxRows, limits);
      if (measured.whole) readWhole.add(sheet.part);
      const hyperlinks = new Map<string, string>();
      if (measured.hyperlinks.size) {
        const targets = relationshipTargets(await zip.text(relsPartOf(sheet.part)));
        for (const [ref, id] of measured.hyperlinks) if (targets.has(id)) hyperlinks.set(ref, targets.get(id)!);
      }
      const { rows, rowsAtLeast, merges } = measured;
      sheets.push({ index, ...sheet, rows, rowsAtLeast, tooManyRows: rows > maxRows, merges, hyperlinks });
    }
    await checkParts(zip, zip.names().filter((name) => !readWhole.has(name) && !name.endsWith('/')), limits);
    return { ok: true, sheets };
  } catch (err) {
    return failure(err as Error);
  } finally {
    zip.close();
  }
}

function failure(err: Error): ContactsFailure {
  if (err instanceof LimitExceeded) return tooLarge(err.why);
  // yauzl's check of the sizes each entry declares: the zip lies about what it holds.
  if (/bytes in the stream/.test(err.message)) return tooLarge('una parte dell\u2019archivio non ha la dimensione che dichiara');
  return unreadable(err.message);
}

// The XML parts exceljs's readers parse (under xl/, _rels/, docProps/); others (such as
// customXml/ with its base64 payloads) are only inflated to count their bytes.
const parsedByExceljs = /^((xl|_rels|docProps)\/.*\.(xml|rels|vml)|\[Content_Types\]\.xml)$/i;

/**
 * Streams the parts not measured whole through the caps: exceljs reads them all (shared strings,
 * styles, the sheets it passes over), so a bomb in any of them is refused here first.
 */
async function checkParts(zip: ZipParts, names: string[], limits: ReadLimits): Promise<void> {
  for (const name of names) {
    const stream = await zip.stream(name);
    if (!stream) continue;
    const guard = parsedByExceljs.test(name) ? new XmlRunGuard(name, limits.maxXmlRun) : null;
    const decoder = new StringDecoder('utf8');
    for await (const chunk of stream) {
      if (!guard) continue;
      try {
        guard.feed(decoder.write(chunk as Buffer));
      } catch (err) {
        stream.destroy();
        throw err;
      }
    }
  }
}

function unreadable(why: string): ContactsFailure {
  return { ok: false, code: 'xlsx-unreadable', detail: `Il file .xlsx è danneggiato o non è un foglio Excel (${why}). Riaprilo in Excel e salvalo di nuovo.` };
}

/** Sheets from xl/workbook.xml, resolved to their parts through xl/_rels/workbook.xml.rels. */
async function listSheets(zip: ZipParts): Promise<{ name: string; hidden: boolean; part: string }[]> {
  const targets = relationshipTargets(await zip.text('xl/_rels/workbook.xml.rels'));
  const sheets: { name: string; hidden: boolean; part: string }[] = [];
  for (const attributes of elements(await zip.text('xl/workbook.xml'), 'sheet')) {
    const id = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (!target) continue;
    const part = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
    sheets.push({ name: attributes.name ?? '', hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden', part });
  }
  return sheets;
}

function relsPartOf(part: string): string {
  return `${path.posix.dirname(part)}/_rels/${path.posix.basename(part)}.rels`;
}

/** Id → Target of a .rels part. */
function relationshipTargets(xml: string | null): Map<string, string> {
  return new Map(elements(xml, 'Relationship').map((a) => [a.Id ?? '', a.Target ?? '']));
}

/** Attributes of every element with this local name (small parts only: parsed whole). */
function elements(xml: string | null, localName: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  if (!xml) return found;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === localName || tag.name.endsWith(`:${localName}`)) found.push(tag.attributes as Record<string, string>);
  });
  parser.write(xml).close();
  return found;
}

// The four tags the scan reads, matched in one pass over the text: a sheet's rows are most of it.
const scannedTag = /<(?:\w+:)?(row|mergeCell|hyperlink|dimension)\b([^>]*)>/g;
const dimensionRef = /\bref="[A-Z]*(\d*)(?::[A-Z]+(\d+))?"/;
const mergeRef = /\bref="([A-Z]+\d+:[A-Z]+\d+)"/;

/**
 * Streams the sheet's XML once with regular expressions rather than a parser: tags never contain
 * "<", so cutting each chunk at its last "<" leaves only whole tags to match, and text content
 * cannot fake a tag because "<" in it is always escaped.
 */
async function measureSheet(
  zip: ZipParts,
  part: string,
  maxRows: number,
  limits: ReadLimits,
): Promise<{ rows: number; rowsAtLeast: boolean; merges: string[]; hyperlinks: Map<string, string>; whole: boolean }> {
  const stream = await zip.stream(part);
  if (!stream) throw new Error(`parte ${part} mancante`);
  const guard = new XmlRunGuard(part, limits.maxXmlRun);
  const merges: string[] = [];
  const hyperlinks = new Map<string, string>();
  const decoder = new StringDecoder('utf8');
  let rows = 0;
  let claimed = 0;
  let carry = '';
  const scan = (text: string) => {
    for (const [, tag, attributes] of text.matchAll(scannedTag)) {
      if (tag === 'row') {
        const r = /\br="(\d+)"/.exec(attributes);
        rows = r ? Math.max(rows, Number(r[1])) : rows + 1;
      } else if (tag === 'mergeCell') {
        const ref = mergeRef.exec(attributes);
        if (ref) merges.push(ref[1]);
      } else if (tag === 'hyperlink') {
        const ref = /\bref="([A-Z]+\d+)/.exec(attributes)?.[1];
        const id = /\b\w+:id="([^"]*)"/.exec(attributes)?.[1];
        if (ref && id) hyperlinks.set(ref, id);
      } else {
        const dimension = dimensionRef.exec(attributes);
        if (dimension) claimed = Number(dimension[2] ?? dimension[1] ?? 0);
      }
    }
  };
  for await (const chunk of stream) {
    const decoded = decoder.write(chunk as Buffer);
    try {
      // The guard bounds the carry too: it is at most one tag and one run of text long.
      guard.feed(decoded);
    } catch (err) {
      stream.destroy();
      throw err;
    }
    const text = carry + decoded;
    const cut = text.lastIndexOf('<');
    scan(text.slice(0, Math.max(cut, 0)));
    carry = cut < 0 ? text : text.slice(cut);
    if (Math.max(rows, claimed) > maxRows) {
      stream.destroy();
      return { rows: Math.max(rows, claimed), rowsAtLeast: claimed <= maxRows, merges, hyperlinks, whole: false };
    }
  }
  scan(carry + decoder.end());
  return { rows: Math.max(rows, claimed), rowsAtLeast: false, merges, hyperlinks, whole: true };
}
