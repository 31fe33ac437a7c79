import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { knownCertificate } from '../../../src/main/pec/certificates';
import { verifySignature } from '../../../src/main/pec';
import { daticertXml, pecMessage, receiptHeaders, testPki } from './helpers/pec-factory';

const pki = testPki();
const derOf = (pem: string) => Buffer.from(new X509Certificate(pem).raw);

test('the same certificate bytes, in another buffer, find the entry already read; other bytes get their own', () => {
  const provider = derOf(pki.provider.certPem);
  const entry = knownCertificate(provider);
  assert.equal(knownCertificate(Buffer.from(provider)), entry);
  const other = knownCertificate(derOf(pki.otherCa.certPem));
  assert.notEqual(other, entry);
  assert.equal(knownCertificate(new Uint8Array(provider)), entry);
  // One byte changed (its last, inside the signature) is another certificate.
  const changed = Buffer.from(provider);
  changed[changed.length - 1] ^= 1;
  assert.notEqual(knownCertificate(changed), entry);
});

test('an entry reads issuer and serial, the parsed certificate, signer and facts; each answer is a copy', () => {
  const entry = knownCertificate(derOf(pki.provider.certPem));
  const x509 = new X509Certificate(pki.provider.certPem);
  assert.equal(Buffer.from(entry.id?.serial ?? []).toString('hex').replace(/^0+/, ''), x509.serialNumber.toLowerCase().replace(/^0+/, ''));
  const parsed = entry.parsed;
  assert.ok(parsed);
  const signer = parsed.signer();
  assert.deepEqual(signer, { subject: 'C=IT, O=PecDesk Test, CN=Posta Certificata Alfa', email: 'posta-certificata@pec.alfa.test' });
  signer.email = 'changed@example.test';
  assert.equal(parsed.signer().email, 'posta-certificata@pec.alfa.test');
  assert.deepEqual(parsed.facts(), {
    signerSha1: x509.fingerprint.replace(/:/g, '').toLowerCase(),
    signerValidFrom: new Date(x509.validFrom).toISOString(),
    signerValidTo: new Date(x509.validTo).toISOString(),
  });
});

test('bytes that are no certificate give no id and no parsed certificate, without throwing', () => {
  const entry = knownCertificate(Buffer.from('30030201ff', 'hex'));
  assert.equal(entry.id, null);
  assert.equal(entry.parsed, null);
});

test('a known certificate never carries a verdict over: a copy changed after signing reads invalid right after a valid one', () => {
  const raw = pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml: daticertXml({ tipo: 'accettazione' }) }, sign: { signer: pki.provider, digest: 'sha256' } });
  assert.equal(verifySignature(raw).valid, true);
  const tampered = Buffer.from(raw.toString('latin1').replace('Messaggio di servizio PEC.', 'Messaggio di servizio PeC.'), 'latin1');
  assert.notDeepEqual(tampered, raw);
  const verdict = verifySignature(tampered);
  assert.equal(verdict.valid, false);
  assert.match(verdict.detail ?? '', /modified after signing/);
  assert.equal(verifySignature(raw).valid, true);
});
