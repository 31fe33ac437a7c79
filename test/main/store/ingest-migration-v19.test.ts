// Migration 19: the receipts' Message-ID, local part and identificativo indexes hold only the
// receipts not linked yet, messages(message_id) leaves receipts out, and the ingest records the
// addresses an attendibile consegna proves with one statement per batch where a trigger did per
// receipt. The addresses recorded must be the ones the trigger recorded, receipts stored before the
// upgrade must still link when their sent message comes (test/main/store/sent-copy.test.ts covers
// the server's copy of a sent message taking the place of its pending copy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyzeMessage } from '../../../src/main/pec';
import { migrations, openStore } from '../../../src/main/store';
import { schemaIngestV19 } from '../../../src/main/store/schema-ingest-v19';
import { ARUBA_RECIPIENT, forgeries, genuineConsegna, refusal, sentMessages } from '../trust/forgeries';
import { testIndex } from '../trust/helpers';
import { databaseBefore, tempDir } from './helpers';
import { readStoreDb, writeStoreDb } from '../../helpers/store-db';

test('the ingest records the addresses attendibile consegne prove exactly as the trigger before migration 19 did', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore(path.join(dir, 'store'), { trustIndex: () => testIndex() });
    try {
      const account = store.saveAccount({ name: 'Studio', address: ARUBA_RECIPIENT, kind: 'pec' });
      assert.ok(account.ok);
      const inbox = store.upsertFolder(account.accountId, { path: 'INBOX' });
      for (const { raw } of sentMessages()) assert.ok((await store.importSentMessage(raw, account.accountId)).ok);
      // The genuine consegna (attendibile), the forged and misplaced receipts (none attendibile, some
      // consegne), a refusal, and the same consegna again in one batch, as a sync files them.
      const raws = [genuineConsegna(), refusal(), ...forgeries().map((f) => f.raw), genuineConsegna()];
      const inputs = await Promise.all(raws.map(async (raw, i) => ({ raw, analysis: await analyzeMessage(raw), location: { folderId: inbox, uid: i + 1, flags: [] } })));
      assert.ok((await store.ingestBatch(inputs)).every((r) => r.ok));

      // The same receipts rows inserted into a database of the older schema: its trigger records them.
      const old = path.join(dir, 'old.sqlite');
      databaseBefore(schemaIngestV19, old).close();
      const [now, before, levels] = writeStoreDb(store, (db) => {
        // Only the rows the trigger reads are copied; the sent messages they link to are not.
        db.pragma('foreign_keys = OFF');
        db.prepare('ATTACH ? AS old').run(old);
        db.exec(`INSERT INTO old.accounts SELECT * FROM main.accounts; INSERT INTO old.messages SELECT * FROM main.messages;
          INSERT INTO old.receipts SELECT * FROM main.receipts`);
        const read = (schema: string) => db.prepare(`SELECT address, certified, seen_ms FROM ${schema}.pec_addresses_seen ORDER BY address`).all();
        const kinds = db.prepare(`SELECT r.type, m.trust_level AS level FROM main.receipts r JOIN main.messages m ON m.id = r.message_row_id`).all() as { type: string; level: string }[];
        return [read('main'), read('old'), kinds];
      });
      assert.ok(levels.some((r) => r.type === 'avvenuta-consegna' && r.level !== 'attendibile'), 'consegne that prove nothing are among them');
      assert.ok(now.some((r) => (r as { address: string; certified: number }).address === ARUBA_RECIPIENT), 'the genuine consegna proves its recipient');
      assert.deepEqual(now, before);
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});

