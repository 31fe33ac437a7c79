// A small MIME reader over raw bytes that keeps the byte offsets of every part.
// PEC needs them: the S/MIME signature covers the exact bytes of the first part of
// multipart/signed (RFC 1847, RFC 5751 §3.5), which a re-serialising parser such as
// mailparser cannot give back. Bodies are decoded only on demand (daticert, smime.p7s,
// attachment sizes), so classifying a receipt never decodes the texts it carries.
import { isUtf8 } from 'node:buffer';
import { parseParams } from './headers';

/** Header fields by lowercase name, values unfolded but not decoded, in message order. */
export type HeaderMap = Map<string, string[]>;

/** One MIME entity: its headers, where its bytes lie in the message, and its sub-parts. */
export interface MimePart {
  headers: HeaderMap;
  /** Offset of the first header byte. */
  start: number;
  /** Offset of the first body byte. */
  bodyStart: number;
  /** Offset just past the last byte (the line break before a boundary is not part of it, RFC 2046 §5.1.1). */
  end: number;
  /** Lowercase type/subtype; text/plain when absent (RFC 2045 §5.2). */
  type: string;
  params: Record<string, string>;
  children: MimePart[];
  /** On the root only: which cap cut the reading short (hostile nesting or part count), when one did. */
  cut?: 'depth' | 'parts';
}

// Hostile nesting or thousands of empty parts must not cost more than a real message does. The
// part cap is mailparser's own (maxChildNodes 1000): the reader could not show more parts anyway.
export const MAX_MIME_DEPTH = 24;
export const MAX_MIME_PARTS = 1000;

const LF = 10;
const CR = 13;

/** First value of a header field (name in lowercase), or null. */
export function headerValue(headers: HeaderMap, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}

const BLANK_LF = Buffer.from('\n\n');
const BLANK_CRLF = Buffer.from('\n\r\n');

/** Where the header block ends: the offset of the blank line and the offset after it. */
function findHeaderEnd(buf: Buffer, start: number, end: number): { headerEnd: number; bodyStart: number } {
  // A part that starts with a blank line has no headers at all.
  if (buf[start] === LF) return { headerEnd: start, bodyStart: start + 1 };
  if (buf[start] === CR && buf[start + 1] === LF) return { headerEnd: start, bodyStart: start + 2 };
  // The first line break followed by an empty line, LF or CRLF. The ending of the first line
  // says which one to look for first, in the first 64 KB; the other is looked for only before
  // it. Past 64 KB (a block that long, or lines ending the other way) the lines are walked one
  // by one, so a search never runs through the body of every nested part.
  const part = buf.subarray(start, Math.min(end, start + HEADER_WINDOW));
  const firstBreak = part.indexOf(LF);
  const crlfFirst = firstBreak > 0 && part[firstBreak - 1] === CR;
  const likely = crlfFirst ? BLANK_CRLF : BLANK_LF;
  const other = crlfFirst ? BLANK_LF : BLANK_CRLF;
  const found = part.indexOf(likely);
  if (found === -1) return walkHeaderEnd(buf, start, end);
  const before = part.subarray(0, found + other.length - 1).indexOf(other);
  const at = before === -1 ? found : before;
  const blank = before === -1 ? likely : other;
  return { headerEnd: start + at + 1, bodyStart: start + at + blank.length };
}

const HEADER_WINDOW = 64 * 1024;

/** findHeaderEnd line by line: the first line break followed by an empty line within buf[start, end). */
function walkHeaderEnd(buf: Buffer, start: number, end: number): { headerEnd: number; bodyStart: number } {
  let pos = start;
  while (pos < end) {
    const nl = buf.indexOf(LF, pos);
    if (nl === -1 || nl >= end) break;
    if (buf[nl + 1] === LF && nl + 1 < end) return { headerEnd: nl + 1, bodyStart: nl + 2 };
    if (buf[nl + 1] === CR && buf[nl + 2] === LF && nl + 2 < end) return { headerEnd: nl + 1, bodyStart: nl + 3 };
    pos = nl + 1;
  }
  return { headerEnd: end, bodyStart: end };
}

