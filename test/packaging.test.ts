// Checks electron-builder's packaging config for real, against a stand-in Electron (the binary cannot
// be downloaded here): the asar must hold the app and nothing dev-only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

test('the packaged app holds main, preload and renderer, and no web bridge, CLI or sandbox', () => {
  for (const built of ['dist/app/main.js', 'dist/preload/preload.js', 'dist/renderer/index.html']) {
    assert.ok(fs.existsSync(path.join(root, built)), `${built} is missing: run npm run build first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-pack-'));
  try {
    const dist = path.join(tmp, 'electron-dist');
    fs.mkdirSync(path.join(dist, 'resources'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho stand-in\n', { mode: 0o755 });
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
    for (const wanted of ['/dist/app/main.js', '/dist/preload/preload.js', '/dist/renderer/index.html', '/package.json']) {
      assert.ok(listing.includes(wanted), `${wanted} is not in app.asar`);
    }
    assert.ok(!listing.some((f) => f.startsWith('/dist/cli/') || f.includes('/sandbox/') || f.includes('webbridge') || f.startsWith('/src/')), 'dev-only files were packaged');
    // better-sqlite3's N-API prebuild must sit unpacked beside the asar to be loadable.
    const unpacked = path.join(out, 'linux-unpacked/resources/app.asar.unpacked/node_modules/better-sqlite3');
    assert.ok(fs.existsSync(unpacked), 'better-sqlite3 is not unpacked');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