test('a store filled before migration 19 upgrades: its unlinked receipts link when their sent message comes, by Message-ID and by identificativo', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = databaseBefore(schemaIngestV19, path.join(dir, 'pecdesk.sqlite'));
    db.exec(`INSERT INTO accounts (name, address, kind, created_at) VALUES ('Studio', 'studio@pec.alfa.example', 'pec', '2024-01-01T00:00:00Z');
      INSERT INTO folders (account_id, path) VALUES (1, 'INBOX');`);
    const message = db.prepare(`INSERT INTO messages (sha256, size, raw_path, kind, receipt_type, received_at, received_ms) VALUES (?, 1, 'raw', 'receipt', ?, '2024-01-01T00:00:00Z', 0) RETURNING id`).pluck();
    const receipt = db.prepare(`INSERT INTO receipts (message_row_id, type, ref_message_id, ref_local_part, identificativo, recipient, timestamp, account_id, trust_ok)
      VALUES (?, ?, ?, ?, ?, ?, '2024-01-01T10:00:00Z', 1, 1)`);
    // The accettazione names the message; the consegna names it by an id the provider rewrote beyond
    // recognition, and is found by the identificativo the accettazione teaches.
    const file = (sha: string, type: string, ref: string, identificativo: string, recipient: string | null) =>
      receipt.run(message.get(sha.repeat(64), type), type, ref, ref.split('@')[0], identificativo, recipient);
    file('a', 'accettazione', 'atto.1@studio.alfa.example', 'opec.1@pec.provider.it', null);
    file('b', 'avvenuta-consegna', 'rewritten@elsewhere', 'opec.1@pec.provider.it', 'dest@pec.beta.example');
    // A receipt of a message sent from another client: it stays unlinked.
    file('c', 'accettazione', 'other@client.example', 'opec.2@pec.provider.it', null);
    db.close();

    const store = openStore(dir);
    try {
      assert.equal(store.schemaVersion, migrations.length);
      assert.equal(store.unlinkedReceiptsCount(), 3);
      const sent = store.recordSent({ messageId: 'atto.1@studio.alfa.example', accountId: 1, subject: 'Atto', to: ['dest@pec.beta.example'] });
      assert.ok(sent.ok);
      assert.deepEqual(store.receiptsOf(sent.sentMessageId).map((r) => [r.type, r.recipient]).sort(), [['accettazione', null], ['avvenuta-consegna', 'dest@pec.beta.example']]);
      assert.deepEqual(store.dac(sent.sentMessageId), { D: 1, A: 1, C: 1, E: 0 });
      assert.equal(store.unlinkedReceiptsCount(), 1);
      const check = readStoreDb(store, (check) => check.pragma('integrity_check', { simple: true }));
      assert.equal(check, 'ok');
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});

test('after migration 19 the unlinked receipts and the copies of sent messages are found through the indexes, not a scan', async () => {
  const { dir, cleanup } = tempDir();
  try {
    openStore(dir).close();
    const plans = readStoreDb({ dir }, (db) => {
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array((sql.match(/\?/g) ?? []).length).fill(null)) as { detail: string }[]).map((r) => r.detail).join(' | ');
      return {
        byMessageId: plan('SELECT id FROM receipts WHERE (sent_message_id IS NULL AND ref_message_id = ?) OR (sent_message_id IS NULL AND ref_local_part = ?)'),
        byIdentificativo: plan('SELECT id FROM receipts WHERE sent_message_id IS NULL AND identificativo IN (SELECT value FROM json_each(?))'),
        copies: plan(`SELECT id FROM messages WHERE id = ? OR (kind IS NOT 'receipt' AND message_id = ?)`),
        indexes: db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('receipts', 'messages') ORDER BY name`).pluck().all(),
        triggers: db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'receipts'`).pluck().all(),
      };
    });
    assert.match(plans.byMessageId, /receipts_unlinked_ref_message_id.*receipts_unlinked_ref_local_part/);
    assert.doesNotMatch(plans.byIdentificativo, /SCAN receipts/);
    assert.match(plans.copies, /messages_message_id_not_receipt/);
    for (const gone of ['receipts_ref_message_id', 'receipts_ref_local_part', 'receipts_identificativo', 'messages_message_id']) assert.ok(!plans.indexes.includes(gone), gone);
    assert.deepEqual(plans.triggers, []);
  } finally {
    cleanup();
  }
});
