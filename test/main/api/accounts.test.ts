import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiBackend } from '../../../src/main/api';
import type { Services } from '../../../src/main/services';
import type { ApiError } from '../../../src/shared/api';
import type { ArchivedAccountView, AccountView, FolderView } from '../../../src/shared/api-values';
import { FIXTURES, startApi } from './helpers';
import { countRows } from '../../helpers/store-db';

type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

async function saveAccount(api: ApiBackend, address: string): Promise<string> {
  // A closed loopback port: these tests never start the sync, the account only has to be valid.
  const endpoint = { host: '127.0.0.1', port: 1, security: 'none', username: address };
  const saved = (await api.dispatch('saveAccount', {
    name: address, address, kind: 'pec', providerId: null, imap: endpoint, smtp: endpoint, password: 'segreta',
    sentFolder: 'auto', receiptsFolder: 'Ricevute PEC', receiptsMode: 'local', signatureHtml: '',
  })) as Result<AccountView>;
  assert.ok(saved.ok, JSON.stringify(saved));
  return saved.value.id;
}

/** Two accounts that both received one PEC, and one PEC only the first received. */
async function mailOfTwo(api: ApiBackend, services: Services) {
  const first = await saveAccount(api, 'primo@pec.alfa.test');
  const second = await saveAccount(api, 'secondo@pec.alfa.test');
  const { store } = services;
  const inboxOf = (id: string) => store.upsertFolder(Number(id), { path: 'INBOX', role: 'inbox' });
  const [firstInbox, secondInbox] = [inboxOf(first), inboxOf(second)];
  const file = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
  const put = async (name: string, folderId: number) => {
    const r = await store.importMessage(file(name), { location: { folderId, uid: 1 + store.folderUids(folderId).length, flags: [] } });
    assert.ok(r.ok);
    return r.messageRowId;
  };
  const shared = await put('aruba-2023-posta-certificata-completa.eml', firstInbox);
  await put('aruba-2023-posta-certificata-completa.eml', secondInbox);
  const own = await put('aruba-2014-posta-certificata-completa.eml', firstInbox);
  return { first, second, shared, own };
}

test('removeAccount without a choice is refused: what happens to the mail must be said', async (t) => {
  const { api, services } = await startApi(t);
  const { first } = await mailOfTwo(api, services);
  const refused = (await api.dispatch('removeAccount', { accountId: first })) as Result<null>;
  assert.equal(refused.ok ? null : refused.error.code, 'invalid-request');
  const listed = (await api.dispatch('listAccounts', {})) as Result<AccountView[]>;
  assert.ok(listed.ok);
  assert.equal(listed.value.length, 2);
});

test('an account removed with mode archive is listed as an archive with its folders, its messages readable and its password gone', async (t) => {
  const { api, services } = await startApi(t);
  const { first, own } = await mailOfTwo(api, services);
  assert.deepEqual(await api.dispatch('removeAccount', { accountId: first, mode: 'archive' }), { ok: true, value: null });

  const listed = (await api.dispatch('listAccounts', {})) as Result<AccountView[]>;
  assert.ok(listed.ok);
  assert.deepEqual(listed.value.map((a) => a.address), ['secondo@pec.alfa.test']);
  const archives = (await api.dispatch('listArchivedAccounts', {})) as Result<ArchivedAccountView[]>;
  assert.ok(archives.ok);
  assert.deepEqual(archives.value.map((a) => [a.id, a.address]), [[first, 'primo@pec.alfa.test']]);
  const folders = (await api.dispatch('listFolders', { accountId: first })) as Result<FolderView[]>;
  assert.ok(folders.ok);
  assert.deepEqual(folders.value.map((f) => [f.path, f.total]), [['INBOX', 2]]);
  const message = await api.dispatch('getMessage', { ref: { messageId: own } });
  assert.ok(message.ok, 'its messages stay readable');
  const password = await services.accounts.password(first);
  assert.equal(password.ok ? 'kept' : password.code, 'no-password');
});

test('an address already taken, by an account or by a removed one kept as an archive, is refused naming which', async (t) => {
  const { api, services } = await startApi(t);
  const { first } = await mailOfTwo(api, services);
  assert.deepEqual(await api.dispatch('removeAccount', { accountId: first, mode: 'archive' }), { ok: true, value: null });
  const endpoint = { host: '127.0.0.1', port: 1, security: 'none', username: 'x' };
  const account = (address: string) => ({
    name: 'Doppione', address, kind: 'pec', providerId: null, imap: endpoint, smtp: endpoint, password: 'segreta',
    sentFolder: 'auto', receiptsFolder: 'Ricevute PEC', receiptsMode: 'local', signatureHtml: '',
  });
  const archived = (await api.dispatch('saveAccount', account('Primo@pec.alfa.test'))) as Result<AccountView>;
  assert.ok(!archived.ok);
  assert.equal(archived.error.reason, 'account-address-archived');
  assert.deepEqual(archived.error.params, { address: 'primo@pec.alfa.test' });
  const taken = (await api.dispatch('saveAccount', account('secondo@pec.alfa.test'))) as Result<AccountView>;
  assert.ok(!taken.ok);
  assert.equal(taken.error.reason, 'account-address-taken');
});

test('an account removed with mode delete leaves no orphan rows and keeps the PEC the other account also holds', async (t) => {
  const { api, services } = await startApi(t);
  const { first, second, shared, own } = await mailOfTwo(api, services);
  assert.deepEqual(await api.dispatch('removeAccount', { accountId: first, mode: 'delete' }), { ok: true, value: null });

  const archives = (await api.dispatch('listArchivedAccounts', {})) as Result<ArchivedAccountView[]>;
  assert.deepEqual(archives, { ok: true, value: [] });
  const count = (sql: string) => countRows(services.store, sql);
  assert.equal(count('SELECT count(*) AS n FROM folders WHERE account_id NOT IN (SELECT id FROM accounts)'), 0);
  assert.equal(count('SELECT count(*) AS n FROM messages WHERE id NOT IN (SELECT message_row_id FROM message_locations)'), 0);
  const gone = (await api.dispatch('getMessage', { ref: { messageId: own } })) as Result<unknown>;
  assert.equal(gone.ok ? 'found' : gone.error.code, 'not-found');
  const kept = await api.dispatch('getMessage', { ref: { messageId: shared } });
  assert.ok(kept.ok);
  const folders = (await api.dispatch('listFolders', {})) as Result<FolderView[]>;
  assert.ok(folders.ok);
  assert.deepEqual(folders.value.map((f) => [f.accountId, f.total]), [[second, 1]]);
});
