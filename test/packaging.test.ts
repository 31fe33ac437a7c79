// Checks electron-builder's packaging config for real, against a stand-in Electron (the binary cannot
// be downloaded here): the asar must hold the app and nothing dev-only, and the fuses must be flipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
// Not a direct dependency: the copy electron-builder itself flips the fuses with, so the test reads
// them back with the same code.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const root = path.resolve(__dirname, '..');

// The fuse wire as a real Electron binary carries it (electron/build/fuses/fuses.json5): the
// sentinel, wire version 1, the number of fuses, then one ASCII '0' (off) or '1' (on) per fuse in
// FuseV1Options order, here with Electron's defaults for the eight fuses @electron/fuses knows. @electron/fuses finds the sentinel anywhere in the file, so a
// stand-in binary that embeds the same bytes is flipped exactly like the real one.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_FUSES = '10110001';

function standInElectron(): Buffer {
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(ELECTRON_DEFAULT_FUSES)]);
  return Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in\nexit 0\n'), wire, Buffer.from('\n')]);
}

test('the packaged app holds main, the engine, preload and renderer, and no web bridge, CLI or sandbox, with its Electron fuses flipped', async () => {
  for (const built of ['dist/app/main.js', 'dist/app/engine.js', 'dist/preload/preload.js', 'dist/renderer/index.html']) {
    assert.ok(fs.existsSync(path.join(root, built)), `${built} is missing: run npm run build first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-pack-'));
  try {
    const dist = path.join(tmp, 'electron-dist');
    fs.mkdirSync(path.join(dist, 'resources'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'electron'), standInElectron(), { mode: 0o755 });
    const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
    fs.writeFileSync(path.join(dist, 'version'), version);
    fs.writeFileSync(path.join(dist, 'LICENSE'), '');
    fs.writeFileSync(path.join(dist, 'LICENSES.chromium.html'), '');
    const out = path.join(tmp, 'release');
    execFileSync(
      path.join(root, 'node_modules/.bin/electron-builder'),
      ['--dir', '--linux', `-c.electronDist=${dist}`, `-c.electronVersion=${version}`, `-c.directories.output=${out}`],
      { cwd: root, stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
    );
    const asar = path.join(out, 'linux-unpacked/resources/app.asar');
    const listing = execFileSync(path.join(root, 'node_modules/.bin/asar'), ['list', asar], { encoding: 'utf8' }).split('\n');
    for (const wanted of ['/dist/app/main.js', '/dist/app/engine.js', '/dist/app/analyzer-worker.js', '/dist/preload/preload.js', '/dist/renderer/index.html', '/package.json']) {
      assert.ok(listing.includes(wanted), `${wanted} is not in app.asar`);
    }
    assert.ok(!listing.some((f) => f.startsWith('/dist/cli/') || f.includes('/sandbox/') || f.includes('webbridge') || f.startsWith('/src/')), 'dev-only files were packaged');
    // The bundles keep their packages external (scripts/build.mjs): each one they load must be
    // packaged, which only a production dependency is (a devDependency loads in tests and not in the app).
    const loaded = new Set<string>();
    for (const bundle of listing.filter((f) => /^\/dist\/app\/[^/]+\.js$/.test(f))) {
      const source = fs.readFileSync(path.join(root, bundle), 'utf8');
      for (const [, name] of source.matchAll(/\brequire\("((?:@[^/"]+\/)?[^/".][^/"]*)[^"]*"\)/g)) if (!isBuiltin(name) && name !== 'electron') loaded.add(name);
    }
    assert.ok(loaded.has('better-sqlite3') && loaded.has('imapflow'), `the bundles' packages were read: ${[...loaded].join(', ')}`);
    const missing = [...loaded].filter((name) => !listing.includes(`/node_modules/${name}/package.json`));
    assert.deepEqual(missing, [], 'packages the app loads but the package lacks (devDependencies?)');
    // better-sqlite3's N-API prebuild must sit unpacked beside the asar to be loadable.
    const unpacked = path.join(out, 'linux-unpacked/resources/app.asar.unpacked/node_modules/better-sqlite3');
    assert.ok(fs.existsSync(unpacked), 'better-sqlite3 is not unpacked');

    // The fuses electron-builder.yml asks for, read back from the packaged binary.
    const wire = await getCurrentFuseWire(path.join(out, 'linux-unpacked/pecdesk'));
    const expected: [FuseV1Options, 'on' | 'off'][] = [
      [FuseV1Options.RunAsNode, 'off'],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, 'off'],
      [FuseV1Options.EnableNodeCliInspectArguments, 'off'],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, 'on'],
      [FuseV1Options.OnlyLoadAppFromAsar, 'on'],
      [FuseV1Options.EnableCookieEncryption, 'on'],
    ];
    for (const [fuse, state] of expected) {
      const actual = String.fromCharCode(wire[fuse] ?? 0);
      assert.equal(actual === '1' ? 'on' : actual === '0' ? 'off' : actual, state, `fuse ${FuseV1Options[fuse]} in the packaged binary`);
    }
    // The stand-in's defaults for the fuses not configured stay as they were.
    assert.equal(String.fromCharCode(wire[FuseV1Options.GrantFileProtocolExtraPrivileges] ?? 0), '1');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
