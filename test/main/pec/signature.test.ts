import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { decodeBody, parseMime, verifySignature } from '../../../src/main/pec';
import type { SignatureVerdict } from '../../../src/shared/pec';
import { REAL_DIR, REAL_FIXTURES } from './helpers/real-fixtures';
import { daticertXml, entity, multipart, pecMessage, receiptHeaders, type SignSpec, testPki, toLf } from './helpers/pec-factory';

const tmp = mkdtempSync(path.join(tmpdir(), 'pecdesk-signature-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

type Verdict = 'valid' | 'invalid' | 'absent';

/** openssl's own reading (`smime -verify -noverify`, the check of danzipie/go-pec): an independent oracle. */
function opensslVerdict(raw: Buffer): Verdict {
  const file = path.join(tmp, `m-${Math.random().toString(16).slice(2)}.eml`);
  writeFileSync(file, raw);
  const run = spawnSync('openssl', ['smime', '-verify', '-noverify', '-in', file, '-out', '/dev/null'], { encoding: 'utf8' });
  if (run.status === 0) return 'valid';
  // No multipart/signed at all, or one without its signature part.
  if (/no multipart body failure|invalid mime type/.test(run.stderr)) return 'absent';
  return 'invalid';
}

function ours(v: SignatureVerdict): Verdict {
  return !v.present ? 'absent' : v.valid ? 'valid' : 'invalid';
}

for (const { file, signature } of REAL_FIXTURES) {
  test(`${file}: the signature verdict equals openssl's and SOURCES.md's`, () => {
    const raw = readFileSync(path.join(REAL_DIR, file));
    const verdict = verifySignature(raw);
    assert.equal(ours(verdict), opensslVerdict(raw));
    assert.equal(verdict.present, signature !== null);
    assert.equal(verdict.valid, signature);
  });
}

test('the 2014 Aruba receipt, signed under DigitPA CA1 that expired in 2018, still reads valid with its signer and signing time', () => {
  const v = verifySignature(readFileSync(path.join(REAL_DIR, 'aruba-2014-accettazione.eml')));
  assert.equal(v.valid, true);
  assert.deepEqual(v.signer, { subject: 'CN=Posta Certificata ARUBA PEC, O=ARUBA PEC S.p.A., C=IT', email: 'posta-certificata@pec.aruba.it' });
  assert.equal(v.signingTime, '2014-11-14T17:26:32.000Z');
  assert.equal(v.trusted, null);
});

test('pkijs agrees with our verdict on every real signature it can parse', async () => {
  const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });
  let compared = 0;
  for (const { file } of REAL_FIXTURES.filter((f) => f.signature !== null)) {
    const raw = readFileSync(path.join(REAL_DIR, file));
    const root = parseMime(raw);
    const [signed, p7s] = root.children;
    let der: ArrayBuffer;
    try {
      der = new Uint8Array(decodeBody(raw, p7s)).buffer;
      pkijs.ContentInfo.fromBER(der);
    } catch {
      continue;
    }
    const content = Buffer.from(raw.subarray(signed.start, signed.end).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    const sd = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content });
    const pkijsValid = await sd.verify({ signer: 0, data: new Uint8Array(content).buffer, extendedMode: true }, engine).then(
      (r) => r.signatureVerified === true,
      () => false,
    );
    assert.equal(verifySignature(raw).valid, pkijsValid, file);
    compared++;
  }
  assert.ok(compared >= 11, `only ${compared} signatures compared`);
});

/** The CA certificate shipped in a real smime.p7s (DigitPA CA1, AgID CA1), read by openssl. */
function shippedCaPem(file: string): string {
  const p7 = spawnSync('openssl', ['smime', '-pk7out', '-in', path.join(REAL_DIR, file)], { encoding: 'latin1' });
  const certs = spawnSync('openssl', ['pkcs7', '-print_certs'], { input: p7.stdout, encoding: 'latin1' }).stdout;
  const block = certs.split(/\n(?=subject=)/).find((b) => /^subject=.*CN ?= ?(DigitPA|AgID) CA1/m.test(b));
  assert.ok(block, `no CA1 certificate in ${file}`);
  return block.slice(block.indexOf('-----BEGIN CERTIFICATE-----'));
}

