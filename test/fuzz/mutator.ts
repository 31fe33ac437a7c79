// A small seeded mutator of mail messages for the fuzz suite: input i of seed s is always the same
// bytes, so a failure reproduces from the two numbers alone. Mutations are cheap byte edits plus
// the hostile shapes real attacks use (deep nesting, entity bombs, huge headers, zip bombs), the
// heavy ones rare so the suite stays fast.
import { deflateRawSync, crc32 } from 'node:zlib';
import { parseMime, type MimePart } from '../../src/main/pec';

/** mulberry32: a tiny fast PRNG, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random source of one input. */
export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

/** What the hostile shapes need from outside: the port of the canary that must never be called. */
export interface MutatorContext {
  canaryPort: number;
}

type Mutation = (raw: Buffer, rng: Rng, ctx: MutatorContext) => Buffer;

const CRLF = '\r\n';
const latin1 = (s: string) => Buffer.from(s, 'latin1');

function splice(raw: Buffer, at: number, remove: number, insert: Buffer): Buffer {
  return Buffer.concat([raw.subarray(0, at), insert, raw.subarray(at + remove)]);
}

/** Every MIME part our own reader finds (depth-first), to aim at a real boundary or body. */
function parts(raw: Buffer): MimePart[] {
  const out: MimePart[] = [];
  const walk = (p: MimePart) => {
    out.push(p);
    p.children.forEach(walk);
  };
  walk(parseMime(raw));
  return out;
}

function withHeaderLines(raw: Buffer, lines: string[]): Buffer {
  return Buffer.concat([latin1(lines.join(CRLF) + CRLF), raw]);
}

/** A zip of one entry that inflates `size` bytes of zeros from a few KB (a classic zip bomb). */
export function zipBomb(size: number): Buffer {
  const data = Buffer.alloc(size);
  const packed = deflateRawSync(data, { level: 9 });
  const name = latin1('zero.bin');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + packed.length, 16);
  return Buffer.concat([local, name, packed, central, name, end]);
}

let bomb: Buffer | null = null;

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

/** A header line built to trip parsers: unbalanced brackets and quotes, encoded-word and RFC 2231 floods. */
function hostileHeader(rng: Rng, n: number): string {
  return rng.pick([
    () => `Date: ${'('.repeat(n)})x`,
    () => `Subject: ${'=?utf-8?B?'.repeat(n / 4)}`,
    () => `Subject: ${'=?x-klingon?q?a?= '.repeat(n / 8)}`,
    () => `From: ${'<'.repeat(n)}`,
    () => `To: ${'"a@b.it", '.repeat(n / 10)}`,
    () => `To: ${'"'.repeat(n)}`,
    () => `Cc: ${'('.repeat(n)}`,
    () => `Content-Type: text/plain; ${Array.from({ length: n / 16 }, (_, i) => `name*${i * 7919}*=utf-8''%E2`).join('; ')}`,
    () => `Content-Type: multipart/mixed; filename*99999999999="x"; boundary="${'-'.repeat(n)}"`,
    () => `Content-Disposition: attachment; filename="${'\\'.repeat(n)}`,
    () => `Message-ID: <${'<'.repeat(n)}`,
    () => `Content-Type: ${rng.pick(['text/plain', 'multipart/mixed', 'application/xml'])}; ${rng.pick(['constructor', '__proto__', 'toString', 'hasOwnProperty'])}${rng.pick(['*', '*0', '*1*', ''])}="x"; boundary=b`,
    () => `X-Riferimento-Message-ID: ${'<'.repeat(n)}`,
  ])();
}

