// Providers' indexes for tests: Aruba's real certificates taken from the real fixtures with
// openssl (never with PecDesk's own reader), and the test PKI's provider as "Alfa PEC".
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSnapshot, type IndexedProvider, type ProviderIndexSnapshot } from '../../../src/main/proof';
import { testPki } from '../pec/helpers/pec-factory';

export const REAL_DIR = path.resolve(__dirname, '../../fixtures/pec-real');

/** The certificates inside a message's smime.p7s, as openssl extracts them (PEM); [] when it has none it can read. */
export function opensslCertificates(file: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-p7-'));
  try {
    const p7 = path.join(dir, 'p7.pem');
    const out = spawnSync('openssl', ['smime', '-pk7out', '-in', file, '-out', p7], { encoding: 'utf8' });
    if (out.status !== 0) return [];
    const certs = spawnSync('openssl', ['pkcs7', '-print_certs', '-in', p7], { encoding: 'utf8' });
    return [...certs.stdout.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) => m[0]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function sha1(pem: string): string {
  return new X509Certificate(pem).fingerprint.replace(/:/g, '').toLowerCase();
}

/** Every certificate Aruba signed the real aruba-* fixtures with (its own, not the CAs' that came along). */
export function arubaCertificates(): string[] {
  const files = fs.readdirSync(REAL_DIR).filter((f) => f.startsWith('aruba-') && f.endsWith('.eml'));
  const pems = [...new Set(files.flatMap((f) => opensslCertificates(path.join(REAL_DIR, f))))];
  return pems.filter((pem) => !new X509Certificate(pem).ca);
}

/** Aruba as the index lists it: its certificates and (some of) the domains it manages. */
export function arubaProvider(): IndexedProvider {
  const pems = arubaCertificates();
  return {
    name: 'Aruba PEC S.p.A.',
    certificateSha1: pems.map(sha1),
    certificatesDer: pems.map((p) => new X509Certificate(p).raw),
    managedDomains: ['pec.it', 'pec.aruba.it', 'pec.datamanagementitalia.it'],
    mailReceipt: null,
  };
}

/** The test PKI's provider certificate as a provider managing the given domains. */
export function testProvider(name = 'Alfa PEC S.p.A.', domains: string[] = ['pec.alfa.example', 'pec.alfa.test']): IndexedProvider {
  const der = Buffer.from(testPki().provider.certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return { name, certificateSha1: [sha1(testPki().provider.certPem)], certificatesDer: [der], managedDomains: domains, mailReceipt: null };
}

/** An index of the given providers (Aruba and the test provider by default). */
export function testIndex(providers: IndexedProvider[] = [arubaProvider(), testProvider()], versionId = 1): ProviderIndexSnapshot {
  return buildSnapshot(versionId, '2026-12-01T00:00:00.000Z', providers);
}
