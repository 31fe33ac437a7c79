// daticert.xml, the certification data of every PEC message (regole tecniche DM 2/11/2005 §7.3.3,
// DTD in test/fixtures/pec-real/daticert.dtd). Read as untrusted input: it declares
// <!DOCTYPE postacert SYSTEM "postacert.dtd">, which is never fetched; entity declarations
// are refused outright (billion laughs, external entities), and the size is capped.
import { SaxesParser } from 'saxes';
import iconv from 'iconv-lite';
import { type PecErrorCode, type PecRecipient, RECEIPT_TYPES, type ReceiptType, type ReceiptVariant } from '../../shared/pec';

/** daticert `tipo`: the seven receipt types plus the transport envelope. */
export type DaticertTipo = ReceiptType | 'posta-certificata';

/** The content of a daticert.xml, values trimmed. */
export interface Daticert {
  tipo: DaticertTipo;
  errore: PecErrorCode;
  mittente: string | null;
  destinatari: PecRecipient[];
  risposte: string | null;
  oggetto: string | null;
  gestoreEmittente: string | null;
  /** The certified time, ISO 8601 with the offset of `zona` ("2018-11-13T16:39:26+01:00"), or null if malformed. */
  timestamp: string | null;
  identificativo: string | null;
  /** Original Message-ID as written, angle brackets included. */
  msgid: string | null;
  ricevuta: ReceiptVariant | null;
  consegna: string | null;
  ricezione: string[];
  erroreEsteso: string | null;
}

/** Why a daticert.xml could not be read. */
export type DaticertErrorCode = 'too-large' | 'too-deep' | 'entity-declaration' | 'unsupported-charset' | 'invalid-xml' | 'not-daticert';

/** A parsed daticert or the reason it is unreadable. */
export type DaticertResult = { ok: true; daticert: Daticert } | { ok: false; code: DaticertErrorCode; detail: string };

/** Real daticert files are under 2 KB; anything past this is not one and is not parsed. */
export const MAX_DATICERT_BYTES = 1024 * 1024;
/** The DTD nests four levels (postacert/dati/data/giorno); past this the file is hostile, refused unread. */
export const MAX_DATICERT_DEPTH = 64;
// Fed to saxes in slices so a refusal stops the reading instead of waiting for the end of the file.
const CHUNK_CHARS = 16 * 1024;

const TIPI: readonly string[] = [...RECEIPT_TYPES, 'posta-certificata'];
const ERRORI: readonly string[] = ['nessuno', 'no-dest', 'no-dominio', 'virus', 'altro'];
const VARIANTS: readonly string[] = ['completa', 'breve', 'sintetica'];

/** Decodes the bytes as the XML declaration says (UTF-8 by default, BOMs honoured). */
function decodeXml(xml: Buffer): { text: string } | { error: string } {
  if (xml[0] === 0xef && xml[1] === 0xbb && xml[2] === 0xbf) return { text: xml.subarray(3).toString('utf8') };
  if (xml[0] === 0xff && xml[1] === 0xfe) return { text: iconv.decode(xml.subarray(2), 'utf-16le') };
  if (xml[0] === 0xfe && xml[1] === 0xff) return { text: iconv.decode(xml.subarray(2), 'utf-16be') };
  const declaration = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(xml.subarray(0, 200).toString('latin1'));
  const charset = declaration ? declaration[1].toLowerCase() : 'utf-8';
  if (charset === 'utf-8' || charset === 'utf8') return { text: xml.toString('utf8') };
  if (!iconv.encodingExists(charset)) return { error: `unknown charset ${charset}` };
  return { text: iconv.decode(xml, charset) };
}

/** "13/11/2018" + "16:39:26" + "+0100" → "2018-11-13T16:39:26+01:00". */
export function daticertTimestamp(giorno: string, ora: string, zona: string): string | null {
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(giorno);
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(ora);
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zona);
  if (!d || !t || !z) return null;
  const day = Number(d[1]);
  const month = Number(d[2]);
  const year = Number(d[3]);
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  const second = Number(t[3] ?? '0');
  // Round-trip through Date.UTC so 31/02 or 25:00 is refused rather than rolled over.
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second) return null;
  return `${year}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(second)}${z[1]}${z[2]}:${z[3]}`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// The elements a Daticert is read from, by their path from the root (the DTD's names). Any other
// element is OTHER, and so is everything inside it: only these are kept while reading. A path
// string built and stored for every element, and a new parser with new handlers per file, were a
// quarter of the time of reading one (the sync bench's receipts); the answers are the same.
interface Element {
  children: Map<string, Element>;
  /** Where its trimmed text is kept, null when it is not read (or read by the handlers below). */
  field: TextField | null;
}

type TextField = 'mittente' | 'risposte' | 'oggetto' | 'gestoreEmittente' | 'giorno' | 'ora' | 'identificativo' | 'msgid' | 'consegna' | 'erroreEsteso';

function element(field: TextField | null, children: Record<string, Element> = {}): Element {
  return { field, children: new Map(Object.entries(children)) };
}

const OTHER: Element = element(null);
const DESTINATARI = element(null);
const RICEZIONE = element(null);
const DATA = element(null, { giorno: element('giorno'), ora: element('ora') });
const RICEVUTA = element(null);
const POSTACERT = element(null, {
  intestazione: element(null, { mittente: element('mittente'), destinatari: DESTINATARI, risposte: element('risposte'), oggetto: element('oggetto') }),
  dati: element(null, {
    'gestore-emittente': element('gestoreEmittente'),
    data: DATA,
    identificativo: element('identificativo'),
    msgid: element('msgid'),
    ricevuta: RICEVUTA,
    consegna: element('consegna'),
    ricezione: RICEZIONE,
    'errore-esteso': element('erroreEsteso'),
  }),
});
const DOCUMENT = element(null, { postacert: POSTACERT });