const FIELD_NAME = /^[!-9;-~]+$/;

/**
 * The field name in text[start, colon) with trailing white space dropped, or null when that is not
 * one (printable ASCII but ':', RFC 5322 §3.6.8). `colon` is the first ':' after start. A name of
 * printable characters only, as every real one is, is taken without the trim and the regex.
 */
function fieldNameBefore(text: string, start: number, colon: number): string | null {
  for (let i = start; i < colon; i++) {
    const c = text.charCodeAt(i);
    if (c < 33 || c > 126) {
      const name = text.slice(start, colon).trimEnd();
      return FIELD_NAME.test(name) ? name : null;
    }
  }
  return text.slice(start, colon);
}

function addField(headers: HeaderMap, name: string, value: string): void {
  const list = headers.get(name);
  if (list) list.push(value);
  else headers.set(name, [value]);
}

/** Parses a header block: unfolds continuation lines; lines that are not fields are skipped. */
export function parseHeaderBlock(buf: Buffer, start: number, end: number): { headers: HeaderMap; bodyStart: number; fieldLines: number; badLines: number } {
  const { headerEnd, bodyStart } = findHeaderEnd(buf, start, end);
  const block = buf.subarray(start, headerEnd);
  // RFC 6532 allows raw UTF-8 in headers; anything else 8-bit is read as Latin-1 rather than lost.
  const text = isUtf8(block) ? block.toString('utf8') : block.toString('latin1');
  const headers: HeaderMap = new Map();
  let fieldLines = 0;
  let badLines = 0;
  // The field being read, kept until its continuation lines (if any) are added.
  let name: string | null = null;
  let value = '';
  // The next ":" at or after the current line, -1 when none is left: found again only once a line
  // is past it, so lines without one do not each search the rest of the block.
  let colonAt = -2;
  // Walked by offsets: a line is sliced only for what is kept of it.
  for (let pos = 0; pos <= text.length; ) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const lineStart = pos;
    pos = nl + 1;
    if (lineEnd === lineStart) continue;
    const first = text.charCodeAt(lineStart);
    if ((first === 32 || first === 9) && name !== null) {
      value += ' ' + text.slice(lineStart, lineEnd).trim();
      continue;
    }
    if (name !== null) addField(headers, name, value);
    name = null;
    if (colonAt !== -1 && colonAt < lineStart) colonAt = text.indexOf(':', lineStart);
    const colon = colonAt;
    const fieldName = colon > lineStart && colon < lineEnd ? fieldNameBefore(text, lineStart, colon) : null;
    // An mbox "From " separator line may precede the headers of a saved message.
    if (fieldName === null) {
      if (!(lineStart === 0 && text.startsWith('From ', 0) && lineEnd >= 5)) badLines++;
      continue;
    }
    fieldLines++;
    name = fieldName.toLowerCase();
    value = text.slice(colon + 1, lineEnd).trim();
  }
  if (name !== null) addField(headers, name, value);
  return { headers, bodyStart, fieldLines, badLines };
}

