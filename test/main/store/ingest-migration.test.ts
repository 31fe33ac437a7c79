// Migration 18: the ingest writes message_addresses, message_recipients_fts and the locations' sort
// date itself, where triggers did before. The rows it writes must be the ones the triggers wrote
// (the rows stored before the upgrade stay as they were and must keep matching the same searches),
// and a store filled by an older PecDesk must upgrade with nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { PecAnalysis } from '../../../src/shared/pec';
import { analyzeMessage } from '../../../src/main/pec';
import { searchMessages } from '../../../src/main/search';
import { migrations, openStore, type IngestInput, type Store } from '../../../src/main/store';
import { schemaIngestV18 } from '../../../src/main/store/schema-ingest-v18';
import { databaseBefore, REAL_DIR, real, tempDir, withStore } from './helpers';
import { readStoreDb, writeStoreDb } from '../../helpers/store-db';

/** A real envelope's analysis with the addresses replaced: the shapes an address takes in real headers, and some it should not. */
async function awkwardAddresses(): Promise<IngestInput[]> {
  const base = await analyzeMessage(real('aruba-2023-posta-certificata-completa.eml'));
  assert.ok(base.ok && base.analysis.original && base.analysis.certified);
  const { analysis } = base;
  const variants: Partial<Record<'from' | 'to' | 'cc' | 'sender' | 'deliveredTo', unknown>>[] = [
    { from: 'Mario Rossi <Mario.Rossi@PEC.IT>', to: ['  Ufficio <PROTOCOLLO@pec.comune.it> ', 'segreteria@pec.comune.it'], cc: ['Àlfa <ÀLFA@pec.it>'] },
    { from: '  spaced@pec.it  ', to: ['\tTabbed@Pec.It', ''], cc: ['   ', 'a > b <c@d.it>', 'no-close <x@y.it'], sender: 'Studio <STUDIO@pec.alfa.test>' },
    { from: 'dup@pec.it', to: ['DUP@pec.it', 'Dup <dup@PEC.it>'], cc: [], sender: null, deliveredTo: 'Consegna <Dest@Pec.It>' },
  ];
  return variants.map((v, i) => {
    const changed: PecAnalysis = {
      ...analysis,
      outer: { ...analysis.outer, from: (v.sender as string | null | undefined) ?? analysis.outer.from, to: (v.to as string[]) ?? analysis.outer.to },
      original: { ...analysis.original!, from: v.from as string, to: v.to as string[], cc: v.cc as string[] },
      certified: { ...analysis.certified!, sender: (v.sender as string | null | undefined) ?? analysis.certified!.sender, deliveredTo: (v.deliveredTo as string) ?? null },
    };
    return { raw: Buffer.from(`X-Variant: ${i}\r\n`), analysis: { ok: true, analysis: changed } };
  });
}

test('the ingest indexes addresses, recipients and attachment names exactly as the triggers before migration 18 did', async () => {
  const { dir: oldDir, cleanup } = tempDir();
  try {
    await withStore(async (store) => {
      for (const name of fs.readdirSync(REAL_DIR).filter((f) => f.endsWith('.eml'))) {
        assert.ok((await store.importMessage(real(name))).ok, name);
      }
      const unreadable: IngestInput = { raw: Buffer.from('not mail'), analysis: { ok: false, code: 'parse-failed', detail: 'test' } };
      assert.ok((await store.ingestBatch([...(await awkwardAddresses()), unreadable])).every((r) => r.ok));

      // The same messages rows inserted into a database of the older schema: its trigger fills its tables.
      const old = path.join(oldDir, 'old.sqlite');
      databaseBefore(schemaIngestV18, old).close();
      const [now, before] = writeStoreDb(store, (db) => {
        db.prepare('ATTACH ? AS old').run(old);
        db.exec('INSERT INTO old.messages SELECT * FROM main.messages; INSERT INTO old.attachments SELECT * FROM main.attachments');
        // Each full-text index holds exactly the words of its rows (FTS5 checks its index against its content).
        for (const fts of ['messages_fts', 'message_recipients_fts', 'attachments_fts']) db.exec(`INSERT INTO main.${fts} (${fts}) VALUES ('integrity-check')`);
        const read = (schema: string) => ({
          addresses: db.prepare(`SELECT message_row_id, address FROM ${schema}.message_addresses ORDER BY 1, 2`).all(),
          recipients: db.prepare(`SELECT rowid, recipients FROM ${schema}.message_recipients_fts ORDER BY 1`).all(),
          // Every word of every attachment name, with the attachments that hold it.
          names: db.prepare(`SELECT a.id, a.filename FROM ${schema}.attachments a
            WHERE a.id IN (SELECT rowid FROM ${schema}.attachments_fts WHERE attachments_fts MATCH '"' || replace(a.filename, '"', '""') || '"') ORDER BY 1`).all(),
        });
        return [read('main'), read('old')];
      });
      assert.ok(now.addresses.length > 60, `${now.addresses.length} addresses`);
      assert.deepEqual(now.addresses, before.addresses);
      assert.deepEqual(now.recipients, before.recipients);
      assert.ok(now.names.length > 3, `${now.names.length} attachments found by name`);
      assert.deepEqual(now.names, before.names);
      const counts = readStoreDb(store, (db) => db.prepare(`SELECT (SELECT count(*) FROM attachments) AS attachments,
        (SELECT count(*) FROM messages_fts) AS words, (SELECT count(*) FROM messages WHERE unreadable = 0) AS readable`).get()) as Record<string, number>;
      assert.equal(now.names.length, counts.attachments, 'every attachment is found by its name');
      assert.equal(counts.words, counts.readable, 'a readable message has its words, an unreadable one none');
    });
  } finally {
    cleanup();
  }
});

