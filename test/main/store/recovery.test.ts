import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  checkStoreFile, listBackups, openStore, reindexRawFiles, restoreStore, sha256Hex, unindexedRawFiles, type Store,
} from '../../../src/main/store';
import { importOk, own, real, tempDir } from './helpers';
import { countRows, writeStoreDb } from '../../helpers/store-db';

const dbFile = (dir: string) => path.join(dir, 'pecdesk.sqlite');
const count = (store: Store, table: string) => countRows(store, `SELECT count(*) AS n FROM ${table}`);

/** Overwrites three pages in the middle of the database, as a bad sector or a stray write would. */
function damagePages(file: string): void {
  const fd = fs.openSync(file, 'r+');
  for (const page of [1, 2, 3]) fs.writeSync(fd, randomBytes(4096), 0, 4096, page * 4096);
  fs.closeSync(fd);
}

/** A campaign message as the send queue records it: its bytes given to recordSent. */
function recordCampaignMessage(store: Store, accountId: number, messageId: string): number {
  const raw = Buffer.from(`From: studio@pec.alfa.test\r\nTo: cliente@pec.beta.test\r\nSubject: Avviso ${messageId}\r\nMessage-ID: <${messageId}>\r\n\r\nTesto.\r\n`);
  const campaignId = store.createCampaign({ accountId, subject: 'Avviso' });
  const sent = store.recordSent({ messageId, accountId, campaignId, subject: `Avviso ${messageId}`, from: 'studio@pec.alfa.test', to: ['cliente@pec.beta.test'], raw });
  assert.ok(sent.ok, JSON.stringify(sent));
  return sent.sentMessageId;
}

test('db restore puts the newest good backup in place, keeps the damaged file aside, and reindex brings back what is newer than the backup', async () => {
  const { dir, cleanup } = tempDir();
  try {
    let store = openStore(dir);
    const accountId = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec' });
    assert.ok(accountId.ok);
    await importOk(store, real('aruba-2018-accettazione.eml'));
    store.close();
    // The daily backup of the next open holds one message, no sent message.
    store = openStore(dir);
    assert.ok(await store.dailyBackup);
    // Newer than the backup: two received messages and a campaign message.
    await importOk(store, real('aruba-2018-avvenuta-consegna-completa.eml'));
    await importOk(store, real('aruba-2014-posta-certificata-completa.eml'));
    const sentId = recordCampaignMessage(store, accountId.accountId, 'avviso-1@pec.alfa.test');
    const sentSha = store.getSent(sentId)!.rawSha256!;
    store.close();

    damagePages(dbFile(dir));
    const damagedBytes = fs.readFileSync(dbFile(dir));
    assert.equal(checkStoreFile(dir)?.code, 'db-damaged');

    // A damaged newest backup is skipped for the good one before it.
    const good = listBackups(dir)[0];
    const broken = path.join(path.dirname(good.file), path.basename(good.file).replace(/^pecdesk-\d{4}/, 'pecdesk-2099'));
    fs.writeFileSync(broken, randomBytes(8192));
    const restored = restoreStore(dir);
    assert.ok(restored.ok, JSON.stringify(restored));
    assert.equal(restored.from, good.file);
    assert.deepEqual(restored.skipped.map((s) => s.file), [broken]);
    assert.ok(restored.damagedKeptAs && /pecdesk\.sqlite\.damaged-\d{4}-\d{2}-\d{2}T/.test(restored.damagedKeptAs));
    assert.deepEqual(fs.readFileSync(restored.damagedKeptAs), damagedBytes, 'the damaged file is kept as it was');
    assert.equal(checkStoreFile(dir, true), null);

    store = openStore(dir);
    assert.equal(count(store, 'messages'), 1);
    assert.equal(unindexedRawFiles(store).length, 3);
    const report = await reindexRawFiles(store);
    assert.deepEqual(report, { messages: 2, sent: 1, failed: [] });
    assert.equal(count(store, 'messages'), 3);
    const back = store.findSentByMessageId('avviso-1@pec.alfa.test');
    assert.ok(back);
    assert.equal(back.rawSha256, sentSha);
    assert.deepEqual(unindexedRawFiles(store), []);
    store.close();
  } finally {
    cleanup();
  }
});

test('db restore with no good backup changes nothing', () => {
  const { dir, cleanup } = tempDir();
  try {
    openStore(dir).close();
    const before = fs.readFileSync(dbFile(dir));
    const none = restoreStore(dir);
    assert.equal(none.ok ? 'restored' : none.code, 'no-backup');
    const bad = path.join(dir, 'elsewhere.sqlite');
    fs.writeFileSync(bad, randomBytes(4096));
    const refused = restoreStore(dir, bad);
    assert.equal(refused.ok ? 'restored' : refused.code, 'no-good-backup');
    assert.deepEqual(fs.readFileSync(dbFile(dir)), before);
  } finally {
    cleanup();
  }
});

test('a sent message is filed in the raw store before its row; an old campaign row with only its bytes in the queue is still read', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(dir);
  try {
    const account = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec' });
    assert.ok(account.ok);
    const sentId = recordCampaignMessage(store, account.accountId, 'nuovo@pec.alfa.test');
    const sha = store.getSent(sentId)!.rawSha256!;
    const file = path.join(dir, 'raw', sha.slice(0, 2), `${sha}.eml`);
    assert.equal(sha256Hex(fs.readFileSync(file)), sha);
    const read = store.readSentRaw(sentId);
    assert.ok(read?.ok);
    assert.ok(read.raw.equals(fs.readFileSync(file)));

    // Before this version a campaign kept its bytes only as a blob of the queue row.
    const oldRaw = own('offerta-sent.eml');
    const campaignId = store.createCampaign({ accountId: account.accountId, subject: 'Vecchia' });
    const old = store.recordSent({ messageId: 'vecchio@pec.alfa.test', accountId: account.accountId, campaignId, subject: 'Vecchia', to: ['x@pec.beta.test'] });
    assert.ok(old.ok);
    writeStoreDb(store, (db) =>
      db
        .prepare("INSERT INTO campaign_recipients (campaign_id, address, state, message_id, raw, raw_sha256, sent_message_id) VALUES (?, 'x@pec.beta.test', 'submitted', 'vecchio@pec.alfa.test', ?, ?, ?)")
        .run(campaignId, oldRaw, sha256Hex(oldRaw), old.sentMessageId),
    );
    const oldRead = store.readSentRaw(old.sentMessageId);
    assert.ok(oldRead?.ok);
    assert.ok(oldRead.raw.equals(oldRaw));
  } finally {
    store.close();
    cleanup();
  }
});