/** The ranges of the body parts of a multipart body (RFC 2046 §5.1.1); an unterminated last part runs to the end. */
function splitMultipart(buf: Buffer, bodyStart: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = Buffer.from('--' + boundary, 'latin1');
  const ranges: Array<[number, number]> = [];
  let partStart = -1;
  let pos = bodyStart;
  while (pos < end) {
    const at = buf.indexOf(delimiter, pos);
    if (at === -1 || at >= end) break;
    let after = at + delimiter.length;
    if (at !== bodyStart && buf[at - 1] !== LF) {
      pos = after;
      continue;
    }
    const closing = buf[after] === 45 && buf[after + 1] === 45 && after + 1 < end;
    if (closing) after += 2;
    // Only transport padding may follow the delimiter; anything else means a longer boundary.
    let k = after;
    while (k < end && (buf[k] === 32 || buf[k] === 9 || buf[k] === CR)) k++;
    if (k < end && buf[k] !== LF) {
      pos = after;
      continue;
    }
    if (partStart !== -1) {
      // The line break before the delimiter belongs to the delimiter (RFC 2046 §5.1.1).
      let partEnd = at;
      if (buf[partEnd - 1] === LF) partEnd--;
      if (buf[partEnd - 1] === CR) partEnd--;
      ranges.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (closing) return ranges;
    partStart = Math.min(k + 1, end);
    pos = partStart;
  }
  if (partStart !== -1) ranges.push([partStart, end]);
  return ranges;
}

/** Parses the entity in buf[start, end): headers, then sub-parts when multipart. message/rfc822 bodies are left to parse on demand. */
export function parseMime(buf: Buffer, start = 0, end = buf.length): MimePart {
  const budget: Budget = { parts: 0, cut: undefined };
  const root = parseEntity(buf, start, end, 0, 'text/plain', budget);
  if (budget.cut) root.cut = budget.cut;
  return root;
}

interface Budget {
  parts: number;
  cut: MimePart['cut'];
}

function parseEntity(buf: Buffer, start: number, end: number, depth: number, defaultType: string, budget: Budget): MimePart {
  budget.parts++;
  const { headers, bodyStart } = parseHeaderBlock(buf, start, end);
  const contentType = headerValue(headers, 'content-type');
  const parsed = contentType ? parseParams(contentType) : null;
  const type = parsed && parsed.value.includes('/') ? parsed.value : defaultType;
  const params = parsed?.params ?? {};
  const part: MimePart = { headers, start, bodyStart, end, type, params, children: [] };
  if (type.startsWith('multipart/') && params.boundary) {
    if (depth >= MAX_MIME_DEPTH) {
      budget.cut ??= 'depth';
      return part;
    }
    // RFC 2046 §5.1.5: in a digest the default part type is message/rfc822.
    const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const [s, e] of splitMultipart(buf, bodyStart, end, params.boundary)) {
      if (budget.parts >= MAX_MIME_PARTS) {
        budget.cut ??= 'parts';
        break;
      }
      part.children.push(parseEntity(buf, s, e, depth + 1, childDefault, budget));
    }
  }
  return part;
}

/** The body of a part with its Content-Transfer-Encoding undone (base64, quoted-printable; 7bit/8bit/binary as is). */
export function decodeBody(buf: Buffer, part: MimePart): Buffer {
  const raw = buf.subarray(part.bodyStart, part.end);
  const encoding = (headerValue(part.headers, 'content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(raw.toString('latin1'), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(raw);
  return raw;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** RFC 2045 §6.7: =XX is a byte, "=" at the end of a line is a soft line break, a lone "=" stays literal. */
export function decodeQuotedPrintable(input: Buffer): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== 61) {
      out[n++] = c;
      continue;
    }
    if (input[i + 1] === LF) {
      i += 1;
      continue;
    }
    if (input[i + 1] === CR && input[i + 2] === LF) {
      i += 2;
      continue;
    }
    const hi = hexValue(input[i + 1]);
    const lo = hexValue(input[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** The filename of a part: Content-Disposition filename, else Content-Type name (RFC 2183, RFC 2231, RFC 2047 decoded). */
export function partFilename(part: MimePart): string | null {
  const disposition = headerValue(part.headers, 'content-disposition');
  const fromDisposition = disposition ? parseParams(disposition).params.filename : undefined;
  return fromDisposition || part.params.name || null;
}

/** The lowercase Content-Disposition value (inline, attachment) or null. */
export function partDisposition(part: MimePart): string | null {
  const disposition = headerValue(part.headers, 'content-disposition');
  return disposition ? parseParams(disposition).value : null;
}
