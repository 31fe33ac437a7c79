import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseKeychain, copySecrets, FileKeySecretStore, MasterPasswordSecretStore } from '../../../src/main/accounts';
import { createApi } from '../../../src/main/api';
import { createServices, headlessSecretStore, masterPasswordGate } from '../../../src/main/services';
import { webHost } from '../../../src/main/webbridge/launch';
import type { Result } from '../../../src/shared/api';
import type { AccountView } from '../../../src/shared/api-values';

const MASTER = 'una frase lunga e segreta';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-master-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the keychain is used only where it encrypts for real; basic_text and a missing one ask for a master password', () => {
  const probe = (available: boolean, backend: string) => ({ isEncryptionAvailable: () => available, getSelectedStorageBackend: () => backend as 'basic_text' });
  assert.deepEqual(chooseKeychain(probe(true, 'gnome_libsecret'), 'linux'), { kind: 'keychain', backend: 'gnome_libsecret' });
  assert.deepEqual(chooseKeychain(probe(true, 'kwallet6'), 'linux'), { kind: 'keychain', backend: 'kwallet6' });
  assert.deepEqual(chooseKeychain(probe(true, 'basic_text'), 'linux'), { kind: 'master-password', reason: 'basic-text', backend: 'basic_text' });
  assert.deepEqual(chooseKeychain(probe(true, 'unknown'), 'linux'), { kind: 'master-password', reason: 'basic-text', backend: 'unknown' });
  assert.deepEqual(chooseKeychain(probe(false, 'gnome_libsecret'), 'linux'), { kind: 'master-password', reason: 'unavailable', backend: 'gnome_libsecret' });
  // Windows and macOS have no backend choice: DPAPI and the Keychain.
  assert.deepEqual(chooseKeychain({ isEncryptionAvailable: () => true }, 'win32'), { kind: 'keychain', backend: 'os' });
});

test('the master-password store is locked until the right password, and never writes a password in clear', async (t) => {
  const file = path.join(tempDir(t), 'secrets-master.json');
  const store = new MasterPasswordSecretStore(file);
  assert.equal(store.state(), 'not-set');
  assert.equal((await store.get('1')).ok, false);
  const weak = await store.create('corta');
  assert.equal(weak.ok, false);
  if (!weak.ok) assert.equal(weak.code, 'weak-password');
  assert.equal(store.state(), 'not-set');
  assert.ok((await store.create(MASTER)).ok);
  assert.ok((await store.set('1', 'password-della-casella')).ok);
  assert.ok(!fs.readFileSync(file, 'utf8').includes('password-della-casella'));
  assert.ok(!fs.readFileSync(file, 'utf8').includes(MASTER));

  const again = new MasterPasswordSecretStore(file);
  assert.equal(again.state(), 'locked');
  const locked = await again.get('1');
  assert.equal(locked.ok, false);
  if (!locked.ok) assert.equal(locked.code, 'locked');
  const wrong = await again.unlock('una frase lunga e sbagliata');
  assert.equal(wrong.ok, false);
  if (!wrong.ok) assert.equal(wrong.code, 'decrypt-failed');
  assert.equal(again.state(), 'locked');
  assert.ok((await again.unlock(MASTER)).ok);
  assert.deepEqual(await again.get('1'), { ok: true, value: 'password-della-casella' });
  const twice = await again.create(MASTER);
  assert.equal(twice.ok, false, 'a second master password is never set over the first');
});

test('copySecrets moves what a weak keychain held behind the master password', async (t) => {
  const dir = tempDir(t);
  const weak = new FileKeySecretStore(path.join(dir, 'weak.json'), 'chiave fissa');
  await weak.set('1', 'uno');
  await weak.set('3', 'tre');
  const master = new MasterPasswordSecretStore(path.join(dir, 'master.json'));
  await master.create(MASTER);
  assert.deepEqual(await copySecrets(weak, master, ['1', '2', '3']), { ok: true, value: 2 });
  assert.deepEqual(await master.get('3'), { ok: true, value: 'tre' });
});

test('behind a master password the API creates it, unlocks with it, and shows accounts without their passwords while locked', async (t) => {
  const dir = tempDir(t);
  const open = async () => {
    const services = await createServices({ dataDir: dir, secrets: headlessSecretStore(dir), secretsGate: masterPasswordGate(dir, 'basic-text') });
    const api = createApi(services, webHost('test', dir), () => undefined);
    return { services, api, close: async () => (api.dispose(), await services.close()) };
  };
  const first = await open();
  assert.deepEqual(await first.api.dispatch('getSecretsStatus', {}), { ok: true, value: { mode: 'master-password', state: 'not-set', reason: 'basic-text' } });
  const address = 'studio@pec.alfa.test';
  const endpoint = { host: '127.0.0.1', port: 1143, security: 'none', username: address };
  const account = { name: 'Studio', address, kind: 'pec', providerId: null, imap: endpoint, smtp: { ...endpoint, port: 1025 }, sentFolder: 'auto', receiptsFolder: 'Ricevute PEC', receiptsMode: 'local', signatureHtml: '' };
  const refused = await first.api.dispatch('saveAccount', { ...account, password: 'casella' });
  assert.equal(refused.ok, false, 'no password is saved while the store is locked');
  if (!refused.ok) assert.equal(refused.error.code, 'locked');
  const short = await first.api.dispatch('createMasterPassword', { password: 'corta' });
  assert.equal(short.ok, false);
  if (!short.ok) assert.equal(short.error.code, 'invalid-request');
  const created = await first.api.dispatch('createMasterPassword', { password: MASTER });
  assert.deepEqual(created, { ok: true, value: { mode: 'master-password', state: 'unlocked', reason: 'basic-text' } });
  const saved = await first.api.dispatch('saveAccount', { ...account, password: 'casella' });
  assert.ok(saved.ok, saved.ok ? '' : saved.error.message);
  await first.close();

  const second = await open();
  assert.deepEqual(await second.api.dispatch('getSecretsStatus', {}), { ok: true, value: { mode: 'master-password', state: 'locked', reason: 'basic-text' } });
  const listed = (await second.api.dispatch('listAccounts', {})) as Result<AccountView[]>;
  assert.ok(listed.ok && listed.value.length === 1 && listed.value[0].hasPassword === false, 'locked: the account shows, its password does not');
  const wrong = await second.api.dispatch('unlockSecrets', { password: 'non è questa la frase' });
  assert.equal(wrong.ok, false);
  if (!wrong.ok) assert.equal(wrong.error.code, 'denied');
  assert.equal((await second.api.dispatch('unlockSecrets', { password: MASTER })).ok, true);
  const after = (await second.api.dispatch('listAccounts', {})) as Result<AccountView[]>;
  assert.ok(after.ok && after.value[0].hasPassword === true);
  await second.close();
});
