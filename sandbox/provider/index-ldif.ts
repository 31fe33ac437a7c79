// The providers' index as AgID publishes it (RFC 6109 §3, LDIF of RFC 2849), written for the
// sandbox's gestori so PecDesk downloads and reads it through its real path. Written here, apart
// from PecDesk's reader, so the reader is tested on LDIF it did not produce.
import crypto from 'node:crypto';
import forge from 'node-forge';

/** One provider entry to write. */
export interface IndexEntrySpec {
  name: string;
  /** DER of each signing certificate. */
  certificatesDer: Buffer[];
  managedDomains: string[];
  mailReceipt: string;
  /** How certificates are written: `providerCertificate;binary::` (default) or `providerCertificate::`. */
  certificateAttribute?: 'binary' | 'plain';
  /** Also write providerCertificateHash (SHA-1, colon-separated hex) for each certificate (default true). */
  withHash?: boolean;
}

/** The DER of a node-forge certificate. */
export function certificateDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** SHA-1 fingerprint as LDIF indexes usually print it: uppercase hex pairs with colons. */
export function colonSha1(der: Buffer): string {
  return (crypto.createHash('sha1').update(der).digest('hex').toUpperCase().match(/../g) ?? []).join(':');
}

/** Folds a logical line at 76 columns (continuations start with one space). */
function fold(line: string): string {
  if (line.length <= 76) return line;
  const parts = [line.slice(0, 76)];
  for (let i = 76; i < line.length; i += 75) parts.push(` ${line.slice(i, i + 75)}`);
  return parts.join('\n');
}

/** Whether a value is an RFC 2849 SAFE-STRING (ASCII without NUL, CR, LF; no leading space, colon or "<"). */
function safeString(value: string): boolean {
  const codes = [...value].map((c) => c.codePointAt(0) ?? 0);
  return codes.every((c) => c > 0 && c < 0x80 && c !== 0x0a && c !== 0x0d) && ![0x20, 0x3a, 0x3c].includes(codes[0] ?? 0) && !value.endsWith(' ');
}

/** Plain `attr: value` when the value is a SAFE-STRING, else `attr:: base64`. */
function attribute(name: string, value: string): string {
  return safeString(value)
    ? fold(`${name}: ${value}`)
    : fold(`${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`);
}

/** The whole index: version, a container entry, then one entry per provider. */
export function providerIndexLdif(entries: IndexEntrySpec[], options: { baseDn?: string; comment?: string } = {}): string {
  const baseDn = options.baseDn ?? 'o=postacert';
  const lines: string[] = [`# ${options.comment ?? 'Indice dei gestori di posta elettronica certificata'}`, 'version: 1', '', `dn: ${baseDn}`, 'objectClass: top', 'objectClass: organization', 'o: postacert', ''];
  for (const entry of entries) {
    lines.push(attribute('dn', `providerName=${entry.name},${baseDn}`), 'objectClass: top', 'objectClass: provider', attribute('providerName', entry.name));
    if (entry.withHash ?? true) for (const der of entry.certificatesDer) lines.push(`providerCertificateHash: ${colonSha1(der)}`);
    const certAttr = entry.certificateAttribute === 'plain' ? 'providerCertificate' : 'providerCertificate;binary';
    for (const der of entry.certificatesDer) lines.push(fold(`${certAttr}:: ${der.toString('base64')}`));
    for (const domain of entry.managedDomains) lines.push(`managedDomains: ${domain}`);
    lines.push(`mailReceipt: ${entry.mailReceipt}`, '');
  }
  return lines.join('\n');
}
