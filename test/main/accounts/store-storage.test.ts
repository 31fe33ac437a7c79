import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccountsService, FileKeySecretStore, settingsFromPreset, storeAccountsStorage } from '../../../src/main/accounts';
import { openStore } from '../../../src/main/store';

const PASSWORD = 'Segreta-Aruba-2026';

function setup(t: { after(fn: () => void): void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-accounts-store-'));
  const store = openStore(path.join(dir, 'store'));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const service = new AccountsService(storeAccountsStorage(store), new FileKeySecretStore(path.join(dir, 'secrets.json'), 'passphrase'));
  return { dir, store, service };
}

function aruba(address = 'studio.rossi@pec.it') {
  const settings = settingsFromPreset('aruba', { name: 'Studio Rossi', address });
  assert.ok(settings.ok);
  return settings.settings;
}

test('an account saved through the real store comes back with every setting, and the database holds no password', async (t) => {
  const { dir, store, service } = setup(t);
  const saved = await service.save({ ...aruba(), sentFolder: null, receiptsMode: 'move', signatureHtml: '<p>Avv. Rossi</p>' }, PASSWORD);
  assert.ok(saved.ok, JSON.stringify(saved));
  const listing = await service.list();
  assert.deepEqual(listing.unreadable, []);
  assert.equal(listing.accounts.length, 1);
  const back = listing.accounts[0];
  assert.equal(back.id, saved.value.id);
  assert.deepEqual(back, saved.value);
  assert.deepEqual(await service.password(back.id), { ok: true, value: PASSWORD });
  store.close();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) assert.ok(!fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(PASSWORD), `${entry.name} holds the password`);
  }
});

test('the store refuses a second account with the same address and the service says so', async (t) => {
  const { service } = setup(t);
  assert.ok((await service.save(aruba(), PASSWORD)).ok);
  const again = await service.save({ ...aruba('Studio.Rossi@pec.it'), name: 'Doppione' }, PASSWORD);
  assert.ok(!again.ok);
  assert.equal(again.code, 'address-taken', 'named apart from other storage refusals, so the form can say it');
  assert.match(again.detail, /already an account/);
  assert.equal((await service.list()).accounts.length, 1);
});

test('the store numbers the accounts and the service names them by that number as a string', async (t) => {
  const { service } = setup(t);
  const first = await service.save(aruba('uno@pec.it'), PASSWORD);
  const second = await service.save(aruba('due@pec.it'), PASSWORD);
  assert.ok(first.ok && second.ok);
  assert.deepEqual([first.value.id, second.value.id], ['1', '2']);
  const bogus = await service.save({ ...first.value, id: 'abc' });
  assert.ok(!bogus.ok);
  assert.equal(bogus.code, 'not-found');
});

test('updating and removing go through to the store', async (t) => {
  const { store, service } = setup(t);
  const created = await service.save(aruba(), PASSWORD);
  assert.ok(created.ok);
  const updated = await service.save({ ...created.value, maxRecipients: 100 });
  assert.ok(updated.ok);
  const fetched = await service.get(created.value.id);
  assert.ok(fetched.ok);
  assert.equal(fetched.value.maxRecipients, 100);
  await service.remove(created.value.id);
  assert.deepEqual(store.listAccounts(), []);
});
