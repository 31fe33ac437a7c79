import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../../../src/main/store';
import { rawRelPath } from '../../../../src/main/store/rawStore';
import { own, real, withStore } from '../helpers';
import { countRows, writeStoreDb } from '../../../helpers/store-db';

function account(store: Store, address: string): number {
  const saved = store.saveAccount({
    name: address,
    address,
    kind: 'pec',
    imap: { host: 'imap.pec.example', port: 993, security: 'tls', username: address },
    smtp: { host: 'smtp.pec.example', port: 465, security: 'tls', username: address },
  });
  assert.ok(saved.ok);
  return saved.accountId;
}

async function place(store: Store, raw: Buffer, folderId: number, uid: number): Promise<{ id: number; sha256: string }> {
  const result = await store.importMessage(raw, { location: { folderId, uid, flags: [] } });
  assert.ok(result.ok);
  return { id: result.messageRowId, sha256: store.getMessage(result.messageRowId)!.sha256 };
}

/** Two accounts: Mario with a sent PEC in a campaign, its receipt and a PEC also received by Luisa. */
async function twoAccounts(store: Store) {
  const mario = account(store, 'mario@pec.example');
  const luisa = account(store, 'luisa@pec.example');
  const marioInbox = store.upsertFolder(mario, { path: 'INBOX', role: 'inbox' });
  const luisaInbox = store.upsertFolder(luisa, { path: 'INBOX', role: 'inbox' });
  const shared = await place(store, real('aruba-2023-posta-certificata-completa.eml'), marioInbox, 1);
  await place(store, real('aruba-2023-posta-certificata-completa.eml'), luisaInbox, 1);
  const own2014 = await place(store, real('aruba-2014-posta-certificata-completa.eml'), marioInbox, 2);
  const receipt = await place(store, real('aruba-2018-accettazione.eml'), marioInbox, 3);
  const campaign = store.createCampaign({ accountId: mario, subject: 'Convocazione' });
  const sent = await store.importSentMessage(own('aruba-2018-sent.eml'), mario);
  assert.ok(sent.ok);
  writeStoreDb(store, (db) => db.prepare('UPDATE sent_messages SET campaign_id = ? WHERE id = ?').run(campaign, sent.sentMessageId));
  const sentSha = store.getSent(sent.sentMessageId)!.rawSha256!;
  return { mario, luisa, shared, own2014, receipt, campaign, sentId: sent.sentMessageId, sentSha };
}

/** Rows that point at nothing, or that nothing can reach any more: all must be 0. */
function orphanCounts(store: Store): Record<string, number> {
  const count = (sql: string) => countRows(store, sql);
  return {
    folders: count('SELECT count(*) AS n FROM folders WHERE account_id NOT IN (SELECT id FROM accounts)'),
    locations: count('SELECT count(*) AS n FROM message_locations WHERE folder_id NOT IN (SELECT id FROM folders)'),
    messages: count('SELECT count(*) AS n FROM messages WHERE id NOT IN (SELECT message_row_id FROM message_locations)'),
    sent: count('SELECT count(*) AS n FROM sent_messages WHERE account_id IS NULL OR account_id NOT IN (SELECT id FROM accounts)'),
    campaigns: count('SELECT count(*) AS n FROM campaigns WHERE account_id IS NULL OR account_id NOT IN (SELECT id FROM accounts)'),
    deliveries: count('SELECT count(*) AS n FROM deliveries WHERE sent_message_id NOT IN (SELECT id FROM sent_messages)'),
  };
}

const NO_ORPHANS = { folders: 0, locations: 0, messages: 0, sent: 0, campaigns: 0, deliveries: 0 };

function rawExists(dir: string, sha256: string): boolean {
  return fs.existsSync(path.join(dir, rawRelPath(sha256)));
}