test('a 2014 Aruba receipt chains to DigitPA CA1 as of signing time, though both certificates expired years ago', () => {
  const v = verifySignature(readFileSync(path.join(REAL_DIR, 'aruba-2014-accettazione.eml')), { trustedCertsPem: [shippedCaPem('aruba-2014-accettazione.eml')] });
  assert.equal(v.valid, true);
  assert.equal(v.trusted, true);
});

test('a 2018 Aruba receipt chains to AgID CA1, and is not trusted by a CA that did not issue it', () => {
  const raw = readFileSync(path.join(REAL_DIR, 'aruba-2018-accettazione.eml'));
  assert.equal(verifySignature(raw, { trustedCertsPem: [shippedCaPem('aruba-2018-accettazione.eml')] }).trusted, true);
  assert.equal(verifySignature(raw, { trustedCertsPem: [shippedCaPem('aruba-2014-accettazione.eml')] }).trusted, false);
});

const pki = testPki();
const receipt = (sign: SignSpec | null) => pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml: daticertXml({ tipo: 'accettazione' }) }, sign });

const generated: Array<[string, SignSpec]> = [
  ['sha1 with application/x-pkcs7-signature', { signer: pki.provider, digest: 'sha1', protocol: 'application/x-pkcs7-signature' }],
  ['sha-256 with application/pkcs7-signature', { signer: pki.provider, digest: 'sha256', protocol: 'application/pkcs7-signature' }],
  ['no signed attributes', { signer: pki.provider, digest: 'sha256', attributes: false }],
];
for (const [name, spec] of generated) {
  test(`a receipt signed with ${name} verifies, like openssl says, and names its signer`, () => {
    const raw = receipt(spec);
    const v = verifySignature(raw);
    assert.equal(opensslVerdict(raw), 'valid');
    assert.equal(v.valid, true);
    assert.deepEqual(v.signer, { subject: 'C=IT, O=PecDesk Test, CN=Posta Certificata Alfa', email: 'posta-certificata@pec.alfa.test' });
  });
}

test('an LF-only copy of a CRLF-signed receipt still verifies', () => {
  const raw = toLf(receipt({ signer: pki.provider, digest: 'sha256' }));
  assert.equal(raw.includes('\r\n'), false);
  assert.equal(verifySignature(raw).valid, true);
  assert.equal(opensslVerdict(raw), 'valid');
});

test('a receipt changed after signing reads invalid, like openssl says', () => {
  const raw = receipt({ signer: pki.provider, digest: 'sha1' });
  const tampered = Buffer.from(raw.toString('latin1').replace('Messaggio di servizio PEC.', 'Messaggio di servizio PeC.'), 'latin1');
  assert.notDeepEqual(tampered, raw);
  const v = verifySignature(tampered);
  assert.equal(opensslVerdict(tampered), 'invalid');
  assert.equal(v.present, true);
  assert.equal(v.valid, false);
  assert.match(v.detail ?? '', /modified after signing/);
  assert.equal(v.signer?.email, 'posta-certificata@pec.alfa.test');
});

test('a signature made by a key other than the certificate’s reads invalid', () => {
  const raw = receipt({ signer: { ...pki.provider, key: pki.otherCa.key }, digest: 'sha256' });
  assert.equal(opensslVerdict(raw), 'invalid');
  assert.equal(verifySignature(raw).valid, false);
});

test('an unsigned receipt has no signature, like openssl says', () => {
  const raw = receipt(null);
  const v = verifySignature(raw);
  assert.equal(opensslVerdict(raw), 'absent');
  assert.deepEqual({ present: v.present, valid: v.valid, signer: v.signer, trusted: v.trusted }, { present: false, valid: null, signer: null, trusted: null });
});

