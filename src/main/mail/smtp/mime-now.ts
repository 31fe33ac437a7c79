// A message tree compiled by nodemailer's MailComposer, written out in one synchronous pass.
// nodemailer's build() streams every node through PassThrough, encoder and line-end transforms,
// one setImmediate per part: for a bulk send's small letters that machinery cost more than the
// letter itself (about 0.35 ms a message, most of a thousand-recipient campaign's build time).
// buildNow writes the same bytes from the same tree with nodemailer's own pieces: each node's
// headers from its buildHeaders(), bodies with its qp and base64 encode + wrap (which its encoder
// streams are documented to equal), then its two whole-message steps, the final line end
// (LastNewline) and CRLF line ends (LeWindows, newline 'win'). A tree with anything this pass does
// not know (a stream, a file or URL to read, a transform or DKIM) answers null and the caller uses
// build(). test/main/mail/smtp/mime-now.test.ts compares both builders byte for byte.
import { encode as base64Encode, wrap as base64Wrap } from 'nodemailer/lib/base64';
import type MimeNode from 'nodemailer/lib/mime-node';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';

/** nodemailer's line length for encoded bodies (its encoder streams' default). */
const LINE_LENGTH = 76;
const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/** Fields of a MimeNode that nodemailer's typings keep private, read here to stay on its path. */
interface NodeInternals {
  _raw?: unknown;
  _transforms: unknown[];
  _processFuncs: unknown[];
}

const internals = (node: MimeNode) => node as unknown as NodeInternals;

/** Bytes given as they are: what nodemailer would pass through a PassThrough unchanged. */
function isBytes(value: unknown): value is string | Buffer {
  return typeof value === 'string' || Buffer.isBuffer(value);
}

/** A string as its UTF-8 bytes (a PassThrough's default), a Buffer as it is (not copied). */
const bytesOf = (value: string | Buffer): Buffer => (typeof value === 'string' ? Buffer.from(value) : value);

/** The message's bytes as build() would give them, or null when only build() can make them. */
export function buildNow(root: MimeNode): Buffer | null {
  const { _transforms, _processFuncs } = internals(root);
  if (_transforms.length || _processFuncs.length || !['win', 'windows', 'dos', '\r\n'].includes(String(root.newline).toLowerCase())) return null;
  const chunks: Buffer[] = [];
  if (!writeNode(root, chunks)) return null;
  // Both whole-message steps work on the pieces: the message is copied once, by the final concat.
  const pieces = crlfLineEnds(withFinalLineEnd(chunks.filter((c) => c.length > 0)));
  return Buffer.concat(pieces);
}

/** MimeNode.stream() for one node and its children, into `out`; false where it would need a stream. */
function writeNode(node: MimeNode, out: Buffer[]): boolean {
  const raw = internals(node)._raw;
  if (raw !== undefined && raw !== null && raw !== false) {
    if (!isBytes(raw)) return false;
    out.push(bytesOf(raw));
  } else {
    // stream() asks for the transfer encoding before it builds the headers, which then record it.
    const transferEncoding = node.getTransferEncoding();
    out.push(Buffer.from(node.buildHeaders() + '\r\n\r\n'));
    const content = node.content;
    if (content) {
      if (!isBytes(content)) return false;
      if (transferEncoding === 'base64') out.push(Buffer.from(base64Wrap(base64Encode(content), LINE_LENGTH), 'latin1'));
      else if (transferEncoding === 'quoted-printable') {
        // Outside text nodemailer's encoder treats line breaks as data: not this pass's case.
        if (!/^text\//i.test(node.contentType ?? '')) return false;
        out.push(Buffer.from(qpWrap(qpEncode(content), LINE_LENGTH), 'latin1'));
      } else out.push(bytesOf(content));
    }
  }
  if (!node.multipart) return true;
  // The children between their boundaries, then the closing one.
  for (const [i, child] of node.childNodes.entries()) {
    out.push(Buffer.from(`${i > 0 ? '\r\n' : ''}--${String(node.boundary)}\r\n`));
    if (!writeNode(child, out)) return false;
  }
  out.push(Buffer.from(`\r\n--${String(node.boundary)}--\r\n`));
  return true;
}

/** LastNewline: a message that does not end with LF gets its line end. */
function withFinalLineEnd(pieces: Buffer[]): Buffer[] {
  const lastPiece = pieces.at(-1);
  const last = lastPiece ? lastPiece[lastPiece.length - 1] : null;
  if (last === LF) return pieces;
  return [...pieces, last === CR ? Buffer.from('\n') : CRLF];
}

/** LeWindows: every LF not preceded by CR (in its piece or at the end of the one before) becomes CRLF. */
function crlfLineEnds(pieces: Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  let before: number | null = null;
  for (const piece of pieces) {
    let from = 0;
    for (let lf = piece.indexOf(LF); lf !== -1; lf = piece.indexOf(LF, lf + 1)) {
      if ((lf > 0 ? piece[lf - 1] : before) === CR) continue;
      out.push(piece.subarray(from, lf), CRLF);
      from = lf + 1;
    }
    out.push(from === 0 ? piece : piece.subarray(from));
    before = piece[piece.length - 1];
  }
  return out;
}
