// The words of a message for full-text search beyond its subject and addresses: the senders'
// names ("Tribunale di Milano") and the body the sender wrote. For a busta di trasporto or
// anomalia that is postacert.eml's body, never the provider's cover text ("Il giorno … il
// messaggio … è stato inviato da …"), which every envelope repeats and would make every search
// word of it match everything. Receipts carry only the provider's text: no body.
//
// text/plain is taken when the sender wrote one (most clients send it beside the HTML);
// otherwise the HTML is turned into text by html-to-text, the library mailparser itself uses.
import { convert } from 'html-to-text';
import type { PecKind } from '../../shared/pec';
import { decodeCharset, parseDisplayNames } from './headers';
import { decodeBody, headerValue, parseMime, partDisposition, partFilename, type MimePart } from './mime';
import { extractPostacert } from './postacert';

/** Characters kept: enough to find a letter by its words, while the index stays small. */
export const MAX_BODY_TEXT = 32_000;
// An HTML body larger than this is cut before conversion: its first part holds the words.
const MAX_HTML_BYTES = 512 * 1024;
// Real mail nests tables a few dozen deep. Past this the HTML is hostile: htmlparser2 (under
// html-to-text) spends time quadratic in the depth, and html-to-text recurses once per level
// (100,000 nested <div> took seconds; 10,000 overflowed the stack). Deeper words are not indexed.
const MAX_HTML_DEPTH = 1000;
// Elements that hold nothing (void) or that the next sibling closes (p, li, td …) add no depth.
const FLAT = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option']);
// [^<>]* rather than [^>]*: a run of "<a" with no ">" must not be rescanned from every "<".
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>/g;

/** The HTML up to the first element nested deeper than MAX_HTML_DEPTH (counting tags, a linear scan). */
function shallowPart(html: string): string {
  let depth = 0;
  for (const m of html.matchAll(TAG)) {
    if (FLAT.has(m[2].toLowerCase()) || m[0].endsWith('/>')) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > MAX_HTML_DEPTH) return html.slice(0, m.index);
  }
  return html;
}

function bodyParts(part: MimePart, out: MimePart[]): MimePart[] {
  if (part.type.startsWith('multipart/')) {
    for (const child of part.children) bodyParts(child, out);
  } else if ((part.type === 'text/plain' || part.type === 'text/html') && !partFilename(part) && partDisposition(part) !== 'attachment') {
    out.push(part);
  }
  return out;
}

function decodedText(buf: Buffer, part: MimePart): string {
  const bytes = decodeBody(buf, part);
  return decodeCharset(bytes, part.params.charset ?? 'us-ascii') ?? bytes.toString('latin1');
}

/** What full-text search reads of a message besides its subject and addresses. */
export interface SearchableText {
  /** The sender's body as plain text, at most MAX_BODY_TEXT characters; '' for receipts. */
  body: string;
  /** Display names of the sender's From (postacert.eml's for an envelope), e.g. "Tribunale di Milano"; '' for receipts. */
  senderNames: string;
}

/** The searchable text of `raw`, which the classifier found to be of `kind`. */
export function searchableText(raw: Buffer, kind: PecKind): SearchableText {
  // A receipt's words are all the provider's; an envelope's cover From is the provider's too
  // ("Per conto di: …", on every envelope): only the sender's own message is read.
  if (kind === 'receipt') return { body: '', senderNames: '' };
  return textOfSender(kind === 'ordinary' ? { raw, root: parseMime(raw) } : originalOf(raw));
}

/**
 * searchableText from the sender's message already parsed (the whole message when ordinary,
 * postacert.eml otherwise; null when there is none): what analyzeWithText uses, parsing nothing again.
 */
export function textOfSender(original: { raw: Buffer; root: MimePart } | null): SearchableText {
  if (!original) return { body: '', senderNames: '' };
  return { body: bodyText(original.raw, original.root), senderNames: parseDisplayNames(headerValue(original.root.headers, 'from')).join(' ') };
}

function originalOf(raw: Buffer): { raw: Buffer; root: MimePart } | null {
  const postacert = extractPostacert(raw);
  return postacert ? { raw: postacert.raw, root: parseMime(postacert.raw) } : null;
}

function bodyText(message: Buffer, root: MimePart): string {
  const parts = bodyParts(root, []);
  const plain = parts.find((p) => p.type === 'text/plain');
  const html = parts.find((p) => p.type === 'text/html');
  let text = '';
  if (plain) text = decodedText(message, plain);
  else if (html) {
    text = convert(shallowPart(decodedText(message, html).slice(0, MAX_HTML_BYTES)), {
      wordwrap: false,
      limits: { maxDepth: MAX_HTML_DEPTH },
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
      ],
    });
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_BODY_TEXT);
}