test('a signed envelope relayed inside a multipart/mixed (mailing list) still verifies', () => {
  const signed = receipt({ signer: pki.provider, digest: 'sha1' });
  const body = signed.subarray(signed.indexOf('Content-Type: multipart/signed'));
  const relayed = Buffer.concat([
    Buffer.from('From: lista@lists.example\r\nTo: iscritti@lists.example\r\nSubject: [lista] ACCETTAZIONE\r\nMIME-Version: 1.0\r\n', 'latin1'),
    multipart('multipart/mixed', [body, entity(['Content-Type: text/plain'], 'footer della lista\r\n')]),
  ]);
  assert.equal(verifySignature(relayed).valid, true);
});

test('with a trusted CA, a signer it issued is trusted and one of another CA is not', () => {
  const raw = receipt({ signer: pki.provider, digest: 'sha256' });
  assert.equal(verifySignature(raw, { trustedCertsPem: [pki.ca.certPem] }).trusted, true);
  const other = verifySignature(raw, { trustedCertsPem: [pki.otherCa.certPem] });
  assert.equal(other.valid, true);
  assert.equal(other.trusted, false);
  assert.match(other.detail ?? '', /does not chain/);
});

test('a signer chains to the trusted root through the intermediate shipped in smime.p7s', () => {
  const raw = receipt({ signer: pki.subProvider, chain: [pki.intermediate], digest: 'sha256' });
  assert.equal(verifySignature(raw, { trustedCertsPem: [pki.ca.certPem] }).trusted, true);
  const withoutIntermediate = receipt({ signer: pki.subProvider, digest: 'sha256' });
  assert.equal(verifySignature(withoutIntermediate, { trustedCertsPem: [pki.ca.certPem] }).trusted, false);
});

test('a receipt signed in 2015 with a certificate that expired in 2017 is valid and trusted today', () => {
  const raw = receipt({ signer: pki.oldProvider, digest: 'sha1', signingTime: new Date('2015-06-01T10:00:00Z') });
  const v = verifySignature(raw, { trustedCertsPem: [pki.ca.certPem] });
  assert.equal(v.valid, true);
  assert.equal(v.trusted, true);
  assert.equal(v.signingTime, '2015-06-01T10:00:00.000Z');
});

test('a signature dated after its certificate expired is not trusted', () => {
  const raw = receipt({ signer: pki.oldProvider, digest: 'sha1', signingTime: new Date('2019-06-01T10:00:00Z') });
  const v = verifySignature(raw, { trustedCertsPem: [pki.ca.certPem] });
  assert.equal(v.valid, true);
  assert.equal(v.trusted, false);
  assert.match(v.detail ?? '', /not valid at signing time/);
});

test('without a signingTime attribute the certificate is judged at the message Date', () => {
  const raw = receipt({ signer: pki.oldProvider, digest: 'sha256', attributes: false });
  const in2015 = Buffer.from(raw.toString('latin1').replace('Date: Wed, 15 May 2024 10:15:03 +0200', 'Date: Fri, 15 May 2015 10:15:03 +0200'), 'latin1');
  assert.equal(verifySignature(in2015, { trustedCertsPem: [pki.ca.certPem] }).trusted, true);
  assert.equal(verifySignature(raw, { trustedCertsPem: [pki.ca.certPem] }).trusted, false);
});

test('a pinned provider certificate is trusted on its own', () => {
  const raw = receipt({ signer: pki.provider, digest: 'sha256' });
  assert.equal(verifySignature(raw, { trustedCertsPem: [pki.provider.certPem] }).trusted, true);
});

test('with trusted certificates configured, a tampered or unsigned receipt is not trusted', () => {
  const options = { trustedCertsPem: [pki.ca.certPem] };
  const tampered = Buffer.from(receipt({ signer: pki.provider }).toString('latin1').replace('Messaggio', 'Massaggio'), 'latin1');
  assert.equal(verifySignature(tampered, options).trusted, false);
  assert.equal(verifySignature(receipt(null), options).trusted, false);
});
