// Shared pieces of the providers-index tests: real provider certificates taken from the real
// fixtures' smime.p7s with PecDesk's own CMS reader, and LDIF folding.
import crypto from 'node:crypto';
import { signerCertificateDer } from '../../../src/main/pec';
import { real } from '../store/helpers';

/** The signer certificate of a real fixture, DER. */
export function realSignerDer(fixture: string): Buffer {
  const der = signerCertificateDer(real(fixture));
  if (!der) throw new Error(`${fixture} has no signer certificate`);
  return der;
}

/** Aruba's 2018 signing certificate (issued by AgID CA1) and its 2014 one (DigitPA CA1). */
export const ARUBA_2018 = 'aruba-2018-accettazione.eml';
export const ARUBA_2014 = 'aruba-2014-accettazione.eml';

export function sha1Hex(der: Buffer): string {
  return crypto.createHash('sha1').update(der).digest('hex');
}

/** Folds base64 at 76 columns the way LDIF writers do (first line with the attribute name). */
export function foldedBase64(attribute: string, der: Buffer): string {
  const line = `${attribute}:: ${der.toString('base64')}`;
  const parts = [line.slice(0, 76)];
  for (let i = 76; i < line.length; i += 75) parts.push(` ${line.slice(i, i + 75)}`);
  return parts.join('\n');
}