test('a location filed by the ingest carries its sort date, and one inserted without it still gets it', async () => {
  await withStore(async (store) => {
    const account = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.example', kind: 'pec' });
    assert.ok(account.ok);
    const inbox = store.upsertFolder(account.accountId, { path: 'INBOX' });
    const other = store.upsertFolder(account.accountId, { path: 'Archivio' });
    const analysis = await analyzeMessage(real('aruba-2014-posta-certificata-completa.eml'));
    const raw = real('aruba-2014-posta-certificata-completa.eml');
    const [filed] = await store.ingestBatch([{ raw, analysis, location: { folderId: inbox, uid: 7, flags: [] }, receivedAt: '2030-01-01T00:00:00.000Z' }]);
    assert.ok(filed.ok);
    // The same bytes seen in another folder: the row is already there, the trigger copies its date.
    const [again] = await store.ingestBatch([{ raw, analysis, location: { folderId: other, uid: 3, flags: [] } }]);
    assert.ok(again.ok && again.status === 'already-present');
    writeStoreDb(store, (db) => db.prepare('INSERT INTO message_locations (message_row_id, folder_id, uid) VALUES (?, ?, 99)').run(filed.messageRowId, inbox));
    const dates = readStoreDb(store, (db) =>
      db.prepare('SELECT l.sort_date_ms AS sort, coalesce(m.date_ms, m.received_ms) AS expected FROM message_locations l JOIN messages m ON m.id = l.message_row_id').all(),
    ) as { sort: number; expected: number }[];
    assert.equal(dates.length, 3);
    for (const { sort, expected } of dates) assert.equal(sort, expected);
    assert.ok(analysis.ok && dates[0].sort === Date.parse(analysis.analysis.outer.date!), 'the Date header, not when it arrived');
  });
});

test('a store filled before migration 18 upgrades: its messages are found and listed as before, next to new ones', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = databaseBefore(schemaIngestV18, path.join(dir, 'pecdesk.sqlite'));
    db.exec(`INSERT INTO accounts (name, address, kind, created_at) VALUES ('Studio', 'studio@pec.alfa.example', 'pec', '2024-01-01T00:00:00Z');
      INSERT INTO folders (account_id, path) VALUES (1, 'INBOX');`);
    const id = db.prepare(`INSERT INTO messages (sha256, size, raw_path, kind, subject, from_addr, to_addrs, orig_from, orig_to, orig_cc, date_ms, received_at, received_ms)
      VALUES (?, 1, 'raw', 'envelope', 'POSTA CERTIFICATA: Atto', 'Per conto di: mario.rossi@pec.it <posta-certificata@pec.provider.it>', '["studio@pec.alfa.example"]',
        'Mario Rossi <Mario.Rossi@PEC.it>', '["Ufficio Protocollo <protocollo@pec.comune.it>"]', '[]', ?, '2024-01-01T00:00:00Z', ?)
      RETURNING id`).pluck().get('c'.repeat(64), Date.parse('2099-01-01'), Date.parse('2024-01-01')) as number;
    db.prepare('INSERT INTO message_locations (message_row_id, folder_id, uid) VALUES (?, 1, 1)').run(id);
    db.close();

    const store: Store = openStore(dir);
    try {
      assert.equal(store.schemaVersion, migrations.length);
      const raw = real('aruba-2018-avvenuta-consegna-completa.eml');
      const [filed] = await store.ingestBatch([{ raw, analysis: await analyzeMessage(raw), location: { folderId: 1, uid: 2, flags: [] } }]);
      assert.ok(filed.ok);
      const found = (query: string) => {
        const result = searchMessages(store, { query, folderId: null, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
        assert.ok(result.ok, query);
        return result.page.rows.map((r) => r.id);
      };
      for (const query of ['con:mario.rossi@pec.it', 'con:protocollo@pec.comune.it', 'a:protocollo']) assert.deepEqual(found(query), [id], query);
      const consegna = readStoreDb(store, (db) => db.prepare('SELECT pec_delivered_to AS d FROM messages WHERE id = ?').get(filed.messageRowId)) as { d: string };
      assert.deepEqual(found(`con:${consegna.d.toLowerCase()}`), [filed.messageRowId]);
      // Listed by date: the old row's copied sort date (2099) first, then the new one's.
      const page = store.listMessages({ folderId: 1, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
      assert.deepEqual(page.rows.map((r) => r.id), [id, filed.messageRowId]);
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});
