import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { providerIndexLdif } from '../../../sandbox/provider';
import { loadCurrentIndex } from '../../../src/main/store';
import { MAX_INDEX_BYTES, ProviderIndexService } from '../../../src/main/trust';
import { withStore } from '../store/helpers';
import { ARUBA_2014, ARUBA_2018, realSignerDer, sha1Hex } from './index-helpers';

const der2018 = realSignerDer(ARUBA_2018);
const der2014 = realSignerDer(ARUBA_2014);

/** An index naming Aruba with one of its real certificates, written by the sandbox's LDIF writer. */
function arubaIndex(der: Buffer, domains = ['pec.aruba.it']): string {
  return providerIndexLdif([{ name: 'ArubaPEC S.p.A.', certificatesDer: [der], managedDomains: domains, mailReceipt: 'posta-certificata@pec.aruba.it' }]);
}

function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test('the certificates inside the real Aruba fixtures round-trip: LDIF → store → snapshot → providerByCertificateSha1', () =>
  withStore(async (store, dir) => {
    const service = new ProviderIndexService(store);
    const file = writeFile(dir, 'indice.ldif', arubaIndex(der2018, ['pec.aruba.it', 'arubapec.it']));
    const outcome = await service.importFile(file);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.detail);
    assert.equal(outcome.unchanged, false);
    assert.deepEqual({ ...outcome.info, versionId: 0, importedAt: '' }, { versionId: 0, importedAt: '', source: 'indice.ldif', sha256: outcome.info.sha256, providers: 1, domains: 2 });
    const snapshot = loadCurrentIndex(store);
    assert.ok(snapshot);
    assert.equal(snapshot.versionId, outcome.info.versionId);
    const colonUpper = sha1Hex(der2018).toUpperCase().match(/../g)!.join(':');
    assert.equal(snapshot.providerByCertificateSha1(colonUpper)?.name, 'ArubaPEC S.p.A.');
    assert.equal(snapshot.providerByCertificateSha1(sha1Hex(der2014)), null);
    assert.equal(snapshot.providerForDomain('PEC.ARUBA.IT')?.name, 'ArubaPEC S.p.A.');
    assert.ok(snapshot.providers[0].certificatesDer[0].equals(der2018));
    // Cached until a newer version is recorded.
    assert.equal(loadCurrentIndex(store), snapshot);
    const next = await service.importFile(writeFile(dir, 'nuovo.ldif', arubaIndex(der2014)));
    assert.ok(next.ok);
    const newer = loadCurrentIndex(store);
    assert.notEqual(newer, snapshot);
    assert.equal(newer?.providerByCertificateSha1(sha1Hex(der2014))?.name, 'ArubaPEC S.p.A.');
    assert.equal(newer?.providerByCertificateSha1(sha1Hex(der2018)), null);
    assert.equal(store.providerIndexVersions().length, 2);
  }));

test('a refused file leaves the previous index in force and records nothing', () =>
  withStore(async (store, dir) => {
    const service = new ProviderIndexService(store);
    const good = await service.importFile(writeFile(dir, 'buono.ldif', arubaIndex(der2018)));
    assert.ok(good.ok);
    const truncated = arubaIndex(der2014).slice(0, 900);
    const bad: [string, string | Buffer, string][] = [
      ['vuoto.ldif', '', 'empty'],
      ['troncato.ldif', truncated, 'truncated'],
      ['lettera.eml', 'From: a@b.it\nSubject: x\n\nciao\n', 'not-ldif'],
      ['senza-gestori.ldif', 'version: 1\n\ndn: o=postacert\nobjectClass: organization\n', 'no-providers'],
    ];
    for (const [name, content, code] of bad) {
      const outcome = await service.importFile(writeFile(dir, name, content));
      assert.equal(outcome.ok, false, name);
      if (!outcome.ok) assert.equal(outcome.code, code, `${name}: ${outcome.detail}`);
    }
    const missing = await service.importFile(path.join(dir, 'non-esiste.ldif'));
    assert.ok(!missing.ok && missing.code === 'unreadable' && /ENOENT/.test(missing.detail));
    assert.equal(store.providerIndexVersions().length, 1);
    assert.equal(service.info()?.versionId, good.info.versionId);
    assert.equal(loadCurrentIndex(store)?.providerByCertificateSha1(sha1Hex(der2018))?.name, 'ArubaPEC S.p.A.');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'provider-index')), [`${good.info.sha256}.ldif`]);
  }));

test('a 200 MB file is refused from its size, without being read', () =>
  withStore(async (store, dir) => {
    const service = new ProviderIndexService(store);
    const file = path.join(dir, 'enorme.ldif');
    // Real bytes at the start, the rest a hole: the size is what the check must look at.
    fs.writeFileSync(file, arubaIndex(der2018));
    fs.truncateSync(file, 200 * 1024 * 1024);
    const outcome = await service.importFile(file);
    assert.equal(outcome.ok, false);
    if (!outcome.ok) {
      assert.equal(outcome.code, 'too-large');
      assert.match(outcome.detail, /200 MB, more than the 20 MB/);
    }
    assert.equal(store.currentProviderIndex(), null);
    assert.ok(MAX_INDEX_BYTES < 200 * 1024 * 1024);
  }));

