// A minimal BER/DER reader: just enough to walk a CMS SignedData (RFC 5652) and an X.509
// TBSCertificate to the fields a signature check needs. asn1js 4 spends ~6 ms on a 6 KB
// smime.p7s (measured; most of it in @peculiar/utils type checks), more than parsing the
// whole message, so the hot path walks the bytes itself and leaves crypto to node:crypto.

/** One TLV: tag byte, where its content lies, and the whole encoding. */
export interface Tlv {
  tag: number;
  constructed: boolean;
  /** Offset of the tag byte. */
  start: number;
  contentStart: number;
  contentEnd: number;
  /** Offset just past the TLV (past the end-of-contents octets for indefinite length). */
  end: number;
}

/**
 * Thrown by the reader on malformed input; callers turn it into a verdict. It carries no stack:
 * no one reads it, and capturing one cost more than reading the whole smime.p7s.
 */
export class DerError extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** Reads the TLV at offset within buf[0, limit). */
export function readTlv(buf: Uint8Array, offset: number, limit = buf.length, depth = 0): Tlv {
  if (depth > 64) throw new DerError('nesting too deep');
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset];
  // High-tag-number form never occurs in CMS or X.509 fields we read.
  if ((tag & 0x1f) === 0x1f) throw new DerError('unsupported tag');
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = buf[pos++];
  if (first === 0x80) {
    // BER indefinite length (RFC 5652 allows BER): children up to the end-of-contents octets.
    if (!constructed) throw new DerError('indefinite primitive');
    const contentStart = pos;
    while (true) {
      if (pos + 2 > limit) throw new DerError('truncated');
      if (buf[pos] === 0 && buf[pos + 1] === 0) return { tag, constructed, start: offset, contentStart, contentEnd: pos, end: pos + 2 };
      pos = readTlv(buf, pos, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || pos + count > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++];
  }
  if (pos + length > limit) throw new DerError('truncated');
  return { tag, constructed, start: offset, contentStart: pos, contentEnd: pos + length, end: pos + length };
}

/** The children of a constructed TLV. */
export function children(buf: Uint8Array, tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new DerError('not constructed');
  const out: Tlv[] = [];
  let pos = tlv.contentStart;
  while (pos < tlv.contentEnd) {
    const child = readTlv(buf, pos, tlv.contentEnd);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** The TLV's content bytes. */
export function content(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.contentStart, tlv.contentEnd);
}

/** The TLV's full encoding. */
export function encoding(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.start, tlv.end);
}

/** Dotted form of an OBJECT IDENTIFIER (tag 0x06). */
export function readOid(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== 0x06) throw new DerError('not an OID');
  const bytes = content(buf, tlv);
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** A UTCTime (0x17) or GeneralizedTime (0x18) as a Date, or null if unreadable. */
export function readTime(buf: Uint8Array, tlv: Tlv): Date | null {
  const text = Buffer.from(content(buf, tlv)).toString('latin1');
  const m = tlv.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text) : tlv.tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text) : null;
  if (!m) return null;
  let year = Number(m[1]);
  // RFC 5280 §4.1.2.5.1: two-digit years 50–99 are 19xx.
  if (tlv.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  return Number.isNaN(date.getTime()) ? null : date;
}
