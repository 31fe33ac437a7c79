// A test certification authority and the certificates a PEC provider signs with, shaped like the real
// ones (pec-format.md §7: CN=Posta Certificata <provider>, SAN posta-certificata@<domain>, Key Usage
// digitalSignature, EKU emailProtection, policy 1.3.76.16.3.1.1) but issued by a throw-away CA.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generateKeyPair = promisify(crypto.generateKeyPair);

/** A key pair with its certificate, as PEM and as node-forge objects. */
export interface CertifiedKey {
  certPem: string;
  keyPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

/** The sandbox's own root CA: trust its certPem to trust every sandbox provider. */
export type TestCa = CertifiedKey;

/** A PEC provider's signing certificate, plus what it certifies. */
export interface ProviderCert extends CertifiedKey {
  domain: string;
  providerName: string;
}

/** The AgID policy OID every PEC provider certificate carries (pec-format.md §7). */
export const PEC_POLICY_OID = '1.3.76.16.3.1.1';

const DAY_MS = 24 * 60 * 60 * 1000;

// Native RSA key generation (OpenSSL, off the event loop): forge's pure-JS one takes seconds.
async function newKeyPair(): Promise<{ keyPem: string; key: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey }> {
  const { privateKey, publicKey } = await generateKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { keyPem: privateKey, key: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey, publicKey: forge.pki.publicKeyFromPem(publicKey) };
}

function serialNumber(): string {
  // Positive 16-byte serial (high bit cleared so DER does not read it as negative).
  const bytes = crypto.randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function certificatePolicies(oid: string): { id: string; value: string } {
  const { asn1 } = forge;
  // certificatePolicies ::= SEQUENCE OF PolicyInformation { policyIdentifier } (RFC 5280 §4.2.1.4)
  const value = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
    ]),
  ]);
  return { id: '2.5.29.32', value: asn1.toDer(value).getBytes() };
}

function sign(cert: forge.pki.Certificate, issuerKey: forge.pki.rsa.PrivateKey): void {
  cert.sign(issuerKey, forge.md.sha256.create());
}

/** Creates a self-signed root CA (RSA 2048, 10 years). */
export async function createTestCa(options: { commonName?: string } = {}): Promise<TestCa> {
  const { keyPem, key, publicKey } = await newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 3650 * DAY_MS);
  const subject = [
    { shortName: 'C', value: 'IT' },
    { shortName: 'O', value: 'PecDesk Sandbox' },
    { shortName: 'CN', value: options.commonName ?? 'PecDesk Sandbox CA' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  sign(cert, key);
  return { certPem: forge.pki.certificateToPem(cert), keyPem, cert, key };
}

function issue(
  ca: TestCa,
  publicKey: forge.pki.rsa.PublicKey,
  subject: forge.pki.CertificateField[],
  extensions: object[],
  years: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * DAY_MS);
  cert.setSubject(subject);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  sign(cert, ca.key);
  return cert;
}

/** Issues a provider signing certificate for `posta-certificata@<domain>` (3 years, like AgID's). */
export async function issueProviderCert(ca: TestCa, provider: { domain: string; providerName: string }): Promise<ProviderCert> {
  const { keyPem, key, publicKey } = await newKeyPair();
  const cert = issue(
    ca,
    publicKey,
    [
      { shortName: 'C', value: 'IT' },
      { shortName: 'O', value: provider.providerName },
      { shortName: 'CN', value: `Posta Certificata ${provider.providerName}` },
    ],
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', emailProtection: true },
      { name: 'subjectAltName', altNames: [{ type: 1, value: `posta-certificata@${provider.domain}` }] },
      certificatePolicies(PEC_POLICY_OID),
    ],
    3,
  );
  return { certPem: forge.pki.certificateToPem(cert), keyPem, cert, key, ...provider };
}

/** Issues a TLS server certificate for loopback (STARTTLS on the sandbox SMTP). */
export async function issueServerCert(ca: TestCa, hostnames: string[] = ['localhost']): Promise<CertifiedKey> {
  const { keyPem, key, publicKey } = await newKeyPair();
  const cert = issue(
    ca,
    publicKey,
    [
      { shortName: 'O', value: 'PecDesk Sandbox' },
      { shortName: 'CN', value: hostnames[0] },
    ],
    [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...hostnames.map((value) => ({ type: 2, value })), { type: 7, ip: '127.0.0.1' }] },
    ],
    1,
  );
  return { certPem: forge.pki.certificateToPem(cert), keyPem, cert, key };
}

function fromPem(certPem: string, keyPem: string): CertifiedKey {
  return { certPem, keyPem, cert: forge.pki.certificateFromPem(certPem), key: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey };
}

// A cached certificate is reused while it is valid for at least another 30 days, and only with its
// own key: launches sharing a cache folder may write it at the same moment, each file whole (see
// writeCached) but a certificate possibly beside another launch's key. Anything else is made anew.
function readCached(dir: string, name: string, issuer?: TestCa): CertifiedKey | null {
  const certFile = path.join(dir, `${name}.pem`);
  const keyFile = path.join(dir, `${name}.key`);
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) return null;
  let loaded: CertifiedKey;
  try {
    loaded = fromPem(fs.readFileSync(certFile, 'utf8'), fs.readFileSync(keyFile, 'utf8'));
  } catch {
    return null;
  }
  if ((loaded.cert.publicKey as forge.pki.rsa.PublicKey).n.compareTo(loaded.key.n) !== 0) return null;
  if (loaded.cert.validity.notAfter.getTime() < Date.now() + 30 * DAY_MS) return null;
  if (issuer && !issuedBy(issuer, loaded.cert)) return null;
  return loaded;
}

function issuedBy(issuer: CertifiedKey, cert: forge.pki.Certificate): boolean {
  try {
    return issuer.cert.verify(cert);
  } catch {
    // forge throws when the issuer name does not match: another CA's certificate
    return false;
  }
}

// Each file is written beside its place and renamed into it, so a reader never sees half of one.
function writeCached(dir: string, name: string, item: CertifiedKey): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [file, text, mode] of [[`${name}.pem`, item.certPem, 0o644], [`${name}.key`, item.keyPem, 0o600]] as const) {
    const temp = path.join(dir, `.${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
    fs.writeFileSync(temp, text, { mode });
    fs.renameSync(temp, path.join(dir, file));
  }
}

/** The CA stored in `dir` (ca.pem + ca.key), created and saved there when missing or expiring. */
export async function loadOrCreateCa(dir: string): Promise<TestCa> {
  const cached = readCached(dir, 'ca');
  if (cached) return cached;
  const ca = await createTestCa();
  writeCached(dir, 'ca', ca);
  return ca;
}

/** The provider certificate for `domain` stored in `dir`, issued by `ca` and saved when missing. */
export async function loadOrIssueProviderCert(dir: string, ca: TestCa, provider: { domain: string; providerName: string }): Promise<ProviderCert> {
  const name = `provider-${provider.domain}`;
  const cached = readCached(dir, name, ca);
  if (cached && cached.cert.subject.getField('O')?.value === provider.providerName) return { ...cached, ...provider };
  const issued = await issueProviderCert(ca, provider);
  writeCached(dir, name, issued);
  return issued;
}
