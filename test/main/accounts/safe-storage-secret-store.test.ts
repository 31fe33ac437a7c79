import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FileKeySecretStore, SafeStorageSecretStore, type SafeStorageLike } from '../../../src/main/accounts';
import { filesRevealing, mode, tempDir } from './secret-files';

const PASSWORD = 'Pàssw0rd-PEC-Studio-Rossi!';

// Electron's safeStorage cannot run under plain Node (no Electron binary here), so these tests
// pass a stand-in of the same shape that encrypts with AES-GCM under a key held in memory,
// as the OS keychain would hold it.
function keychainStandIn(available = true): SafeStorageLike {
  const key = crypto.randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain: string): Buffer {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(blob: Buffer): string {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      decipher.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

test('the safeStorage store keeps only the keychain-encrypted blob, in a 0600 file', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'secrets.json');
  const store = new SafeStorageSecretStore(file, keychainStandIn());
  assert.deepEqual(await store.set('7', PASSWORD), { ok: true, value: undefined });
  assert.deepEqual(await store.get('7'), { ok: true, value: PASSWORD });
  assert.deepEqual(filesRevealing(dir, PASSWORD), []);
  assert.equal(mode(file), 0o600);
  assert.deepEqual(await store.delete('7'), { ok: true, value: undefined });
  assert.deepEqual(await store.get('7'), { ok: true, value: null });
});

test('without OS encryption the safeStorage store refuses the password and writes nothing', async (t) => {
  const dir = tempDir(t);
  const store = new SafeStorageSecretStore(path.join(dir, 'secrets.json'), keychainStandIn(false));
  const result = await store.set('7', PASSWORD);
  assert.equal(!result.ok && result.code, 'encryption-unavailable');
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('a safeStorage blob from another machine (another key) is a decrypt failure', async (t) => {
  const file = path.join(tempDir(t), 'secrets.json');
  await new SafeStorageSecretStore(file, keychainStandIn()).set('7', PASSWORD);
  const result = await new SafeStorageSecretStore(file, keychainStandIn()).get('7');
  assert.equal(!result.ok && result.code, 'decrypt-failed');
});

test('a file written by one kind of store is not read by the other', async (t) => {
  const file = path.join(tempDir(t), 'secrets.json');
  await new FileKeySecretStore(file, 'passphrase').set('1', PASSWORD);
  const result = await new SafeStorageSecretStore(file, keychainStandIn()).get('1');
  assert.equal(!result.ok && result.code, 'corrupt');
});