/** An ordinary message whose HTML body is hostile, with the seed message attached. */
function hostileHtml(raw: Buffer, rng: Rng, depth: number): Buffer {
  const tag = rng.pick(['div', 'table', 'b', 'font', 'span', 'blockquote', 'a href="x"', 'td']);
  const name = tag.split(' ')[0];
  const body = rng.pick([
    () => `${'<' + tag + '>'}`.repeat(depth) + 'parole' + `</${name}>`.repeat(depth),
    () => `${'<' + tag + '>'}`.repeat(depth),
    () => '<a'.repeat(depth),
    () => '<!--'.repeat(depth),
    () => `<style>${'{'.repeat(depth)}</style>`,
  ])();
  const head = ['From: "Studio" <studio@pec.alfa.test>', 'Subject: html', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="hh"', '', '--hh', 'Content-Type: text/html; charset=utf-8', '', body, '--hh', 'Content-Type: message/rfc822', '', ''].join(CRLF);
  return Buffer.concat([latin1(head), raw, latin1(`${CRLF}--hh--${CRLF}`)]);
}

/** Hostile daticert.xml bodies: entity bombs, external entities (to the canary), deep nesting, broken XML. */
function hostileXml(rng: Rng, ctx: MutatorContext): { name: string; xml: Buffer } {
  const canary = `http://127.0.0.1:${ctx.canaryPort}/daticert`;
  const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('');
  const shapes: Array<[string, () => string]> = [
    ['billion laughs', () => `<?xml version="1.0"?><!DOCTYPE postacert [${lol}]><postacert tipo="accettazione"><dati>&lol9;</dati></postacert>`],
    ['external entity file', () => '<?xml version="1.0"?><!DOCTYPE postacert [<!ENTITY x SYSTEM "file:///etc/passwd">]><postacert tipo="accettazione"><dati><identificativo>&x;</identificativo></dati></postacert>'],
    ['external entity http', () => `<?xml version="1.0"?><!DOCTYPE postacert [<!ENTITY x SYSTEM "${canary}">]><postacert tipo="accettazione"><dati>&x;</dati></postacert>`],
    ['external DTD http', () => `<?xml version="1.0"?><!DOCTYPE postacert SYSTEM "${canary}"><postacert tipo="accettazione"/>`],
    ['parameter entity', () => `<?xml version="1.0"?><!DOCTYPE postacert [<!ENTITY % p SYSTEM "${canary}"> %p;]><postacert tipo="accettazione"/>`],
    ['xinclude', () => `<postacert tipo="accettazione" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="${canary}"/></postacert>`],
    ['deep nesting', () => `<postacert tipo="accettazione">${'<a>'.repeat(rng.chance(0.2) ? 100_000 : 2000)}</postacert>`],
    ['truncated', () => '<?xml version="1.0"?><postacert tipo="avvenuta-consegna"><intestazione><mittente>a@b.it</mitt'],
    ['unknown charset', () => '<?xml version="1.0" encoding="x-bogus-8"?><postacert tipo="accettazione"/>'],
    ['utf-16 claim', () => '<?xml version="1.0" encoding="UTF-16"?><postacert tipo="accettazione"/>'],
    ['many attributes', () => `<postacert tipo="accettazione" ${Array.from({ length: 5000 }, (_, i) => `a${i}="x"`).join(' ')}/>`],
    ['many siblings', () => `<postacert tipo="accettazione"><intestazione>${'<destinatari tipo="esterno">x@y.it</destinatari>'.repeat(20_000)}</intestazione></postacert>`],
    ['NUL bytes', () => '<postacert tipo="accettazione">\u0000\u0000<dati/></postacert>'],
    ['not XML', () => rng.bytes(200).toString('latin1')],
  ];
  const [name, make] = rng.pick(shapes);
  return { name, xml: Buffer.from(make(), 'utf8') };
}

function replaceBody(raw: Buffer, part: MimePart, body: Buffer): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding')?.[0] ?? '').trim().toLowerCase();
  const encoded = encoding === 'base64' ? latin1(base64Lines(body)) : body;
  return splice(raw, part.bodyStart, part.end - part.bodyStart, encoded);
}

const UNKNOWN_CHARSETS = ['constructor', '__proto__', 'toString', 'x-klingon', 'utf-7', 'utf-16', 'utf-32', 'ucs-4', "utf-8*it'", 'iso-8859-99', 'gb18030', 'shift_jis', '', '"', 'utf-8\u0000', 'windows-1252;;;'];
const ENCODINGS = ['base64', 'quoted-printable', '7bit', '8bit', 'binary', 'x-uuencode', 'BASE64 base64', 'gzip', '', 'quoted-printable; charset=x', 'base64\u0000'];

