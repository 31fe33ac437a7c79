import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, sha256Hex } from '../../../src/main/store';
import { tempDir, withStore } from './helpers';

const provider = (name: string, domain: string) => ({
  name,
  certificateSha1: ['ab'.repeat(20)],
  certificatesDer: [Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01])],
  managedDomains: [domain],
  mailReceipt: `posta-certificata@${domain}`,
});

test('every version is kept byte-exact with its facts; the latest is in force', () =>
  withStore((store, dir) => {
    assert.equal(store.currentProviderIndex(), null);
    assert.equal(store.currentProviderIndexId(), null);
    const first = Buffer.from('dn: uno\r\n');
    const second = Buffer.from('dn: due\n');
    const a = store.recordProviderIndex({ raw: first, source: 'indice.ldif', providers: [provider('Alfa', 'pec.alfa.it')], importedAt: '2026-11-01T10:00:00.000Z' });
    const b = store.recordProviderIndex({ raw: second, source: 'https://example.invalid/i.ldif', providers: [provider('Alfa', 'pec.alfa.it'), provider('Beta', 'pec.beta.it')] });
    assert.ok(a.ok && b.ok);
    assert.deepEqual(a.version, { id: a.version.id, sha256: sha256Hex(first), size: first.length, source: 'indice.ldif', importedAt: '2026-11-01T10:00:00.000Z', providers: 1, domains: 1 });
    assert.equal(store.currentProviderIndex()?.id, b.version.id);
    assert.equal(store.currentProviderIndexId(), b.version.id);
    assert.deepEqual(store.providerIndexVersions().map((v) => v.id), [a.version.id, b.version.id]);
    assert.deepEqual(store.providerIndexProviders(a.version.id), [provider('Alfa', 'pec.alfa.it')]);
    const raw = store.readProviderIndexRaw(a.version.id);
    assert.ok(raw?.ok && raw.raw.equals(first));
    assert.ok(fs.readFileSync(path.join(dir, 'provider-index', `${sha256Hex(first)}.ldif`)).equals(first));
  }));

test('a version whose file was altered on disk is reported, not returned', () =>
  withStore((store, dir) => {
    const recorded = store.recordProviderIndex({ raw: Buffer.from('dn: x\n'), source: 'x.ldif', providers: [provider('Alfa', 'pec.alfa.it')] });
    assert.ok(recorded.ok);
    const file = path.join(dir, 'provider-index', `${recorded.version.sha256}.ldif`);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, 'dn: y\n');
    const raw = store.readProviderIndexRaw(recorded.version.id);
    assert.equal(raw?.ok, false);
  }));

test('the update state survives reopening the store; null removes a field', () => {
  const { dir, cleanup } = tempDir();
  try {
    let store = openStore(dir);
    store.updateProviderIndexState({ url: 'https://example.invalid/i.ldif', lastAttemptAt: '2026-12-01T00:00:00.000Z', lastError: 'timeout' });
    store.updateProviderIndexState({ lastError: null });
    store.close();
    store = openStore(dir);
    assert.deepEqual(store.providerIndexState(), { url: 'https://example.invalid/i.ldif', lastAttemptAt: '2026-12-01T00:00:00.000Z', lastError: null, lastCheckedAt: null });
    store.close();
  } finally {
    cleanup();
  }
});

test('recording a version tells change listeners', () =>
  withStore((store) => {
    const seen: string[] = [];
    store.onChange((changes) => seen.push(...changes.map((c) => c.entity)));
    store.recordProviderIndex({ raw: Buffer.from('dn: x\n'), source: 'x.ldif', providers: [provider('Alfa', 'pec.alfa.it')] });
    assert.deepEqual(seen, ['provider_index_versions']);
  }));
