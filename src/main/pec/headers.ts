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

/** Splits "value; a=1; b=\"x\"" into a lowercase value and parameters (RFC 2045 §5.1, RFC 2231 continuations and charsets). */
export function parseParams(header: string): { value: string; params: Record<string, string> } {
  // Split on ";" outside quoted strings (RFC 2045 §5.1); a backslash escapes inside quotes.
  const pieces = [''];
  for (const token of header.match(/"(?:\\.|[^"\\])*"?|[^;"]+|;/g) ?? []) {
    if (token === ';') pieces.push('');
    else pieces[pieces.length - 1] += token;
  }
  const value = pieces[0].trim().toLowerCase();
  // Keyed by names the sender chose: without a prototype, "constructor*" or "__proto__*" is just a name.
  const simple: Record<string, string> = Object.create(null) as Record<string, string>;
  const continued: Record<string, Array<{ index: number; text: string; encoded: boolean }>> = Object.create(null) as Record<string, Array<{ index: number; text: string; encoded: boolean }>>;
  for (const piece of pieces.slice(1)) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let text = piece.slice(eq + 1).trim();
    if (text.startsWith('"')) text = text.slice(1, text.endsWith('"') && text.length >= 2 ? -1 : undefined).replace(/\\(.)/g, '$1');
    else text = text.replace(/"/g, '');
    const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(key);
    if (!m) {
      simple[key] = text;
      continue;
    }
    const list = (continued[m[1]] ??= []);
    list.push({ index: m[2] === undefined ? 0 : Number(m[2]), text, encoded: m[3] !== undefined || m[2] === undefined });
  }
  const params = new Map<string, string>();
  for (const [key, text] of Object.entries(simple)) params.set(key, decodeWords(text));
  for (const [key, list] of Object.entries(continued)) {
    list.sort((a, b) => a.index - b.index);
    // RFC 2231 §4: the first encoded segment carries charset'language'.
    let charset = 'us-ascii';
    const first = list[0];
    if (first.encoded) {
      const m = /^([^']*)'[^']*'(.*)$/.exec(first.text);
      if (m) {
        charset = m[1] || 'us-ascii';
        first.text = m[2];
      }
    }
    params.set(key, list.map((s) => (s.encoded ? percentDecode(s.text, charset) : s.text)).join(''));
  }
  // fromEntries defines own properties: a "__proto__" parameter stays a parameter.
  return { value, params: Object.fromEntries(params) };
}

/** The mailbox addresses of an address header (To, Cc, From), display names dropped. */
export function parseAddresses(value: string | null): string[] {
  if (!value) return [];
  return addressparser(value, { flatten: true })
    .map((a) => a.address.trim())
    .filter((a) => a.includes('@'));
}

/** The display names of an address header ("Tribunale di Milano" of `"Tribunale di Milano" <x@y.it>`), decoded. */
export function parseDisplayNames(value: string | null): string[] {
  if (!value) return [];
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
