// Detached CMS SignedData (the smime.p7s of a PEC message, RFC 5751 §3.4.3): node-forge builds the
// structure, OpenSSL (node:crypto) does the RSA operation, ~20× faster than forge's JavaScript RSA.
import crypto from 'node:crypto';
import forge from 'node-forge';

/** The digest a provider signs with: real providers use sha1 (Aruba 2014–2023, Sogei), some sha-256. */
export type DigestName = 'sha1' | 'sha256';

/** Who signs: the provider's key and certificate, plus the chain to include in the p7s. */
export interface Signer {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  /** Intermediate/root certificates shipped with the signature, like AgID CA1 in real p7s files. */
  chain?: forge.pki.Certificate[];
}

/** The `micalg` parameter of multipart/signed for a digest (RFC 5751 §3.4.3.2). */
export function micalg(digest: DigestName): string {
  return digest === 'sha1' ? 'sha1' : 'sha-256';
}

// DER prefix of DigestInfo { algorithm, digest } per hash (RFC 8017 §9.2 note 1).
const DIGEST_INFO_PREFIX: Record<DigestName, Buffer> = {
  sha1: Buffer.from('3021300906052b0e03021a05000414', 'hex'),
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
};

const nativeKeys = new WeakMap<forge.pki.rsa.PrivateKey, crypto.KeyObject>();

// What forge calls as `key.sign(md, 'RSASSA-PKCS1-V1_5')`: PKCS#1 v1.5 signing is the private-key
// operation on the padded DigestInfo, which privateEncrypt with PKCS#1 padding performs.
function nativeRsaKey(key: forge.pki.rsa.PrivateKey, digest: DigestName): { sign(md: forge.md.MessageDigest): string } {
  let keyObject = nativeKeys.get(key);
  if (!keyObject) {
    keyObject = crypto.createPrivateKey(forge.pki.privateKeyToPem(key));
    nativeKeys.set(key, keyObject);
  }
  const native = keyObject;
  return {
    sign(md) {
      const digestInfo = Buffer.concat([DIGEST_INFO_PREFIX[digest], Buffer.from(md.digest().getBytes(), 'binary')]);
      return crypto.privateEncrypt({ key: native, padding: crypto.constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
}

/**
 * Signs `content` byte for byte and returns the DER of a detached SignedData with the authenticated
 * attributes contentType, messageDigest and signingTime (which PEC verifiers use to validate old mail).
 */
export function signDetached(content: Buffer, signer: Signer, options: { digest?: DigestName; signingTime?: Date } = {}): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  // 'binary' keeps every byte as one char: forge works on byte strings.
  p7.content = forge.util.createBuffer(content.toString('binary'), 'raw');
  p7.addCertificate(signer.cert);
  for (const extra of signer.chain ?? []) p7.addCertificate(extra);
  const digest = options.digest ?? 'sha256';
  p7.addSigner({
    key: nativeRsaKey(signer.key, digest) as unknown as forge.pki.rsa.PrivateKey,
    certificate: signer.cert,
    digestAlgorithm: digest === 'sha1' ? forge.pki.oids.sha1 : forge.pki.oids.sha256,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest },
      { type: forge.pki.oids.signingTime, value: (options.signingTime ?? new Date()).toISOString() },
    ],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}
