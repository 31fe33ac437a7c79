// From the LDIF AgID publishes to the providers the verdict looks up (RFC 6109 §3, object class
// `provider`). A file is taken whole or not at all: one damaged entry refuses the file, so the
// index in force is never replaced by half of one.
import { createHash, X509Certificate } from 'node:crypto';
import { allTexts, firstText, LdifError, readLdif, type LdifEntry } from './ldif';
import { normalizeSha1, type IndexedProvider } from '../proof';

/** Why a file is not taken as a providers' index. */
export type IndexRefusal = 'empty' | 'too-large' | 'not-ldif' | 'malformed' | 'truncated' | 'no-providers' | 'unreadable';

/** The providers of an index file, or why the file was refused (plain English detail, with the line). */
export type ParsedIndex =
  | { ok: true; providers: IndexedProvider[]; domains: number }
  | { ok: false; code: IndexRefusal; detail: string };

/** Largest index accepted: the real one is a few hundred KB; this leaves room and refuses a wrong file quickly. */
export const MAX_INDEX_BYTES = 20 * 1024 * 1024;

function isProvider(entry: LdifEntry): boolean {
  return allTexts(entry, 'objectclass').some((c) => c.toLowerCase() === 'provider');
}

/** The certificates of an entry, DER, checked to be X.509 certificates. */
function certificates(entry: LdifEntry): Buffer[] {
  return (entry.attributes.get('providercertificate') ?? []).map(({ value }) => {
    try {
      new X509Certificate(value);
    } catch {
      throw new LdifError(`providerCertificate of "${entry.dn}" is not a certificate (the file may be truncated)`, entry.line, 'truncated');
    }
    return value;
  });
}

function certificateHashes(entry: LdifEntry): string[] {
  return allTexts(entry, 'providercertificatehash').map((given) => {
    const sha1 = normalizeSha1(given);
    if (sha1.length !== 40 || !/^[0-9a-f :]+$/i.test(given)) {
      throw new LdifError(`providerCertificateHash "${given.slice(0, 80)}" of "${entry.dn}" is not a SHA-1 fingerprint`, entry.line, 'malformed');
    }
    return sha1;
  });
}

/** One provider entry; its MUST attributes (RFC 6109) checked, a hash or a certificate being enough. */
export function providerOf(entry: LdifEntry): IndexedProvider {
  const name = firstText(entry, 'providername');
  const incomplete = (what: string) => new LdifError(`the provider entry "${entry.dn}" has no ${what} (the file may be truncated)`, entry.line, 'truncated');
  if (!name) throw incomplete('providerName');
  const certificatesDer = certificates(entry);
  const computed = certificatesDer.map((der) => createHash('sha1').update(der).digest('hex'));
  const certificateSha1 = [...new Set([...certificateHashes(entry), ...computed])];
  if (certificateSha1.length === 0) throw incomplete('providerCertificate or providerCertificateHash');
  const managedDomains = [...new Set(allTexts(entry, 'manageddomains').map((d) => d.toLowerCase()).filter(Boolean))];
  if (managedDomains.length === 0) throw incomplete('managedDomains');
  return { name, certificateSha1, certificatesDer, managedDomains, mailReceipt: firstText(entry, 'mailreceipt') || null };
}

/** Parses an index file already read (at most MAX_INDEX_BYTES); never throws on bad input. */
export function parseProviderIndex(data: Buffer): ParsedIndex {
  if (data.length === 0 || data.toString('latin1').trim() === '') return { ok: false, code: 'empty', detail: 'the file is empty' };
  if (data.length > MAX_INDEX_BYTES) return tooLarge(data.length);
  const providers: IndexedProvider[] = [];
  try {
    for (const entry of readLdif(data)) if (isProvider(entry)) providers.push(providerOf(entry));
  } catch (err) {
    if (err instanceof LdifError) return { ok: false, code: err.kind, detail: err.message };
    throw err;
  }
  if (providers.length === 0) return { ok: false, code: 'no-providers', detail: 'the file holds no provider entry (objectClass: provider)' };
  const domains = new Set(providers.flatMap((p) => p.managedDomains)).size;
  return { ok: true, providers, domains };
}

/** The refusal of a file over MAX_INDEX_BYTES. */
export function tooLarge(size: number): ParsedIndex & { ok: false } {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return { ok: false, code: 'too-large', detail: `the file is ${mb(size)}, more than the ${mb(MAX_INDEX_BYTES)} a providers' index can be` };
}
