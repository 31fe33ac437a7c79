// Raw-byte MIME helpers for building and rewriting provider messages. Bytes are handled as 'latin1'
// strings (one char per byte) so nothing is ever re-encoded: a signed part must stay byte-exact.
import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';

/** One header field: its name, its raw bytes (folded lines + CRLF) and its unfolded value. */
export interface HeaderField {
  name: string;
  raw: string;
  value: string;
}

/** Converts bare LF (and CR) line ends to CRLF, the canonical form S/MIME signs (RFC 5751 §3.1.1). */
export function toCrlf(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  if (!/\r(?!\n)|(?<!\r)\n/.test(text)) return bytes;
  return Buffer.from(text.replace(/\r\n|\r|\n/g, '\r\n'), 'latin1');
}

/** Splits a CRLF entity at the blank line: header block (with its last CRLF) and body. */
export function splitEntity(bytes: Buffer): { head: string; body: Buffer } {
  const text = bytes.toString('latin1');
  if (text.startsWith('\r\n')) return { head: '', body: bytes.subarray(2) };
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { head: text.endsWith('\r\n') ? text : text + '\r\n', body: Buffer.alloc(0) };
  return { head: text.slice(0, end + 2), body: bytes.subarray(end + 4) };
}

/** Parses a raw header block into fields, keeping each field's raw bytes for rewriting. */
export function parseHeaders(head: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of head.split(/(?<=\r\n)/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1].raw += line;
      continue;
    }
    fields.push({ name: line.slice(0, Math.max(0, line.indexOf(':'))).trim(), raw: line, value: '' });
  }
  for (const f of fields) {
    const unfolded = f.raw.slice(f.raw.indexOf(':') + 1).replace(/\r\n/g, '').trim();
    // RFC 6532 allows raw UTF-8 in headers: read the bytes as UTF-8.
    f.value = Buffer.from(unfolded, 'latin1').toString('utf8');
  }
  return fields;
}

/** The first value of header `name` (case-insensitive), or null. */
export function headerValue(fields: HeaderField[], name: string): string | null {
  const lower = name.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower)?.value ?? null;
}

/** Content-Type-like value split into its token (lowercased) and parameters. */
export function parseStructured(value: string | null): { value: string; params: Record<string, string> } {
  const parsed = mimeFuncs.parseHeaderValue(value ?? '');
  return { value: parsed.value.toLowerCase(), params: parsed.params };
}

/** Decodes RFC 2047 encoded-words (`=?charset?B|Q?…?=`); adjacent encoded-words join without space. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bBqQ]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([bBqQ])\?([^?]*)\?=/g, (whole, charset: string, enc: string, text: string) => {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : whole;
    });
}

/** A header line `Name: value`, RFC 2047-encoding non-ASCII words and folding at 76 columns. */
export function headerLine(name: string, value: string): string {
  return mimeFuncs.foldLines(`${name}: ${mimeFuncs.encodeWords(value, 'Q', 52)}`, 76) + '\r\n';
}

