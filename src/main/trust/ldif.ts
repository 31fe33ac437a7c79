// A small reader of LDIF content records (RFC 2849) over raw bytes: unfolds continuation lines,
// skips comments, decodes `attr:: base64` to bytes (certificates are DER) and keeps attribute
// options (`providerCertificate;binary::`). It yields one entry at a time, so memory stays at one
// entry plus what the caller keeps. URL values (`attr:< file:///…`) are refused: an index must
// never make PecDesk read or fetch anything else. Change records (changetype) are refused too:
// the providers' index is a list of entries, not a diff.

/** One attribute value: its options (lowercased, e.g. ['binary']) and its bytes. */
export interface LdifValue {
  options: string[];
  value: Buffer;
}

/** One content record. Attribute names are lowercased (LDAP names are case-insensitive). */
export interface LdifEntry {
  dn: string;
  /** 1-based line where the entry starts, for error messages. */
  line: number;
  attributes: Map<string, LdifValue[]>;
}

/** A file that is not LDIF, or not LDIF we accept; `line` is 1-based (0: the file as a whole). */
export class LdifError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly kind: 'not-ldif' | 'malformed' | 'truncated',
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}

/** Longest logical (unfolded) line accepted: a certificate is a few KB, a whole entry well under this. */
export const MAX_LOGICAL_LINE_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;

/** A logical line: the bytes of a line and its continuations, and where it started. */
interface LogicalLine {
  text: Buffer;
  line: number;
}

/** Physical lines without their CRLF / LF ending, with 1-based numbers. */
function* physicalLines(data: Buffer): Generator<{ bytes: Buffer; line: number }> {
  let start = 0;
  let line = 1;
  while (start < data.length) {
    let end = data.indexOf(LF, start);
    if (end < 0) end = data.length;
    const stop = end > start && data[end - 1] === CR ? end - 1 : end;
    yield { bytes: data.subarray(start, stop), line };
    start = end + 1;
    line++;
  }
}

/**
 * Logical lines: continuations (a line starting with one space) joined, comments dropped (their
 * continuations too, RFC 2849 note 2); an empty Buffer stands for a blank separator line.
 */
function* logicalLines(data: Buffer): Generator<LogicalLine> {
  let parts: Buffer[] | null = null;
  let size = 0;
  let first = 0;
  let comment = false;
  const flush = (): LogicalLine | null => {
    const out = parts && !comment ? { text: Buffer.concat(parts, size), line: first } : null;
    parts = null;
    size = 0;
    comment = false;
    return out;
  };
  for (const { bytes, line } of physicalLines(data)) {
    if (bytes.length > 0 && bytes[0] === SPACE) {
      if (!parts) throw new LdifError('a continuation line (starting with a space) follows no line', line, 'malformed');
      size += bytes.length - 1;
      if (size > MAX_LOGICAL_LINE_BYTES) throw new LdifError(`a value longer than ${MAX_LOGICAL_LINE_BYTES} bytes`, first, 'malformed');
      if (!comment) parts.push(bytes.subarray(1));
      continue;
    }
    const done = flush();
    if (done) yield done;
    if (bytes.length === 0) {
      yield { text: bytes, line };
      continue;
    }
    parts = [bytes];
    size = bytes.length;
    first = line;
    comment = bytes[0] === HASH;
  }
  const done = flush();
  if (done) yield done;
}

const ATTRIBUTE = /^([A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)*)((?:;[A-Za-z0-9-]+)*)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Splits `name;opt: value`, `name:: base64`; the value decoded to bytes. */
function attributeValue(text: Buffer, line: number): { name: string; options: string[]; value: Buffer } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new LdifError('expected "attribute: value"', line, 'not-ldif');
  const spec = text.subarray(0, colon).toString('latin1');
  const match = ATTRIBUTE.exec(spec);
  if (!match) throw new LdifError(`"${spec.slice(0, 60)}" is not an attribute name`, line, 'not-ldif');
  const [name, ...options] = spec.split(';').map((s) => s.toLowerCase());
  let rest = colon + 1;
  const mode = text[rest] === 0x3a ? 'base64' : text[rest] === 0x3c ? 'url' : 'plain';
  if (mode !== 'plain') rest++;
  while (rest < text.length && text[rest] === SPACE) rest++;
  const raw = text.subarray(rest);
  if (mode === 'url') throw new LdifError(`${name}: values given by URL (":<") are not accepted`, line, 'malformed');
  if (mode === 'plain') return { name, options, value: raw };
  const b64 = raw.toString('latin1').trim();
  // Strict: a file cut in the middle of a certificate leaves base64 of the wrong length.
  if (!BASE64.test(b64)) throw new LdifError(`${name}: the base64 value is incomplete or damaged (the file may be truncated)`, line, 'truncated');
  return { name, options, value: Buffer.from(b64, 'base64') };
}

/** Whether the bytes could be LDIF text at all (a NUL byte says a binary file). */
function looksBinary(data: Buffer): boolean {
  return data.subarray(0, 4096).includes(0);
}

/** Reads the content records of an LDIF file, one at a time; throws LdifError on the first problem. */
export function* readLdif(input: Buffer): Generator<LdifEntry> {
  // A byte order mark, as Windows editors save UTF-8, is not part of the first line.
  const data = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  if (looksBinary(data)) throw new LdifError('not an LDIF file (it holds binary data)', 0, 'not-ldif');
  let entry: LdifEntry | null = null;
  let seenRecord = false;
  for (const { text, line } of logicalLines(data)) {
    if (text.length === 0) {
      if (entry) yield entry;
      entry = null;
      continue;
    }
    const { name, options, value } = attributeValue(text, line);
    if (!entry) {
      if (name === 'version' && !seenRecord) {
        if (value.toString('latin1').trim() !== '1') throw new LdifError(`LDIF version ${value.toString('latin1').trim()} is not 1`, line, 'not-ldif');
        seenRecord = true;
        continue;
      }
      if (name !== 'dn') throw new LdifError(`an entry must start with "dn:", not "${name}:"`, line, seenRecord ? 'malformed' : 'not-ldif');
      seenRecord = true;
      entry = { dn: value.toString('utf8'), line, attributes: new Map() };
      continue;
    }
    if (name === 'changetype' || name === 'control') throw new LdifError('LDIF change records are not a providers\' index', line, 'malformed');
    const values = entry.attributes.get(name);
    if (values) values.push({ options, value });
    else entry.attributes.set(name, [{ options, value }]);
  }
  if (entry) yield entry;
  if (!seenRecord) throw new LdifError('not an LDIF file (no "dn:" line)', 0, 'not-ldif');
}

/** The first value of an attribute as UTF-8 text, trimmed; null when absent. */
export function firstText(entry: LdifEntry, name: string): string | null {
  const value = entry.attributes.get(name)?.[0];
  return value ? value.value.toString('utf8').trim() : null;
}

/** Every value of an attribute as UTF-8 text, trimmed. */
export function allTexts(entry: LdifEntry, name: string): string[] {
  return (entry.attributes.get(name) ?? []).map((v) => v.value.toString('utf8').trim());
}