test('an account removed with its mail kept becomes an archive: not listed to sync or send, every row and raw file still there', async () => {
  await withStore(async (store, dir) => {
    const setup = await twoAccounts(store);
    assert.equal(store.removeAccount(setup.mario, 'archive'), true);

    assert.deepEqual(store.listAccounts().map((a) => a.address), ['luisa@pec.example']);
    assert.deepEqual(store.listArchivedAccounts().map((a) => [a.id, a.address]), [[setup.mario, 'mario@pec.example']]);
    assert.match(store.listArchivedAccounts()[0].archivedAt, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(store.listFolders(setup.mario).map((f) => [f.path, f.total]), [['INBOX', 3]]);
    assert.equal(store.getMessage(setup.own2014.id)?.sha256, setup.own2014.sha256, 'its messages stay readable');
    assert.ok(store.readSentRaw(setup.sentId)?.ok, 'its sent evidence stays exportable');
    assert.equal(store.getSent(setup.sentId)?.accountId, setup.mario);
    assert.deepEqual(orphanCounts(store), NO_ORPHANS);
    for (const sha of [setup.shared.sha256, setup.own2014.sha256, setup.receipt.sha256, setup.sentSha]) assert.ok(rawExists(dir, sha));
  });
});

test('an account removed with its mail deleted leaves no orphan rows and removes only the raw files nothing else names', async () => {
  await withStore(async (store, dir) => {
    const setup = await twoAccounts(store);
    assert.equal(store.removeAccount(setup.mario, 'delete'), true);

    assert.deepEqual(store.listAccounts().map((a) => a.address), ['luisa@pec.example']);
    assert.deepEqual(store.listArchivedAccounts(), []);
    assert.deepEqual(orphanCounts(store), NO_ORPHANS);
    assert.equal(store.getMessage(setup.own2014.id), null);
    assert.equal(store.getMessage(setup.receipt.id), null);
    assert.equal(store.getSent(setup.sentId), null);
    assert.equal(countRows(store, 'SELECT count(*) AS n FROM campaigns'), 0);
    assert.ok(!rawExists(dir, setup.own2014.sha256));
    assert.ok(!rawExists(dir, setup.receipt.sha256));
    assert.ok(!rawExists(dir, setup.sentSha));

    // The PEC Luisa received too keeps its row, its location in her inbox and its bytes.
    assert.ok(store.getMessage(setup.shared.id));
    assert.ok(rawExists(dir, setup.shared.sha256));
    assert.ok(store.readMessageRaw(setup.shared.id)?.ok);
    assert.deepEqual(store.listFolders(setup.luisa).map((f) => [f.path, f.total]), [['INBOX', 1]]);
  });
});

test('a bulk send\'s evidence pack goes with its account, its copies in Posta inviata included; another account\'s pack stays', async () => {
  await withStore(async (store, dir) => {
    const mario = account(store, 'mario@pec.example');
    const luisa = account(store, 'luisa@pec.example');
    const packOf = async (accountId: number, n: number) => {
      store.upsertFolder(accountId, { path: 'Sent', specialUse: '\\Sent', role: 'sent' });
      const raw = Buffer.from(`Message-ID: <comunicazione-${n}@pec.example>\r\nSubject: Comunicazione ${n}\r\n\r\nTesto\r\n`);
      const [file] = await store.storeSentRaw([raw]);
      assert.ok(file.ok);
      const recorded = store.recordSent({ messageId: `<comunicazione-${n}@pec.example>`, accountId, subject: `Comunicazione ${n}`, to: ['cliente@pec.example'], rawSha256: file.sha256, rawPacked: file.packed });
      assert.ok(recorded.ok);
      const [copy] = await store.fileSentCopies([{ accountId, sentMessageId: recorded.sentMessageId, raw }]);
      assert.ok(copy?.ok);
      return { pack: path.join(dir, file.packed.relPath), sentId: recorded.sentMessageId, raw };
    };
    const marios = await packOf(mario, 1);
    const luisas = await packOf(luisa, 2);
    assert.equal(store.removeAccount(mario, 'delete'), true);
    assert.ok(!fs.existsSync(marios.pack), 'the removed account\'s evidence pack is deleted');
    assert.ok(fs.existsSync(luisas.pack));
    assert.deepEqual(store.readSentRaw(luisas.sentId), { ok: true, raw: luisas.raw });
  });
});

test('an archived address cannot be added again as a new account: the store says it is in the archive', async () => {
  await withStore(async (store) => {
    const setup = await twoAccounts(store);
    store.removeAccount(setup.mario, 'archive');
    const again = store.saveAccount({ name: 'Mario', address: 'mario@pec.example', kind: 'pec' });
    assert.equal(again.ok ? null : again.detail, 'mario@pec.example is kept in the archive of a removed account');
  });
});

test('removing an account that does not exist answers false and touches nothing', async () => {
  await withStore(async (store) => {
    const setup = await twoAccounts(store);
    assert.equal(store.removeAccount(setup.mario + 100, 'delete'), false);
    assert.equal(store.listAccounts().length, 2);
    assert.ok(store.getSent(setup.sentId));
  });
});
