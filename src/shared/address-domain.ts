// Which writing systems an address's domain uses, and its ASCII (punycode) form. A domain that
// mixes scripts is the homoglyph trick: "pес.it" with a Cyrillic "е" and "с" looks like pec.it and
// is another domain. Shared because the import, the contacts editor, the send checks and the
// composer's address field must all give the same verdict. The ASCII form comes from the WHATWG
// URL parser (UTS #46 processing, as Node's url.domainToASCII), which runs in Node and Chromium alike.

/** How a domain is written. */
export type DomainVerdict =
  /** Plain ASCII: nothing to say. */
  | 'ascii'
  /** Non-ASCII letters of one writing system (a real internationalized domain): usable, shown in punycode. */
  | 'idn'
  /** Letters of different writing systems: refused, it imitates another domain. */
  | 'mixed'
  /** Not a domain name at all. */
  | 'invalid';

export interface DomainCheck {
  verdict: DomainVerdict;
  /** The domain as IDNA writes it on the wire ("xn--…" labels); '' when invalid. */
  ascii: string;
  /** The writing systems of its letters (Unicode script names), in order of first appearance. */
  scripts: DomainScript[];
}

/** Scripts named in messages; any other letter counts as 'Other'. */
export const DOMAIN_SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Cherokee', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai', 'Devanagari'] as const;

export type DomainScript = (typeof DOMAIN_SCRIPTS)[number] | 'Other';

const scriptTests = DOMAIN_SCRIPTS.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, 'u')] as const);
const letter = /^\p{L}$/u;

// Scripts that are written together: Japanese mixes kanji and kana, Korean hanja and hangul, and
// both with Latin (an ASCII top-level domain such as .jp). The "Highly Restrictive" combinations
// of UTS #39 §5.2; Latin with Cyrillic or Greek is never among them.
const writtenTogether: DomainScript[][] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Hangul'],
];

/** The verdict on a domain (the part after the @). */
export function checkDomain(domain: string): DomainCheck {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(domain)) return { verdict: 'ascii', ascii: domain.toLowerCase(), scripts: /[a-z]/i.test(domain) ? ['Latin'] : [] };
  const scripts = scriptsOf(domain);
  const ascii = toAscii(domain);
  if (!ascii) return { verdict: 'invalid', ascii: '', scripts };
  const mixed = scripts.length > 1 && !writtenTogether.some((group) => scripts.every((s) => group.includes(s)));
  return { verdict: mixed ? 'mixed' : 'idn', ascii, scripts };
}

/** The verdict on an address's domain; null when there is no @. */
export function checkAddressDomain(address: string): DomainCheck | null {
  const at = address.lastIndexOf('@');
  return at < 0 ? null : checkDomain(address.slice(at + 1));
}

/** The address with its domain in ASCII (punycode); unchanged when the domain cannot be converted. */
export function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const check = at < 0 ? null : checkDomain(address.slice(at + 1));
  return check?.ascii ? `${address.slice(0, at)}@${check.ascii}` : address;
}

function scriptsOf(domain: string): DomainScript[] {
  const found: DomainScript[] = [];
  for (const ch of domain) {
    if (!letter.test(ch)) continue;
    const script = scriptTests.find(([, test]) => test.test(ch))?.[0] ?? 'Other';
    if (!found.includes(script)) found.push(script);
  }
  return found;
}

function toAscii(domain: string): string {
  // Only a host name may go through the URL parser: anything that would end the host is refused.
  if (/[\s/\\?#@:%[\]]/.test(domain)) return '';
  try {
    const host = new URL(`http://${domain}/`).hostname;
    return /^[a-z0-9.-]+$/.test(host) ? host : '';
  } catch {
    return '';
  }
}
