// Decoding of header values: RFC 2047 encoded words, RFC 2045/2231 parameters, addresses, dates.
import addressparser from 'nodemailer/lib/addressparser';
import iconv from 'iconv-lite';

// iconv-lite answers "unknown charset" by building and catching an Error, about 20 µs: a subject of
// 100,000 encoded words in a made-up charset took seconds. Answers are kept (a few dozen real names).
const knownCharsets = new Map<string, boolean>();
const KNOWN_CHARSETS_KEPT = 256;

function charsetExists(name: string): boolean {
  let exists = knownCharsets.get(name);
  if (exists === undefined) {
    exists = iconv.encodingExists(name);
    if (knownCharsets.size >= KNOWN_CHARSETS_KEPT) knownCharsets.delete(knownCharsets.keys().next().value as string);
    knownCharsets.set(name, exists);
  }
  return exists;
}

/** Bytes in a MIME charset as text; null when the charset is unknown. */
export function decodeCharset(bytes: Buffer, charset: string): string | null {
  // RFC 2231 §5: a charset may carry a language suffix ("utf-8*it").
  const name = charset.split('*')[0].trim().toLowerCase();
  if (name === 'utf-8' || name === 'utf8' || name === 'us-ascii') return bytes.toString('utf8');
  if (!charsetExists(name)) return null;
  return iconv.decode(bytes, name);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
// RFC 2047 §6.2: white space between adjacent encoded words is not displayed.
const BETWEEN_WORDS = /(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)/g;

/** Decodes RFC 2047 encoded words; words in an unknown charset are kept as written. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(BETWEEN_WORDS, '$1').replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
    const bytes =
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return decodeCharset(bytes, charset) ?? word;
  });
}

function percentDecode(value: string, charset: string): string {
  const bytes = Buffer.from(value.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return decodeCharset(bytes, charset) ?? value;
}

const QUOTE = 0x22;
const SEMICOLON = 0x3b;
const BACKSLASH = 0x5c;

// What "." does not match in a regular expression: the reader this scan replaced let a backslash
// escape any character but these, and the scan keeps its answers.
function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * The header split on ";" outside quoted strings (RFC 2045 §5.1), in one pass. Inside quotes a
 * backslash escapes the next character; a quoted string left open runs to the end, or to a
 * backslash that escapes nothing (a line break, the end), after which ";" splits again.
 */
export function splitParams(header: string): string[] {
  if (!header.includes('"')) return header.split(';');
  const pieces: string[] = [];
  const n = header.length;
  let start = 0;
  let i = 0;
  while (i < n) {
    const c = header.charCodeAt(i++);
    if (c === SEMICOLON) {
      pieces.push(header.slice(start, i - 1));
      start = i;
    } else if (c === QUOTE) {
      while (i < n) {
        const q = header.charCodeAt(i);
        if (q === QUOTE) {
          i++;
          break;
        }
        if (q === BACKSLASH) {
          if (i + 1 >= n || isLineTerminator(header.charCodeAt(i + 1))) break;
          i++;
        }
        i++;
      }
    }
  }
  pieces.push(header.slice(start));
  return pieces;
}

/** A parameter value as written: quotes taken off and backslash escapes undone, or stray quotes dropped. */
function unquote(text: string): string {
  if (text.charCodeAt(0) !== QUOTE) return text.includes('"') ? text.replace(/"/g, '') : text;
  const inner = text.slice(1, text.endsWith('"') && text.length >= 2 ? -1 : undefined);
  return inner.includes('\\') ? inner.replace(/\\(.)/g, '$1') : inner;
}

interface Segment {
  index: number;
  text: string;
  encoded: boolean;
}

const CONTINUED_NAME = /^([^*]+)\*(\d+)?(\*)?$/;

/** Splits "value; a=1; b=\"x\"" into a lowercase value and parameters (RFC 2045 §5.1, RFC 2231 continuations and charsets). */
export function parseParams(header: string): { value: string; params: Record<string, string> } {
  const pieces = splitParams(header);
  const value = pieces[0].trim().toLowerCase();
  const params: Record<string, string> = {};
  // Keyed by names the sender chose: "constructor*" or "__proto__*" is just a name.
  let continued: Map<string, Segment[]> | null = null;
  for (let p = 1; p < pieces.length; p++) {
    const piece = pieces[p];
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    const text = unquote(piece.slice(eq + 1).trim());
    const m = key.includes('*') ? CONTINUED_NAME.exec(key) : null;
    if (!m) {
      setParam(params, key, decodeWords(text));
      continue;
    }
    continued ??= new Map();
    let list = continued.get(m[1]);
    if (!list) continued.set(m[1], (list = []));
    list.push({ index: m[2] === undefined ? 0 : Number(m[2]), text, encoded: m[3] !== undefined || m[2] === undefined });
  }
  if (continued) for (const [key, list] of continued) setParam(params, key, joinSegments(list));
  return { value, params };
}

/** Sets an own property; a "__proto__" parameter stays a parameter instead of reaching the prototype setter. */
function setParam(params: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(params, key, { value, enumerable: true, writable: true, configurable: true });
  else params[key] = value;
}

/** RFC 2231 §3–4: the segments in order, the encoded ones percent-decoded in the charset the first names. */
function joinSegments(list: Segment[]): string {
  list.sort((a, b) => a.index - b.index);
  let charset = 'us-ascii';
  const first = list[0];
  if (first.encoded) {
    const m = /^([^']*)'[^']*'(.*)$/.exec(first.text);
    if (m) {
      charset = m[1] || 'us-ascii';
      first.text = m[2];
    }
  }
  return list.map((s) => (s.encoded ? percentDecode(s.text, charset) : s.text)).join('');
}

// The two shapes providers write in every receipt and envelope: an address alone, or a quoted
// name and an address in angle brackets. Read here because addressparser cost a tenth of
// classifying a receipt; anything else (groups, comments, lists, escapes) goes to addressparser,
// which gives the same answer for these two (test/main/pec/headers.test.ts compares them).
const BARE_ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$/;
const QUOTED_NAME_ADDRESS = /^"([^"\\]*)" ?<([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)>$/;

/** The mailbox addresses of an address header (To, Cc, From), display names dropped. */
export function parseAddresses(value: string | null): string[] {
  if (!value) return [];
  if (BARE_ADDRESS.test(value)) return [value];
  const quoted = QUOTED_NAME_ADDRESS.exec(value);
  if (quoted) return [quoted[2]];
  return addressparser(value, { flatten: true })
    .map((a) => a.address.trim())
    .filter((a) => a.includes('@'));
}

/** The display names of an address header ("Tribunale di Milano" of `"Tribunale di Milano" <x@y.it>`), decoded. */
export function parseDisplayNames(value: string | null): string[] {
  if (!value) return [];
  // The same two shapes as parseAddresses, read without addressparser (same answers, compared in the tests).
  if (BARE_ADDRESS.test(value)) return [];
  const quoted = QUOTED_NAME_ADDRESS.exec(value);
  if (quoted) {
    const name = decodeWords(quoted[1]).trim();
    return name ? [name] : [];
  }
  return addressparser(value, { flatten: true })
    .map((a) => decodeWords(a.name ?? '').trim())
    .filter(Boolean);
}

/**
 * The value without a trailing comment such as "(CET)", which Date.parse does not accept
 * everywhere. Found with indexOf: the regular expression it replaces took quadratic time on a
 * header of thousands of "(" and hung the import of a hostile message.
 */
function withoutTrailingComment(value: string): string {
  if (!value.endsWith(')')) return value;
  const open = value.indexOf('(', value.lastIndexOf(')', value.length - 2) + 1);
  return open === -1 ? value : value.slice(0, open);
}

/** The instant of an RFC 5322 Date header as ISO 8601 UTC, or null when unreadable. */
export function parseDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(withoutTrailingComment(value.trim()).trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