test('importing the bytes already in force makes no new version; a changed index does, and re-checks', () =>
  withStore(async (store, dir) => {
    const service = new ProviderIndexService(store);
    const events: string[] = [];
    service.onEvent((e) => events.push(`${e.kind}:${e.state}`));
    const file = writeFile(dir, 'a.ldif', arubaIndex(der2018));
    const first = await service.importFile(file);
    const again = await service.importData(fs.readFileSync(file), 'copia.ldif');
    assert.ok(first.ok && again.ok);
    assert.equal(again.unchanged, true);
    assert.equal(again.info.versionId, first.info.versionId);
    assert.equal(store.providerIndexVersions().length, 1);
    assert.deepEqual(events, ['recheck:running', 'recheck:done']);
  }));

test('updates: first run and weekly, never hammering a failing address; a failed download changes nothing', () =>
  withStore(async (store) => {
    let now = new Date('2026-12-01T08:00:00.000Z');
    const answers: (() => ReturnType<typeof fail>)[] = [];
    const fail = (detail: string) => Promise.resolve({ ok: false as const, code: 'download-failed' as const, detail });
    const calls: string[] = [];
    const service = new ProviderIndexService(store, {
      now: () => now,
      download: (url) => {
        calls.push(url);
        return answers.shift()?.() ?? Promise.resolve({ ok: true as const, data: Buffer.from(arubaIndex(der2018)), url });
      },
    });
    assert.equal(service.status().stale, true);
    assert.equal(service.updateDue(), true);
    answers.push(() => fail('connessione rifiutata'));
    const failed = await service.updateIfDue();
    assert.ok(failed && !failed.ok);
    assert.equal(store.currentProviderIndex(), null);
    assert.equal(service.status().lastError, 'connessione rifiutata');
    // A failed attempt is not retried at once.
    assert.equal(await service.updateIfDue(), null);
    now = new Date('2026-12-01T15:00:00.000Z');
    const ok = await service.updateIfDue();
    assert.ok(ok?.ok);
    assert.equal(service.status().lastError, null);
    assert.equal(service.status().stale, false);
    // Not due again until a week has passed.
    now = new Date('2026-12-07T15:00:00.000Z');
    assert.equal(service.updateDue(), false);
    now = new Date('2026-12-08T15:00:01.000Z');
    assert.equal(service.updateDue(), true);
    // The same index again: no new version, but the check counts.
    const same = await service.update();
    assert.ok(same.ok && same.unchanged);
    assert.equal(service.status().checkedAt, now.toISOString());
    // After a failed update the index in force stays.
    answers.push(() => fail('timeout'));
    const down = await service.update();
    assert.ok(!down.ok);
    assert.equal(store.providerIndexVersions().length, 1);
    assert.equal(service.info()?.providers, 1);
    now = new Date('2027-01-10T15:00:01.000Z');
    assert.equal(service.status().stale, true);
    assert.deepEqual(new Set(calls), new Set([service.status().defaultUrl]));
  }));

test('the address must be HTTPS (plain HTTP only on loopback); setting it allows a new attempt', () =>
  withStore((store) => {
    const service = new ProviderIndexService(store);
    assert.deepEqual(service.setUrl('http://example.org/i.ldif'), { ok: false, code: 'bad-url', detail: 'the index must come over HTTPS, not http' });
    assert.equal(service.setUrl('ftp://x').ok, false);
    assert.equal(service.setUrl('non un indirizzo').ok, false);
    store.updateProviderIndexState({ lastAttemptAt: new Date().toISOString() });
    assert.equal(service.updateDue(), false);
    assert.ok(service.setUrl('http://127.0.0.1:8080/i.ldif').ok);
    assert.equal(service.url(), 'http://127.0.0.1:8080/i.ldif');
    assert.equal(service.updateDue(), true);
    assert.ok(service.setUrl(null).ok);
    assert.equal(service.url(), service.status().defaultUrl);
  }));

test('start() runs the first-run download by itself, and stop() leaves no timer behind', () =>
  withStore(async (store) => {
    const urls: string[] = [];
    const service = new ProviderIndexService(store, {
      download: (url) => {
        urls.push(url);
        return Promise.resolve({ ok: true as const, data: Buffer.from(arubaIndex(der2018)), url });
      },
    });
    const outcomes: boolean[] = [];
    service.start((o) => outcomes.push(o.ok));
    await service.idle();
    service.stop();
    assert.deepEqual(urls, [service.status().defaultUrl]);
    assert.equal(service.info()?.providers, 1);
    // Started again (the next launch): nothing due, nothing downloaded.
    service.start();
    await service.idle();
    service.stop();
    assert.equal(urls.length, 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(outcomes, [true]);
  }));
