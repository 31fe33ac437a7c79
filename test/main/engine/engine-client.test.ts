// The host's side of the engine with a real worker on an empty data folder: calls by name, a host
// call from the engine, a requested restart, an engine that keeps dying, and one that cannot open
// its store. (engine-restart.test.ts kills it in the middle of real work.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PecEvent, Result } from '../../../src/shared/api';
import type { AppInfo, ChosenFolder } from '../../../src/shared/api-values';
import { FileKeySecretStore } from '../../../src/main/accounts';
import type { Host } from '../../../src/main/api';
import { startEngine, workerEngine, type EngineTransport } from '../../../src/main/engine';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-engine-client-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('API calls go through by name, the engine reaches the host for a dialog, and a restart is reported and fails the call under way', async (t) => {
  const dir = tempDir(t);
  const chosen = path.join(dir, 'Scelta');
  const dialogs: ((dir: string | null) => void)[] = [];
  const host: Host = { kind: 'electron', version: '1.2.3-test', defaultSaveDir: dir, chooseFolder: () => new Promise((resolve) => dialogs.push(resolve)) };
  const engine = await startEngine({ spawn: workerEngine(), config: { dataDir: path.join(dir, 'data'), secrets: 'key-file', startBackground: false }, host });
  t.after(() => engine.close());
  const events: PecEvent[] = [];
  engine.onEvent((event) => events.push(event));

  const info = (await engine.dispatch('getAppInfo', {})) as Result<AppInfo>;
  assert.deepEqual(info.ok && { version: info.value.version, host: info.value.host }, { version: '1.2.3-test', host: 'electron' });
  const refused = await engine.dispatch('listMessages', { folderId: 'uno' });
  assert.equal(!refused.ok && refused.error.code, 'invalid-request');

  // The dialog answered in the host: the engine hands the page a token for that folder.
  const folder = engine.dispatch('chooseFolder', {});
  await waitFor(() => dialogs.length === 1, 'the dialog');
  dialogs[0](chosen);
  const answered = (await folder) as Result<ChosenFolder | null>;
  assert.ok(answered.ok && answered.value !== null && answered.value.token.length > 0 && answered.value.label.includes('Scelta'), JSON.stringify(answered));

  // A dialog never answered when the engine restarts: the call fails in words instead of hanging.
  const underWay = engine.dispatch('chooseFolder', {});
  await waitFor(() => dialogs.length === 2, 'the second dialog');
  await engine.restart();
  const failed = await underWay;
  assert.equal(!failed.ok && failed.error.code, 'engine-restarted');
  assert.equal(!failed.ok && failed.error.reason, 'engine-restarted');
  assert.match(!failed.ok ? failed.error.message : '', /riavviato/);
  assert.deepEqual(events.filter((e) => e.type === 'engine').map((e) => e.type === 'engine' && e.state), ['restarted']);
  const after = await engine.dispatch('listAccounts', {});
  assert.deepEqual(after, { ok: true, value: [] });
});

test('an engine that dies more than three times in a minute is not restarted again, and calls fail at once', async (t) => {
  const dir = tempDir(t);
  let current: EngineTransport | null = null;
  const spawn = workerEngine();
  const engine = await startEngine({
    spawn: () => (current = spawn()),
    config: { dataDir: path.join(dir, 'data'), secrets: 'key-file', startBackground: false },
    host: { kind: 'web', version: 'test', defaultSaveDir: dir },
  });
  t.after(() => engine.close());
  const states: string[] = [];
  engine.onEvent((event) => event.type === 'engine' && states.push(event.state));
  for (let death = 1; death <= 4; death++) {
    await current!.kill();
    await waitFor(() => states.length === death, `the report of death ${death}`);
  }
  assert.deepEqual(states, ['restarted', 'restarted', 'restarted', 'stopped']);
  const answer = await engine.dispatch('listAccounts', {});
  assert.equal(!answer.ok && answer.error.code, 'engine-restarted');
  assert.equal(!answer.ok && answer.error.reason, 'engine-stopped');
  assert.match(!answer.ok ? answer.error.message : '', /riapri PecDesk/);
});

test('with the host\'s keychain, a password saved through the engine is kept by the host, and the engine reads it back from there', async (t) => {
  const dir = tempDir(t);
  const keychain = new FileKeySecretStore(path.join(dir, 'portachiavi.json'), 'chiave del portachiavi di prova');
  const engine = await startEngine({
    spawn: workerEngine(),
    config: { dataDir: path.join(dir, 'data'), secrets: 'host-keychain', startBackground: false },
    host: { kind: 'electron', version: 'test', defaultSaveDir: dir },
    keychain,
  });
  t.after(() => engine.close());
  const endpoint = { host: '127.0.0.1', port: 993, security: 'tls', username: 'studio@pec.alfa.test' };
  const saved = (await engine.dispatch('saveAccount', {
    name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec', providerId: null, imap: endpoint, smtp: { ...endpoint, port: 465 },
    password: 'parola-segreta', sentFolder: null, receiptsFolder: 'Ricevute PEC', receiptsMode: 'local', signatureHtml: '',
  })) as Result<{ id: string; hasPassword: boolean }>;
  assert.ok(saved.ok, JSON.stringify(saved));
  const kept = await keychain.get(saved.value.id);
  assert.ok(kept.ok && kept.value !== null, 'the host keychain holds the account\'s secret');
  assert.ok(!fs.readdirSync(path.join(dir, 'data')).some((f) => f.startsWith('secrets')), 'no secrets file in the engine\'s data folder');
  const status = (await engine.dispatch('getSecretsStatus', {})) as Result<{ mode: string }>;
  assert.equal(status.ok && status.value.mode, 'keychain');
  const listed = (await engine.dispatch('listAccounts', {})) as Result<{ hasPassword: boolean }[]>;
  assert.deepEqual(listed.ok && listed.value.map((a) => a.hasPassword), [true]);
});

test('an engine whose database is damaged starts, says so as the store\'s health, touches nothing and answers every other call with store-damaged', async (t) => {
  const dir = tempDir(t);
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  fs.writeFileSync(path.join(dataDir, 'pecdesk.sqlite'), 'questo non è un database SQLite, solo testo');
  const engine = await startEngine({ spawn: workerEngine(), config: { dataDir, secrets: 'key-file', startBackground: false }, host: { kind: 'web', version: 'test', defaultSaveDir: dir } });
  t.after(() => engine.close());
  // Any other call waits for the check the engine runs at start, then is refused.
  const listed = await engine.dispatch('listAccounts', {});
  assert.ok(!listed.ok && listed.error.code === 'store-damaged', JSON.stringify(listed));
  const health = await engine.dispatch('getStoreHealth', {});
  assert.ok(health.ok);
  assert.equal((health.value as { state: string }).state, 'damaged', 'the page gets the banner with the restore');
  assert.equal(fs.readFileSync(path.join(dataDir, 'pecdesk.sqlite'), 'utf8'), 'questo non è un database SQLite, solo testo', 'the damaged file is left as it was');
});