/** What one parse has read so far. */
interface Reading {
  failure: { code: DaticertErrorCode; detail: string } | null;
  /** The element open at each depth, the document first. */
  open: Element[];
  /** Text since the last tag: an element's value is its text after its last child. */
  buffer: string;
  text: Partial<Record<TextField, string>>;
  /** Attributes of the last element opened at these paths. */
  attributes: Map<Element, Record<string, string>>;
  destinatari: PecRecipient[];
  ricezione: string[];
}

function newReading(): Reading {
  return { failure: null, open: [DOCUMENT], buffer: '', text: {}, attributes: new Map(), destinatari: [], ricezione: [] };
}

// Between parses: no document is kept alive by the module.
const IDLE = newReading();
let reading = IDLE;

function fail(code: DaticertErrorCode, detail: string): void {
  reading.failure ??= { code, detail };
}

// One parser, its handlers reading into `reading`, used again after every parse that reached its
// end (saxes resets itself at close). One that failed or threw is dropped: its state is the failed
// document's.
function newParser(): SaxesParser {
  const parser = new SaxesParser({ position: false });
  // No 'error' handler: saxes then throws at the first error, so a file of garbage costs one
  // error, not one per character (with a handler it reports every one and carries on).
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) fail('entity-declaration', 'daticert.xml declares entities, which PecDesk refuses to expand');
  });
  parser.on('opentag', (tag) => {
    const { open } = reading;
    // Every open element costs a place in the stack: 100,000 nested ones once took 3.7 GB before failing.
    if (open.length > MAX_DATICERT_DEPTH) {
      fail('too-deep', `daticert.xml nests elements more than ${MAX_DATICERT_DEPTH} deep, which no daticert does; not read`);
      return;
    }
    const parent = open[open.length - 1];
    const known = parent === OTHER ? OTHER : (parent.children.get(tag.name) ?? OTHER);
    open.push(known);
    reading.buffer = '';
    if (known !== OTHER) reading.attributes.set(known, tag.attributes as Record<string, string>);
  });
  parser.on('text', (t) => {
    reading.buffer += t;
  });
  parser.on('closetag', () => {
    if (reading.failure) return;
    const known = reading.open.pop() as Element;
    if (known === DESTINATARI) {
      reading.destinatari.push({ address: reading.buffer.trim(), type: reading.attributes.get(known)?.tipo?.trim() === 'esterno' ? 'esterno' : 'certificato' });
    } else if (known === RICEZIONE) reading.ricezione.push(reading.buffer.trim());
    else if (known.field) reading.text[known.field] = reading.buffer.trim();
    reading.buffer = '';
  });
  return parser;
}

let idleParser: SaxesParser | null = null;

/** Parses daticert.xml bytes without resolving any DTD or entity; never throws. */
export function parseDaticert(xml: Buffer): DaticertResult {
  if (xml.length > MAX_DATICERT_BYTES) return { ok: false, code: 'too-large', detail: `daticert.xml is ${xml.length} bytes, more than the ${MAX_DATICERT_BYTES} accepted` };
  const decoded = decodeXml(xml);
  if ('error' in decoded) return { ok: false, code: 'unsupported-charset', detail: `daticert.xml: ${decoded.error}` };
  const parser = idleParser ?? newParser();
  idleParser = null;
  reading = newReading();
  const read = reading;
  try {
    for (let at = 0; at < decoded.text.length && !read.failure; at += CHUNK_CHARS) parser.write(decoded.text.slice(at, at + CHUNK_CHARS));
    if (!read.failure) {
      parser.close();
      idleParser = parser;
    }
  } catch (e) {
    fail('invalid-xml', `daticert.xml is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  reading = IDLE;
  if (read.failure) return { ok: false, ...read.failure };
  const { text, attributes } = read;
  const root = attributes.get(POSTACERT);
  if (!root) return { ok: false, code: 'not-daticert', detail: 'daticert.xml has no <postacert> root element' };
  const tipo = root.tipo?.trim().toLowerCase() ?? '';
  if (!TIPI.includes(tipo)) return { ok: false, code: 'not-daticert', detail: `daticert.xml has an unknown tipo "${tipo}"` };
  const errore = root.errore?.trim().toLowerCase() || 'nessuno';
  const ricevuta = attributes.get(RICEVUTA)?.tipo?.trim().toLowerCase() ?? null;
  const zona = attributes.get(DATA)?.zona?.trim() ?? '';
  return {
    ok: true,
    daticert: {
      tipo: tipo as DaticertTipo,
      // The DTD lists five values; anything else is reported as the generic one.
      errore: (ERRORI.includes(errore) ? errore : 'altro') as PecErrorCode,
      mittente: text.mittente || null,
      destinatari: read.destinatari,
      risposte: text.risposte || null,
      oggetto: text.oggetto || null,
      gestoreEmittente: text.gestoreEmittente || null,
      timestamp: daticertTimestamp(text.giorno ?? '', text.ora ?? '', zona),
      identificativo: text.identificativo || null,
      msgid: text.msgid || null,
      ricevuta: ricevuta && VARIANTS.includes(ricevuta) ? (ricevuta as ReceiptVariant) : null,
      consegna: text.consegna || null,
      ricezione: read.ricezione,
      erroreEsteso: text.erroreEsteso || null,
    },
  };
}
