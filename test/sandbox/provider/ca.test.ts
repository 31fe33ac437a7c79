import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { userPkiCacheDir } from '../../../sandbox/pki';
import { createTestCa, issueProviderCert, loadOrCreateCa, loadOrIssueProviderCert } from '../../../sandbox/provider';

test('a sandbox provider certificate has the shape of a real PEC one and chains to the sandbox CA', async () => {
  const ca = await createTestCa();
  const provider = await issueProviderCert(ca, { domain: 'pec.alfa.test', providerName: 'Alfa PEC S.p.A.' });
  const cert = new crypto.X509Certificate(provider.certPem);
  assert.match(cert.subject, /CN=Posta Certificata Alfa PEC S\.p\.A\./);
  assert.match(cert.subject, /O=Alfa PEC S\.p\.A\./);
  assert.equal(cert.subjectAltName, 'email:posta-certificata@pec.alfa.test');
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.4']);
  assert.ok(cert.checkIssued(new crypto.X509Certificate(ca.certPem)));
  assert.ok(cert.verify(new crypto.X509Certificate(ca.certPem).publicKey));
  const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: provider.certPem }).toString();
  assert.match(text, /Key Usage: critical\s+Digital Signature\n/);
  assert.match(text, /Policy: 1\.3\.76\.16\.3\.1\.1/);
});

test('the CA and provider certificates cached in a folder are reused, so a CA the user trusted stays valid', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-ca-'));
  try {
    const ca = await loadOrCreateCa(dir);
    const provider = await loadOrIssueProviderCert(dir, ca, { domain: 'pec.beta.test', providerName: 'Beta PEC S.r.l.' });
    const again = await loadOrCreateCa(dir);
    assert.equal(again.certPem, ca.certPem);
    assert.equal((await loadOrIssueProviderCert(dir, again, { domain: 'pec.beta.test', providerName: 'Beta PEC S.r.l.' })).certPem, provider.certPem);
    // A certificate issued by another CA is not reused.
    const other = await createTestCa();
    const reissued = await loadOrIssueProviderCert(dir, other, { domain: 'pec.beta.test', providerName: 'Beta PEC S.r.l.' });
    assert.notEqual(reissued.certPem, provider.certPem);
    assert.ok(new crypto.X509Certificate(reissued.certPem).checkIssued(new crypto.X509Certificate(other.certPem)));
    assert.equal(fs.statSync(path.join(dir, 'ca.key')).mode & 0o077, 0, 'the CA key is readable by its owner only');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a cached certificate beside another launch\'s key, or a damaged file, is not used: a new pair is made and cached whole', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-ca-'));
  try {
    const first = await loadOrCreateCa(dir);
    // Two launches writing the cache at once: the certificate of one beside the key of the other.
    fs.writeFileSync(path.join(dir, 'ca.key'), (await createTestCa()).keyPem);
    const mixed = await loadOrCreateCa(dir);
    assert.notEqual(mixed.certPem, first.certPem);
    assert.ok(new crypto.X509Certificate(mixed.certPem).checkPrivateKey(crypto.createPrivateKey(mixed.keyPem)), 'the CA in use signs with its own key');
    assert.equal(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'), mixed.certPem, 'the new pair replaced the mixed one');
    assert.equal(fs.readFileSync(path.join(dir, 'ca.key'), 'utf8'), mixed.keyPem);
    fs.writeFileSync(path.join(dir, 'ca.pem'), mixed.certPem.slice(0, 200));
    const repaired = await loadOrCreateCa(dir);
    assert.ok(new crypto.X509Certificate(repaired.certPem).checkPrivateKey(crypto.createPrivateKey(repaired.keyPem)));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['ca.key', 'ca.pem'], 'no temporary file is left behind');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a sandbox without a folder of its own keeps its certificates in the user\'s cache folder', () => {
  assert.equal(userPkiCacheDir({ XDG_CACHE_HOME: '/srv/cache' }), path.join('/srv/cache', 'pecdesk', 'sandbox-pki'));
  assert.equal(userPkiCacheDir({}), path.join(os.homedir(), '.cache', 'pecdesk', 'sandbox-pki'));
});
