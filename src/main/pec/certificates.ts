// The certificates carried in smime.p7s, each read once. A mailbox holds thousands of receipts
// signed by a handful of provider certificates: parsing one (X509Certificate), finding its issuer
// and serial, and describing its subject and validity took more per message than checking the
// signature itself. Only what follows from a certificate's own bytes is kept, keyed by the whole
// DER (compared byte for byte); nothing that depends on a message is: every message's digest and
// signature are checked against it anew (signature.ts).
import { X509Certificate } from 'node:crypto';
import type { SignatureVerdict } from '../../shared/pec';
import { children, content, encoding, readTlv } from './der';

/** Issuer Name and serial number of a certificate (RFC 5280 §4.1), to match a SignerInfo sid. */
export function issuerAndSerialOf(cert: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const tbs = children(cert, children(cert, readTlv(cert, 0))[0]);
  const offset = tbs[0].tag === 0xa0 ? 1 : 0;
  return { serial: content(cert, tbs[offset]), issuer: encoding(cert, tbs[offset + 2]) };
}

/** The signer certificate's facts the trust verdict looks up: SHA-1 fingerprint and validity window. */
export type CertificateFacts = Pick<SignatureVerdict, 'signerSha1' | 'signerValidFrom' | 'signerValidTo'>;
type Signer = NonNullable<SignatureVerdict['signer']>;

// A damaged certificate can carry a validity date no Date can hold: unknown, not a crash.
function isoOrNull(text: string): string | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A certificate node:crypto could read, and what a verdict says of it, each worked out once. */
export class ParsedCertificate {
  private signerValue: Signer | null = null;
  private factsValue: CertificateFacts | null = null;

  constructor(readonly x509: X509Certificate) {}

  /** Subject and e-mail address (SubjectAltName first, else the subject's emailAddress); a copy per call. */
  signer(): Signer {
    if (!this.signerValue) {
      const subjectLines = this.x509.subject.split('\n');
      const san = (this.x509.subjectAltName ?? '').split(', ').find((entry) => entry.startsWith('email:'));
      const fromSan = san ? san.slice('email:'.length).replace(/^"(.*)"$/, '$1') : null;
      const fromSubject = subjectLines.find((line) => line.startsWith('emailAddress='))?.slice('emailAddress='.length) ?? null;
      this.signerValue = { subject: subjectLines.join(', '), email: fromSan ?? fromSubject };
    }
    return { ...this.signerValue };
  }

  /** SHA-1 fingerprint and validity window; a copy per call. */
  facts(): CertificateFacts {
    this.factsValue ??= {
      signerSha1: this.x509.fingerprint.replace(/:/g, '').toLowerCase(),
      signerValidFrom: isoOrNull(this.x509.validFrom),
      signerValidTo: isoOrNull(this.x509.validTo),
    };
    return { ...this.factsValue };
  }
}

/** One certificate's bytes and what is read from them, each piece on first use. */
export class KnownCertificate {
  private parsedRead = false;
  private parsedValue: ParsedCertificate | null = null;
  private idRead = false;
  private idValue: { issuer: Uint8Array; serial: Uint8Array } | null = null;

  constructor(readonly der: Buffer) {}

  /** The parsed certificate, or null when node:crypto cannot read it. */
  get parsed(): ParsedCertificate | null {
    if (!this.parsedRead) {
      this.parsedRead = true;
      try {
        this.parsedValue = new ParsedCertificate(new X509Certificate(this.der));
      } catch {
        this.parsedValue = null;
      }
    }
    return this.parsedValue;
  }

  /** Issuer and serial, or null when the DER cannot be walked that far. */
  get id(): { issuer: Uint8Array; serial: Uint8Array } | null {
    if (!this.idRead) {
      this.idRead = true;
      try {
        this.idValue = issuerAndSerialOf(this.der);
      } catch {
        this.idValue = null;
      }
    }
    return this.idValue;
  }
}

// Most recently used first: the few provider certificates of a mailbox stay at the front.
const known: KnownCertificate[] = [];
const KNOWN_KEPT = 64;

/** The entry for these certificate bytes, made on first sight (a copy: it must not keep the message alive). */
export function knownCertificate(der: Uint8Array): KnownCertificate {
  for (let i = 0; i < known.length; i++) {
    const entry = known[i];
    if (entry.der.length === der.length && entry.der.equals(der)) {
      if (i > 0) {
        known.splice(i, 1);
        known.unshift(entry);
      }
      return entry;
    }
  }
  const entry = new KnownCertificate(Buffer.from(der));
  known.unshift(entry);
  if (known.length > KNOWN_KEPT) known.pop();
  return entry;
}