/** The mutations, by name; `heavy` ones build megabyte inputs and are drawn rarely. */
const MUTATIONS: Record<string, Mutation> = {
  'flip bytes': (raw, rng) => {
    const out = Buffer.from(raw);
    for (let i = 1 + rng.int(16); i > 0 && out.length; i--) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  },
  truncate: (raw, rng) => raw.subarray(0, rng.int(raw.length + 1)),
  'insert bytes': (raw, rng) => splice(raw, rng.int(raw.length + 1), 0, rng.bytes(1 + rng.int(64))),
  'delete range': (raw, rng) => {
    const at = rng.int(raw.length + 1);
    return splice(raw, at, rng.int(Math.max(1, raw.length - at)), Buffer.alloc(0));
  },
  'duplicate range': (raw, rng) => {
    const at = rng.int(raw.length + 1);
    const len = rng.int(Math.min(4096, raw.length - at) + 1);
    return splice(raw, at, 0, raw.subarray(at, at + len));
  },
  'NUL bytes': (raw, rng) => {
    let out = raw;
    for (let i = 1 + rng.int(8); i > 0; i--) out = splice(out, rng.int(out.length + 1), 0, Buffer.alloc(1 + rng.int(4)));
    return out;
  },
  'line ends': (raw, rng) => {
    const mode = rng.int(3);
    const text = raw.toString('latin1');
    if (mode === 0) return latin1(text.replace(/\r\n/g, '\n'));
    if (mode === 1) return latin1(text.replace(/\r?\n/g, '\r\n'));
    return latin1(text.replace(/\r?\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n'])));
  },
  'boundary havoc': (raw, rng) => {
    const multiparts = parts(raw).filter((p) => p.params.boundary);
    if (multiparts.length === 0) return raw;
    const boundary = '--' + rng.pick(multiparts).params.boundary;
    const text = raw.toString('latin1');
    const at = [...text.matchAll(new RegExp(boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index);
    if (at.length === 0) return raw;
    const where = rng.pick(at);
    switch (rng.int(5)) {
      case 0: // drop one delimiter
        return splice(raw, where, boundary.length, Buffer.alloc(0));
      case 1: // duplicate a delimiter line
        return splice(raw, where, 0, latin1(boundary + CRLF));
      case 2: // an unterminated last part
        return latin1(text.replace(boundary + '--', ''));
      case 3: // the delimiter renamed in the header only
        return latin1(text.replace(/boundary=("?)([^";\r\n]+)/i, (_m, q: string) => `boundary=${q}${rng.pick(['x', '', ' ', '--', '"'])}`));
      default: // the closing delimiter early
        return splice(raw, where, 0, latin1(boundary + '--' + CRLF));
    }
  },
  'wrong charset': (raw, rng) => latin1(raw.toString('latin1').replace(/charset=("?)[^";\r\n]*("?)/gi, (_m, a: string, b: string) => `charset=${a}${rng.pick(UNKNOWN_CHARSETS)}${b}`)),
  'absurd transfer encoding': (raw, rng) => latin1(raw.toString('latin1').replace(/Content-Transfer-Encoding:[^\r\n]*/gi, () => `Content-Transfer-Encoding: ${rng.pick(ENCODINGS)}`)),
  'broken base64': (raw, rng) => {
    const encoded = parts(raw).filter((p) => /base64/i.test(p.headers.get('content-transfer-encoding')?.[0] ?? ''));
    if (encoded.length === 0) return raw;
    const part = rng.pick(encoded);
    const at = part.bodyStart + rng.int(Math.max(1, part.end - part.bodyStart));
    return rng.chance(0.5) ? splice(raw, at, part.end - at, Buffer.alloc(0)) : splice(raw, at, 0, latin1(rng.pick(['====', '%%%', '\u0000', 'A', '=\r\n=', '!!!!!!!!'])));
  },
  'broken quoted-printable': (raw, rng) => {
    const encoded = parts(raw).filter((p) => /quoted/i.test(p.headers.get('content-transfer-encoding')?.[0] ?? ''));
    const part = encoded.length ? rng.pick(encoded) : parts(raw).at(-1)!;
    const at = part.bodyStart + rng.int(Math.max(1, part.end - part.bodyStart));
    return splice(raw, at, rng.int(3), latin1(rng.pick(['=', '=Z', '=ZZ', '=\r', '=0', '=\n=\n=', '=FF=FE=00'])));
  },
  'absurd Content-Length': (raw, rng) => withHeaderLines(raw, [`Content-Length: ${rng.pick(['99999999999999999999999', '-1', 'NaN', '0', '1e308', ' '])}`]),
  'conflicting PEC headers': (raw, rng) =>
    withHeaderLines(raw, Array.from({ length: 1 + rng.int(4) }, () => rng.pick(['X-Ricevuta: accettazione', 'X-Ricevuta: non-accettazione', 'X-Ricevuta: ', 'X-Trasporto: errore', 'X-Trasporto: posta-certificata', 'X-TipoRicevuta: sintetica', 'Content-Type: multipart/signed; boundary=""', 'Content-Type: text/plain']))),
  'hostile header values': (raw, rng) => withHeaderLines(raw, [hostileHeader(rng, 2000)]),
  'splice fixtures': (raw, rng) => {
    const at = rng.int(raw.length + 1);
    return Buffer.concat([raw.subarray(0, at), raw.subarray(rng.int(raw.length + 1))]);
  },
  'hostile daticert': (raw, rng, ctx) => {
    const xmlParts = parts(raw).filter((p) => /xml/.test(p.type) || /daticert/i.test(p.headers.get('content-disposition')?.[0] ?? ''));
    const { xml } = hostileXml(rng, ctx);
    if (xmlParts.length === 0) {
      const headers = ['X-Ricevuta: accettazione', `Content-Type: multipart/mixed; boundary="hx"`, '', '--hx', 'Content-Type: application/xml; name="daticert.xml"', 'Content-Transfer-Encoding: base64', ''];
      return Buffer.concat([latin1(headers.join(CRLF) + CRLF), latin1(base64Lines(xml)), latin1(`${CRLF}--hx--${CRLF}`), raw]);
    }
    return replaceBody(raw, rng.pick(xmlParts), xml);
  },
  'hostile HTML body': (raw, rng) => hostileHtml(raw, rng, 2000),
  'zip bomb attachment': (raw, rng) => {
    bomb ??= zipBomb(20 * 1024 * 1024);
    const name = rng.pick(['bomba.zip', 'atto.pdf.p7m', 'fattura.xml.zip']);
    const wrapper = [
      'From: mario@pec.alfa.test',
      'Subject: allegato',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="zb"',
      '',
      '--zb',
      'Content-Type: message/rfc822',
      '',
    ].join(CRLF);
    const attachment = [`--zb`, `Content-Type: application/zip; name="${name}"`, 'Content-Transfer-Encoding: base64', `Content-Disposition: attachment; filename="${name}"`, '', base64Lines(bomb), '--zb--', ''].join(CRLF);
    return Buffer.concat([latin1(wrapper + CRLF), raw, latin1(CRLF + attachment)]);
  },
};

/** Mutations that build megabyte inputs: drawn about once in two hundred. */
const HEAVY: Record<string, Mutation> = {
  'hostile header of 256 KB': (raw, rng) => withHeaderLines(raw, [hostileHeader(rng, 256 * 1024)]),
  'HTML nested 100,000 deep': (raw, rng) => hostileHtml(raw, rng, 100_000),
  'header line of 1 MB': (raw) => withHeaderLines(raw, [`X-Long: ${'a'.repeat(1024 * 1024)}`]),
  '10,000 headers': (raw, rng) => withHeaderLines(raw, Array.from({ length: 10_000 }, (_, i) => (rng.chance(0.5) ? `X-H${i}: v` : `Received: from h${i}`))),
  'multipart nested 10,000 deep': (raw, rng) => {
    const same = rng.chance(0.5);
    const open = Array.from({ length: 10_000 }, (_, i) => `Content-Type: multipart/mixed; boundary="${same ? 'n' : `n${i}`}"${CRLF}${CRLF}--${same ? 'n' : `n${i}`}${CRLF}`);
    const close = rng.chance(0.5) ? Array.from({ length: 10_000 }, (_, i) => `${CRLF}--${same ? 'n' : `n${9999 - i}`}--`) : [];
    return Buffer.concat([latin1(`From: a@b.it${CRLF}X-Trasporto: posta-certificata${CRLF}` + open.join('')), raw, latin1(close.join(''))]);
  },
  'message/rfc822 nested 2,000 deep': (raw) =>
    Buffer.concat([latin1(`X-Trasporto: posta-certificata${CRLF}` + `Content-Type: message/rfc822; name="postacert.eml"${CRLF}${CRLF}From: a@b.it${CRLF}`.repeat(2000)), raw]),
  'daticert nested 100,000 deep': (raw, rng) => {
    const xml = latin1(`<postacert tipo="accettazione">${'<a>'.repeat(100_000)}${rng.chance(0.5) ? '</a>'.repeat(100_000) : ''}</postacert>`);
    const xmlParts = parts(raw).filter((p) => /xml/.test(p.type));
    return xmlParts.length ? replaceBody(raw, xmlParts[0], xml) : Buffer.concat([latin1(`X-Ricevuta: accettazione${CRLF}Content-Type: multipart/mixed; boundary="d"${CRLF}${CRLF}--d${CRLF}Content-Type: application/xml${CRLF}${CRLF}`), xml, latin1(`${CRLF}--d--${CRLF}`)]);
  },
};

const NAMES = Object.keys(MUTATIONS);
const HEAVY_NAMES = Object.keys(HEAVY);

/** One fuzz input: its bytes and how they were made (for the failure message). */
export interface FuzzInput {
  index: number;
  raw: Buffer;
  description: string;
}

/** Input `index` of `seed`: a fixture with one to three mutations applied, always the same bytes for the same numbers. */
export function makeInput(seeds: Buffer[], seedNames: string[], seed: number, index: number, ctx: MutatorContext): FuzzInput {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const which = rng.int(seeds.length);
  let raw = seeds[which];
  const applied: string[] = [];
  const heavy = rng.chance(1 / 200);
  const count = heavy ? 1 : 1 + rng.int(3);
  for (let i = 0; i < count; i++) {
    const name = heavy ? rng.pick(HEAVY_NAMES) : rng.pick(NAMES);
    raw = (heavy ? HEAVY[name] : MUTATIONS[name])(raw, rng, ctx);
    applied.push(name);
  }
  return { index, raw, description: `${seedNames[which]} + ${applied.join(' + ')}` };
}
