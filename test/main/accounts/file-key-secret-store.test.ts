import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FileKeySecretStore, SECRET_KEY_ENV, headlessPassphrase } from '../../../src/main/accounts';
import { filesRevealing, mode, tempDir } from './secret-files';

const PASSWORD = 'Pàssw0rd-PEC-Studio-Rossi!';

test('a FileKey store gives the password back and leaves it in clear in no file of the data folder', async (t) => {
  const dir = tempDir(t);
  const passphrase = headlessPassphrase(dir, {});
  const file = path.join(dir, 'secrets.json');
  const store = new FileKeySecretStore(file, passphrase);
  assert.deepEqual(await store.set('1', PASSWORD), { ok: true, value: undefined });
  assert.deepEqual(await store.get('1'), { ok: true, value: PASSWORD });
  // A new instance (a restart) derives the same key from the passphrase and the stored salt.
  assert.deepEqual(await new FileKeySecretStore(file, passphrase).get('1'), { ok: true, value: PASSWORD });
  assert.deepEqual(filesRevealing(dir, PASSWORD), []);
  assert.equal(mode(file), 0o600);
  assert.equal(mode(path.join(dir, 'secret.key')), 0o600);
});

test('the wrong passphrase cannot read the passwords', async (t) => {
  const file = path.join(tempDir(t), 'secrets.json');
  await new FileKeySecretStore(file, 'passphrase giusta').set('1', PASSWORD);
  const result = await new FileKeySecretStore(file, 'passphrase sbagliata').get('1');
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.code, 'decrypt-failed');
});

test('a password blob copied onto another account does not open', async (t) => {
  const file = path.join(tempDir(t), 'secrets.json');
  const store = new FileKeySecretStore(file, 'passphrase');
  await store.set('1', PASSWORD);
  const content = JSON.parse(fs.readFileSync(file, 'utf8'));
  content.entries['2'] = content.entries['1'];
  fs.writeFileSync(file, JSON.stringify(content));
  const swapped = await new FileKeySecretStore(file, 'passphrase').get('2');
  assert.equal(!swapped.ok && swapped.code, 'decrypt-failed');
});

test('deleting a password removes it, and an unknown account has none', async (t) => {
  const file = path.join(tempDir(t), 'secrets.json');
  const store = new FileKeySecretStore(file, 'passphrase');
  await store.set('1', PASSWORD);
  await store.set('2', 'altra');
  assert.deepEqual(await store.delete('1'), { ok: true, value: undefined });
  assert.deepEqual(await store.get('1'), { ok: true, value: null });
  assert.deepEqual(await store.get('2'), { ok: true, value: 'altra' });
  assert.deepEqual(await store.get('99'), { ok: true, value: null });
});

test('PECDESK_SECRET_KEY is used when set, and no key file is written then', (t) => {
  const dir = tempDir(t);
  assert.equal(headlessPassphrase(dir, { [SECRET_KEY_ENV]: 'dall-ambiente' }), 'dall-ambiente');
  assert.equal(fs.existsSync(path.join(dir, 'secret.key')), false);
  const first = headlessPassphrase(dir, {});
  assert.equal(headlessPassphrase(dir, {}), first, 'the key file is created once and reused');
  assert.match(first, /^[0-9a-f]{64}$/);
});

test('a damaged secrets file is reported, not overwritten', async (t) => {
  const file = path.join(tempDir(t), 'secrets.json');
  fs.writeFileSync(file, '{ non è json');
  const store = new FileKeySecretStore(file, 'passphrase');
  const result = await store.set('1', PASSWORD);
  assert.equal(!result.ok && result.code, 'corrupt');
  assert.equal(fs.readFileSync(file, 'utf8'), '{ non è json');
});
