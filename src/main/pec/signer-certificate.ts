// The certificate a PEC object was signed with, DER, as smime.p7s carries it: what the providers'
// index names by SHA-1 fingerprint (RFC 6109 providerCertificateHash).
import { DerError } from './der';
import { findSignedEntity } from './layout';
import { decodeBody, parseMime } from './mime';
import { issuerAndSerialOf } from './certificates';
import { readSignedData } from './signature';

/** The signer's certificate (matched by the SignerInfo's issuer and serial), or null when unsigned or unreadable. */
export function signerCertificateDer(raw: Buffer): Buffer | null {
  const entity = findSignedEntity(parseMime(raw));
  const signature = entity?.children[1];
  if (!signature) return null;
  try {
    const cms = readSignedData(decodeBody(raw, signature));
    const sid = cms.signer.issuerAndSerial;
    const match = cms.certificates.find((c) => {
      try {
        const id = issuerAndSerialOf(c);
        return sid !== null && Buffer.compare(id.issuer, sid.issuer) === 0 && Buffer.compare(id.serial, sid.serial) === 0;
      } catch {
        return false;
      }
    });
    return match ? Buffer.from(match) : null;
  } catch (err) {
    if (err instanceof DerError) return null;
    throw err;
  }
}
