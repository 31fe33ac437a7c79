import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { providerIndexLdif } from '../../../sandbox/provider';
import { runCli, tempDir } from '../store/helpers';
import { ARUBA_2014, ARUBA_2018, realSignerDer, sha1Hex } from '../trust/helpers';

const der2018 = realSignerDer(ARUBA_2018);
const index = (der: Buffer) =>
  providerIndexLdif([
    { name: 'ArubaPEC S.p.A.', certificatesDer: [der], managedDomains: ['pec.aruba.it', 'arubapec.it'], mailReceipt: 'posta-certificata@pec.aruba.it' },
    { name: 'Altro Gestore', certificatesDer: [realSignerDer(ARUBA_2014)], managedDomains: ['pec.altro.it'], mailReceipt: 'ricevute@pec.altro.it', withHash: false },
  ]);

test('providers import, then show (table and --json): the index in force with its providers', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = path.join(dir, 'store');
    const file = path.join(dir, 'indice.ldif');
    fs.writeFileSync(file, index(der2018));
    const imported = await runCli(['providers', 'import', file, '--store', store]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^providers' index version 1 imported from indice\.ldif: 2 providers, 3 domains, sha256 [0-9a-f]{64}$/m);
    const again = await runCli(['providers', 'import', file, '--store', store]);
    assert.match(again.stdout, /^unchanged: /);

    const table = await runCli(['providers', 'show', '--store', store]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^providers: {2}2$/m);
    assert.match(table.stdout, /^domains: {4}3$/m);
    assert.match(table.stdout, /^source: {5}indice\.ldif$/m);
    assert.match(table.stdout, /^ArubaPEC S\.p\.A\. {2}pec\.aruba\.it, arubapec\.it$/m);

    const json = await runCli(['providers', 'show', '--json', '--store', store]);
    assert.equal(json.code, 0, json.stderr);
    const shown = JSON.parse(json.stdout) as { info: Record<string, unknown>; providers: { name: string; certificateSha1: string[] }[] };
    assert.deepEqual(Object.keys(shown.info).sort(), ['domains', 'importedAt', 'providers', 'sha256', 'source', 'versionId']);
    assert.equal(shown.info.providers, 2);
    assert.deepEqual(shown.providers[0].certificateSha1, [sha1Hex(der2018)]);
    assert.equal(shown.providers[1].name, 'Altro Gestore');
  } finally {
    cleanup();
  }
});

test('providers update downloads from --url over loopback HTTP and remembers the address', async () => {
  const { dir, cleanup } = tempDir();
  const body = index(der2018);
  const server = http.createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const store = path.join(dir, 'store');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/indice.ldif`;
    const updated = await runCli(['providers', 'update', '--url', url, '--store', store]);
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, new RegExp(`imported from ${url.replace(/[.]/g, '\\.')}: 2 providers`));
    const shown = await runCli(['providers', 'show', '--store', store]);
    assert.match(shown.stdout, new RegExp(`^address: {4}${url.replace(/[.]/g, '\\.')}$`, 'm'));
    // Stored byte-exact.
    const sha = /sha256 ([0-9a-f]{64})/.exec(updated.stdout)![1];
    assert.equal(fs.readFileSync(path.join(store, 'provider-index', `${sha}.ldif`), 'utf8'), body);
  } finally {
    server.close();
    cleanup();
  }
});

test('mistakes print one line and exit 2; a refused file keeps the index in force', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = path.join(dir, 'store');
    const good = path.join(dir, 'indice.ldif');
    fs.writeFileSync(good, index(der2018));
    assert.equal((await runCli(['providers', 'import', good, '--store', store])).code, 0);
    const cut = path.join(dir, 'troncato.ldif');
    fs.writeFileSync(cut, index(der2018).slice(0, 1200));
    const cases: [string[], RegExp][] = [
      [['providers', 'import', cut, '--store', store], /^pecdesk: the providers' index was not imported \(nothing changed\): line \d+: .*truncated\)\n$/],
      [['providers', 'import', path.join(dir, 'manca.ldif'), '--store', store], /^pecdesk: .*cannot read .*manca\.ldif: ENOENT\n$/],
      [['providers', 'import', '--store', store], /^pecdesk: expected one FILE\.ldif\n/],
      [['providers', 'update', '--url', 'http://example.org/i.ldif', '--store', store], /^pecdesk: --url: the index must come over HTTPS, not http\n$/],
      [['providers', 'frulla'], /^pecdesk: unknown providers command "frulla"/],
      [['providers', 'show', '--bogus', '--store', store], /^pecdesk: unknown option --bogus\n$/],
    ];
    for (const [args, stderr] of cases) {
      const result = await runCli(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, stderr);
    }
    const shown = await runCli(['providers', 'show', '--json', '--store', store]);
    assert.equal((JSON.parse(shown.stdout) as { info: { source: string } }).info.source, 'indice.ldif');
  } finally {
    cleanup();
  }
});

test('show without an index says how to get one and exits 1', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const none = await runCli(['providers', 'show', '--store', path.join(dir, 'nessuno')]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no PecDesk store in/);
    const store = path.join(dir, 'store');
    fs.mkdirSync(store);
    const empty = path.join(dir, 'vuoto.ldif');
    fs.writeFileSync(empty, '');
    assert.equal((await runCli(['providers', 'import', empty, '--store', store])).code, 2);
    const shown = await runCli(['providers', 'show', '--store', store]);
    assert.equal(shown.code, 1);
    assert.match(shown.stdout, /no providers' index imported yet: run `pecdesk providers update`/);
  } finally {
    cleanup();
  }
});