/** A fresh MIME boundary, shaped like the ones Aruba's MIME-tools writes (`----------=_<time>-<pid>-<n>`). */
export function newBoundary(): string {
  return `----------=_${Math.floor(Date.now() / 1000)}-${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
}

/** Base64 in lines of `width` characters, CRLF-terminated. */
export function base64Lines(bytes: Buffer, width = 76): string {
  const b64 = bytes.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += width) out += b64.slice(i, i + width) + '\r\n';
  return out;
}

/** A text body in quoted-printable: iso-8859-1 like Aruba when the text fits Latin-1, else UTF-8. */
export function quotedPrintable(text: string): { charset: string; body: string } {
  const latin1 = !/[\u0100-\uffff]/.test(text);
  const bytes = latin1 ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
  const body = qp.wrap(qp.encode(bytes), 76).replace(/\r?\n/g, '\r\n');
  return { charset: latin1 ? 'iso-8859-1' : 'utf-8', body: body.endsWith('\r\n') ? body : body + '\r\n' };
}

/** The Content-Transfer-Encoding that honestly describes raw bytes carried as they are (RFC 2045 §2.7–2.9). */
export function transferEncodingOf(bytes: Buffer): '7bit' | '8bit' | 'binary' {
  const text = bytes.toString('latin1');
  if (text.split('\r\n').some((line) => line.length > 998)) return 'binary';
  return bytes.some((b) => b > 0x7f) ? '8bit' : '7bit';
}

function decodeBody(body: Buffer, encoding: string): Buffer {
  switch (encoding) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body
          .toString('latin1')
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      );
    default:
      return body;
  }
}

/** The file name of a MIME part (Content-Disposition filename, else Content-Type name), decoded. */
function partFilename(fields: HeaderField[]): string | null {
  const name = parseStructured(headerValue(fields, 'content-disposition')).params.filename ?? parseStructured(headerValue(fields, 'content-type')).params.name;
  return name ? decodeWords(name) : null;
}

/**
 * Splits a multipart body (latin1) into its parts' bytes, and rejoins it after `map`: preamble,
 * delimiters and epilogue are kept byte for byte. A delimiter line is the boundary followed by "--",
 * padding or the line end (RFC 2046 §5.1.1), so boundary "b" does not split at a line "--b1".
 */
function mapParts(body: string, boundary: string, map: (part: Buffer) => Buffer): string {
  const delimiter = `--${boundary}`;
  const escaped = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pieces = body.split(new RegExp(`(?:^|\\r\\n)${escaped}(?=--|[ \\t]*\\r\\n|[ \\t]*$)`));
  // pieces[0] is the preamble; each part piece starts with the rest of its delimiter line; the piece
  // starting with "--" is the close delimiter and the epilogue.
  const parts = pieces.slice(1).map((piece) => {
    const lineEnd = piece.indexOf('\r\n');
    if (piece.startsWith('--') || lineEnd < 0) return piece;
    return piece.slice(0, lineEnd + 2) + map(Buffer.from(piece.slice(lineEnd + 2), 'latin1')).toString('latin1');
  });
  const rebuilt = [pieces[0], ...parts].join(`\r\n${delimiter}`);
  return pieces[0] === '' && !body.startsWith('\r\n') ? rebuilt.slice(2) : rebuilt;
}

/** Walks a MIME entity: `leaf` maps each non-multipart entity (headers, decoded body, bytes) to its replacement. */
function mapLeaves(entity: Buffer, leaf: (fields: HeaderField[], decoded: () => Buffer, bytes: Buffer) => Buffer): Buffer {
  const { head, body } = splitEntity(entity);
  const fields = parseHeaders(head);
  const type = parseStructured(headerValue(fields, 'content-type'));
  if (type.value.startsWith('multipart/') && type.params.boundary) {
    return Buffer.from(head + '\r\n' + mapParts(body.toString('latin1'), type.params.boundary, (part) => mapLeaves(part, leaf)), 'latin1');
  }
  const encoding = (headerValue(fields, 'content-transfer-encoding') ?? '').toLowerCase().trim();
  return leaf(fields, () => decodeBody(body, encoding), entity);
}

/** The decoded bodies of every leaf part (the whole body for a single-part message). */
export function leafBodies(entity: Buffer): Buffer[] {
  const bodies: Buffer[] = [];
  mapLeaves(entity, (_fields, decoded, bytes) => {
    bodies.push(decoded());
    return bytes;
  });
  return bodies;
}

/**
 * The entity with every attachment replaced by a small text part holding the SHA-256 of its decoded
 * content: the postacert.eml of a ricevuta breve ("il messaggio originale e gli hash crittografici
 * degli eventuali allegati", DM 2/11/2005; the hash algorithm and layout here are the sandbox's choice).
 */
export function replaceAttachmentsWithHashes(entity: Buffer): Buffer {
  return mapLeaves(entity, (fields, decoded, bytes) => {
    const type = parseStructured(headerValue(fields, 'content-type')).value;
    const disposition = parseStructured(headerValue(fields, 'content-disposition')).value;
    const filename = partFilename(fields);
    const isAttachment = disposition === 'attachment' || (filename !== null && !type.startsWith('text/') && type !== 'message/rfc822');
    if (!isAttachment) return bytes;
    const content = decoded();
    const hashName = `${filename ?? 'allegato'}.hash`;
    // No CRLF at the end: the one before the next delimiter belongs to the delimiter.
    return Buffer.from(
      `Content-Type: ${mimeFuncs.buildHeaderValue({ value: 'text/plain', params: { charset: 'us-ascii', name: hashName } })}\r\n` +
        `Content-Disposition: ${mimeFuncs.buildHeaderValue({ value: 'attachment', params: { filename: hashName } })}\r\n` +
        'Content-Transfer-Encoding: 7bit\r\n\r\n' +
        `SHA-256: ${crypto.createHash('sha256').update(content).digest('hex')}\r\n` +
        `Size: ${content.length}`,
      'latin1',
    );
  });
}
