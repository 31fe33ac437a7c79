// The four-level verdict: every real provider fixture judged as OpenSSL's own verdict plus the
// index rule says, and the rule itself (which provider must have signed, when, with what).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeMessage } from '../../../src/main/pec';
import { judge, signedFactsOf, type SignedFacts } from '../../../src/main/proof';
import type { TrustLevel } from '../../../src/shared/trust';
import { REAL_FIXTURES } from '../pec/helpers/real-fixtures';
import { REAL_DIR, testIndex, testProvider } from '../trust/helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-verdict-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** OpenSSL's verdict on the signature (`smime -verify -noverify`) and the signer certificate it names. */
function openssl(file: string): { verdict: 'valid' | 'invalid' | 'absent'; signerSha1: string | null } {
  const signer = path.join(tmp, `signer-${path.basename(file)}.pem`);
  const run = spawnSync('openssl', ['smime', '-verify', '-noverify', '-in', file, '-out', '/dev/null', '-signer', signer], { encoding: 'utf8' });
  if (run.status === 0) return { verdict: 'valid', signerSha1: new X509Certificate(fs.readFileSync(signer)).fingerprint.replace(/:/g, '').toLowerCase() };
  if (/no multipart body failure|invalid mime type/.test(run.stderr)) return { verdict: 'absent', signerSha1: null };
  return { verdict: 'invalid', signerSha1: null };
}

for (const { file } of REAL_FIXTURES) {
  test(`${file}: the verdict is OpenSSL's plus the index rule`, async () => {
    const full = path.join(REAL_DIR, file);
    const result = await analyzeMessage(fs.readFileSync(full));
    assert.ok(result.ok);
    const { analysis } = result;
    if (analysis.kind === 'ordinary') return assert.equal(analysis.signature.present, false);
    const index = testIndex();
    const ssl = openssl(full);
    let expected: TrustLevel;
    if (ssl.verdict === 'absent') expected = 'non-firmata';
    else if (ssl.verdict === 'invalid') expected = 'alterata';
    else {
      // The index rule: the signer OpenSSL names is a listed provider, managing the domain spoken for.
      const provider = index.providerByCertificateSha1(ssl.signerSha1!);
      const recipientSide = ['avvenuta-consegna', 'errore-consegna', 'rilevazione-virus'].includes(analysis.receipt?.type ?? '');
      const address = recipientSide ? analysis.certified?.deliveredTo : analysis.certified?.sender;
      const domain = address?.split('@')[1]?.toLowerCase();
      expected = provider && domain && index.providerForDomain(domain)?.name === provider.name ? 'attendibile' : 'integra';
    }
    assert.equal(judge(signedFactsOf(analysis), index).level, expected);
    // Without an index nothing verifying is more than integra.
    assert.equal(judge(signedFactsOf(analysis), null).level, expected === 'attendibile' ? 'integra' : expected);
  });
}

test('the real Aruba receipts and envelopes are attendibile against an index listing Aruba', async () => {
  for (const file of ['aruba-2018-accettazione.eml', 'aruba-2018-avvenuta-consegna-completa.eml', 'aruba-2023-posta-certificata-completa.eml', 'aruba-2014-accettazione.eml']) {
    const result = await analyzeMessage(fs.readFileSync(path.join(REAL_DIR, file)));
    assert.ok(result.ok);
    const verdict = judge(signedFactsOf(result.analysis), testIndex(), '2026-12-06T00:00:00.000Z');
    assert.deepEqual([file, verdict.level, verdict.provider, verdict.indexVersionId], [file, 'attendibile', 'Aruba PEC S.p.A.', 1]);
  }
});

const base: SignedFacts = {
  kind: 'receipt',
  receiptType: 'avvenuta-consegna',
  signature: { present: true, valid: true, signingTime: '2026-06-01T10:00:00Z', signerSha1: null, signerValidFrom: '2025-01-01T00:00:00Z', signerValidTo: '2028-01-01T00:00:00Z' },
  sender: 'mario@pec.alfa.test',
  deliveredTo: 'ufficio@pec.beta.test',
  certifiedAt: '2026-06-01T12:00:00+02:00',
};
const alfa = testProvider('Alfa PEC S.p.A.', ['pec.alfa.test']);
const beta = { ...testProvider('Beta PEC S.r.l.', ['pec.beta.test']), certificateSha1: ['bb'.repeat(20)] };
const index = testIndex([alfa, beta]);
const signedBy = (sha1: string, extra: Partial<SignedFacts> = {}): SignedFacts => ({ ...base, ...extra, signature: { ...base.signature, ...extra.signature, signerSha1: sha1 } });

