import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AccountsService,
  FileKeySecretStore,
  SafeStorageSecretStore,
  type AccountSettings,
  type AccountsStorage,
  type StoredAccount,
} from '../../../src/main/accounts';
import { startDovecot } from '../../../sandbox/dovecot';
import { startTestSmtpServer } from '../mail/smtp/smtp-test-server';

// A storage adapter kept in a Map: the real interface AccountsService is written against,
// holding rows the way a database would (copies, numeric ids it assigns itself).
class MapStorage implements AccountsStorage {
  readonly rows = new Map<string, unknown>();
  private next = 1;
  list(): StoredAccount[] {
    return [...this.rows].map(([id, settings]) => ({ id, settings: structuredClone(settings) }));
  }
  get(id: string): StoredAccount | null {
    return this.rows.has(id) ? { id, settings: structuredClone(this.rows.get(id)) } : null;
  }
  upsert(settings: AccountSettings) {
    if (settings.id !== undefined && !this.rows.has(settings.id)) return { ok: false as const, code: 'not-found', detail: `no account ${settings.id}` };
    const id = settings.id ?? String(this.next++);
    this.rows.set(id, structuredClone({ ...settings, id }));
    return { ok: true as const, id };
  }
  remove(id: string): void {
    this.rows.delete(id);
  }
}

const PASSWORD = 'segreta-123';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-accounts-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function input(address = 'studio.rossi@pec.alfa.test', imapPort = 993, smtpPort = 465) {
  return {
    name: 'Studio Rossi',
    address,
    kind: 'pec',
    imap: { host: '127.0.0.1', port: imapPort, security: 'none', username: address },
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'none', username: address },
  };
}

test('saving an account stores its settings and its password apart, and never the password in the settings', async (t) => {
  const dir = tempDir(t);
  const storage = new MapStorage();
  const service = new AccountsService(storage, new FileKeySecretStore(path.join(dir, 'secrets.json'), 'passphrase'));
  const saved = await service.save({ ...input(), password: PASSWORD }, PASSWORD);
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(saved.value.id, '1');
  assert.doesNotMatch(JSON.stringify([...storage.rows.values()]), new RegExp(PASSWORD));
  assert.deepEqual(await service.password('1'), { ok: true, value: PASSWORD });
  const listing = await service.list();
  assert.deepEqual(listing.accounts.map((a) => [a.id, a.address]), [['1', 'studio.rossi@pec.alfa.test']]);
  assert.deepEqual(listing.unreadable, []);
});

test('invalid settings are refused with their issues and nothing is stored', async (t) => {
  const storage = new MapStorage();
  const service = new AccountsService(storage, new FileKeySecretStore(path.join(tempDir(t), 'secrets.json'), 'passphrase'));
  const saved = await service.save({ ...input(), address: 'non valido' }, PASSWORD);
  assert.ok(!saved.ok);
  assert.equal(saved.code, 'invalid-settings');
  assert.deepEqual(saved.issues?.map((i) => i.path), ['address']);
  assert.equal(storage.rows.size, 0);
});

test('a new account whose password cannot be kept safely is not created at all', async (t) => {
  const storage = new MapStorage();
  const noKeychain = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' };
  const service = new AccountsService(storage, new SafeStorageSecretStore(path.join(tempDir(t), 'secrets.json'), noKeychain));
  const saved = await service.save(input(), PASSWORD);
  assert.ok(!saved.ok);
  assert.equal(saved.code, 'encryption-unavailable');
  assert.equal(storage.rows.size, 0);
});

test('editing an account keeps its id and password unless a new one is given', async (t) => {
  const service = new AccountsService(new MapStorage(), new FileKeySecretStore(path.join(tempDir(t), 'secrets.json'), 'passphrase'));
  const created = await service.save(input(), PASSWORD);
  assert.ok(created.ok);
  const renamed = await service.save({ ...created.value, name: 'Studio Rossi & Bianchi' });
  assert.ok(renamed.ok);
  assert.equal(renamed.value.id, created.value.id);
  assert.deepEqual(await service.password(created.value.id), { ok: true, value: PASSWORD });
  await service.save(created.value, 'nuova-password');
  assert.deepEqual(await service.password(created.value.id), { ok: true, value: 'nuova-password' });
  const missing = await service.save({ ...created.value, id: '42' });
  assert.ok(!missing.ok);
  assert.equal(missing.code, 'not-found');
});

test('removing an account removes its password too', async (t) => {
  const storage = new MapStorage();
  const service = new AccountsService(storage, new FileKeySecretStore(path.join(tempDir(t), 'secrets.json'), 'passphrase'));
  const created = await service.save(input(), PASSWORD);
  assert.ok(created.ok);
  assert.deepEqual(await service.remove(created.value.id), { ok: true, value: undefined });
  assert.equal(storage.rows.size, 0);
  const password = await service.password(created.value.id);
  assert.ok(!password.ok);
  assert.equal(password.code, 'no-password');
});

test('a stored row that no longer validates is listed as unreadable, not hidden', async (t) => {
  const storage = new MapStorage();
  const service = new AccountsService(storage, new FileKeySecretStore(path.join(tempDir(t), 'secrets.json'), 'passphrase'));
  await service.save(input(), PASSWORD);
  storage.rows.set('2', { name: 'rotto', kind: 'pec' });
  const listing = await service.list();
  assert.equal(listing.accounts.length, 1);
  assert.deepEqual(listing.unreadable.map((u) => u.id), ['2']);
  assert.match(listing.unreadable[0].detail, /account 2: address/);
});

test('testing a saved account uses its saved password against the real servers', async (t) => {
  const address = 'alice@pec.alfa.test';
  const dovecotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-test-'));
  const dovecot = await startDovecot({ dir: dovecotDir, users: [{ address, password: PASSWORD }] });
  t.after(async () => {
    await dovecot.stop();
    fs.rmSync(dovecotDir, { recursive: true, force: true });
  });
  const smtp = await startTestSmtpServer({ users: { [address]: PASSWORD } });
  t.after(() => smtp.close());
  const service = new AccountsService(new MapStorage(), new FileKeySecretStore(path.join(tempDir(t), 'secrets.json'), 'passphrase'));
  const created = await service.save(input(address, dovecot.imapPort, smtp.port), PASSWORD);
  assert.ok(created.ok);
  const report = await service.test(created.value.id);
  assert.ok(report.ok);
  assert.equal(report.value.ok, true, JSON.stringify(report.value));
  const unknown = await service.test('99');
  assert.ok(!unknown.ok);
  assert.equal(unknown.code, 'not-found');
});
