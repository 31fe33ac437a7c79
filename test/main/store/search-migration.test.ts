// Migration 11 on a store filled by an older PecDesk: the messages already there are found by their
// recipients (a:) and by every address they were exchanged with (con:), as new ones are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { searchMessages } from '../../../src/main/search';
import { openStore } from '../../../src/main/store';
import { schemaSearchV10 } from '../../../src/main/store/schema-search-v10';
import { databaseBefore, tempDir } from './helpers';

test('messages stored before migration 10 are found by recipient and by correspondent after it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = databaseBefore(schemaSearchV10, path.join(dir, 'pecdesk.sqlite'));
    db.exec(`INSERT INTO accounts (name, address, kind, created_at) VALUES ('Studio', 'studio@pec.alfa.example', 'pec', '2024-01-01T00:00:00Z');
      INSERT INTO folders (account_id, path) VALUES (1, 'INBOX');`);
    const id = db.prepare(`INSERT INTO messages (sha256, size, raw_path, kind, subject, from_addr, to_addrs, orig_from, orig_to, orig_cc, date_ms, received_at, received_ms)
      VALUES (?, 1, 'raw', 'envelope', 'POSTA CERTIFICATA: Atto', 'Per conto di: mario.rossi@pec.it <posta-certificata@pec.provider.it>', '["studio@pec.alfa.example"]',
        'Mario Rossi <Mario.Rossi@PEC.it>', '["Ufficio Protocollo <protocollo@pec.comune.it>"]', '["segreteria@pec.comune.it"]', 1704067200000, '2024-01-01T00:00:00Z', 1704067200000)
      RETURNING id`).pluck().get('c'.repeat(64)) as number;
    db.exec(`INSERT INTO messages_fts (rowid, subject, sender, body) VALUES (${id}, 'Atto', 'mario.rossi@pec.it', '')`);
    db.prepare('INSERT INTO message_locations (message_row_id, folder_id, uid) VALUES (?, 1, 1)').run(id);
    db.close();

    const store = openStore(dir);
    try {
      const found = (query: string) => {
        const result = searchMessages(store, { query, folderId: null, offset: 0, limit: 10, sort: 'date', direction: 'desc' });
        assert.ok(result.ok, query);
        return result.page.rows.map((r) => r.id);
      };
      for (const query of ['con:mario.rossi@pec.it', 'con:protocollo@pec.comune.it', 'con:segreteria@pec.comune.it', 'con:studio@pec.alfa.example', 'a:protocollo', 'a:"Ufficio Protocollo"', 'a:segreteria']) {
        assert.deepEqual(found(query), [id], query);
      }
      assert.deepEqual(found('a:mario'), [], 'the sender is not a recipient');
      assert.deepEqual(found('con:rossi@pec.it'), [], 'an address is matched whole');
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});