test('a consegna must be signed by the recipient’s provider, an accettazione and a preavviso by the sender’s', () => {
  assert.equal(judge(signedBy(beta.certificateSha1[0]), index).level, 'attendibile');
  const wrong = judge(signedBy(alfa.certificateSha1[0]), index);
  assert.equal(wrong.level, 'integra');
  assert.match(wrong.reasons[0], /ha firmato Alfa PEC S\.p\.A\., ma il dominio pec\.beta\.test del destinatario è gestito da Beta PEC S\.r\.l\./);
  assert.equal(judge(signedBy(alfa.certificateSha1[0], { receiptType: 'accettazione' }), index).level, 'attendibile');
  assert.equal(judge(signedBy(beta.certificateSha1[0], { receiptType: 'non-accettazione' }), index).level, 'integra');
  assert.equal(judge(signedBy(alfa.certificateSha1[0], { kind: 'envelope', receiptType: null }), index).level, 'attendibile');
  // The preavviso (12 h) comes from the sender's provider; an errore-consegna from either side.
  assert.equal(judge(signedBy(alfa.certificateSha1[0], { receiptType: 'preavviso-errore-consegna' }), index).level, 'attendibile');
  assert.equal(judge(signedBy(beta.certificateSha1[0], { receiptType: 'preavviso-errore-consegna' }), index).level, 'integra');
  assert.equal(judge(signedBy(beta.certificateSha1[0], { receiptType: 'errore-consegna' }), index).level, 'attendibile');
  assert.equal(judge(signedBy(alfa.certificateSha1[0], { receiptType: 'errore-consegna' }), index).level, 'attendibile');
  const stranger = { ...testProvider('Gamma PEC', ['pec.gamma.test']), certificateSha1: ['cd'.repeat(20)] };
  assert.equal(judge(signedBy('cd'.repeat(20), { receiptType: 'errore-consegna' }), testIndex([alfa, beta, stranger])).level, 'integra');
});

test('the certificate is judged valid at signing time, else at the daticert time, never now', () => {
  const expiredSince = { signature: { ...base.signature, signerValidTo: '2026-01-01T00:00:00Z' } } as Partial<SignedFacts>;
  assert.equal(judge(signedBy(beta.certificateSha1[0], expiredSince), index).level, 'integra');
  const oldReceipt = { signature: { ...base.signature, signingTime: '2018-01-01T00:00:00Z', signerValidFrom: '2017-01-01T00:00:00Z', signerValidTo: '2019-01-01T00:00:00Z' } } as Partial<SignedFacts>;
  assert.equal(judge(signedBy(beta.certificateSha1[0], oldReceipt), index).level, 'attendibile', 'an old receipt, valid when signed, stays attendibile');
  const unreadableValidity = { signature: { ...base.signature, signerValidTo: null } } as Partial<SignedFacts>;
  assert.equal(judge(signedBy(beta.certificateSha1[0], unreadableValidity), index).level, 'integra', 'a validity nobody can read proves nothing');
  const noSigningTime = { signature: { ...base.signature, signingTime: null }, certifiedAt: '2024-06-01T12:00:00+02:00' } as Partial<SignedFacts>;
  assert.equal(judge(signedBy(beta.certificateSha1[0], noSigningTime), index).level, 'integra', 'daticert time before the certificate');
});

test('not in the index, no index, a signature that does not verify, none at all', () => {
  const unknown = judge(signedBy('cc'.repeat(20)), index);
  assert.equal(unknown.level, 'integra');
  assert.match(unknown.reasons[0], /non è di nessun gestore PEC dell'indice/);
  const noIndex = judge(signedBy(beta.certificateSha1[0]), null);
  assert.deepEqual([noIndex.level, noIndex.indexVersionId], ['integra', null]);
  assert.equal(judge({ ...base, signature: { ...base.signature, valid: false } }, index).level, 'alterata');
  assert.equal(judge({ ...base, signature: { ...base.signature, valid: null } }, index).level, 'alterata');
  assert.equal(judge({ ...base, signature: { ...base.signature, present: false, valid: null } }, index).level, 'non-firmata');
});
