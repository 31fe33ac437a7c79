import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../../src/main/store';
import { importOk, own, real, withStore } from './helpers';
import { countRows, readStoreDb } from '../../helpers/store-db';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('a stored message is kept byte for byte, in a read-only file named by its SHA-256', async () => {
  await withStore(async (store, dir) => {
    const raw = real('aruba-2018-avvenuta-consegna-completa.eml');
    const id = await importOk(store, raw);
    const message = store.getMessage(id)!;
    assert.equal(message.sha256, sha256(raw));
    assert.equal(message.rawPath, `raw/${message.sha256.slice(0, 2)}/${message.sha256}.eml`);
    const onDisk = fs.readFileSync(path.join(dir, message.rawPath));
    assert.equal(sha256(onDisk), sha256(raw));
    assert.equal(fs.statSync(path.join(dir, message.rawPath)).mode & 0o222, 0, 'no write permission on evidence');
    // No temp file is left beside it.
    assert.deepEqual(fs.readdirSync(path.join(dir, 'raw', message.sha256.slice(0, 2))), [`${message.sha256}.eml`]);
    const back = store.readMessageRaw(id);
    assert.ok(back?.ok && back.raw.equals(raw));
  });
});

test('a stored file whose bytes were altered on disk is reported, not served', async () => {
  await withStore(async (store, dir) => {
    const id = await importOk(store, real('aruba-2018-accettazione.eml'));
    const file = path.join(dir, store.getMessage(id)!.rawPath);
    fs.chmodSync(file, 0o644);
    fs.appendFileSync(file, 'tampered');
    const back = store.readMessageRaw(id);
    assert.equal(back?.ok, false);
    assert.equal(back && !back.ok ? back.code : null, 'raw-corrupt');
  });
});

test('the same bytes imported twice are stored once', async () => {
  await withStore(async (store) => {
    const raw = real('aruba-2018-accettazione.eml');
    const first = await store.importMessage(raw);
    const second = await store.importMessage(raw);
    assert.ok(first.ok && second.ok);
    assert.equal(first.status, 'stored');
    assert.equal(second.status, 'already-present');
    assert.equal(second.messageRowId, first.messageRowId);
    assert.equal(countRows(store, 'SELECT count(*) AS n FROM messages'), 1);
    assert.equal(countRows(store, 'SELECT count(*) AS n FROM receipts'), 1);
  });
});

test('a message seen again in another folder gets a second location, not a second copy', async () => {
  await withStore(async (store) => {
    const { accountId } = store.saveAccount({ name: 'Mario', address: 'l.battistini@pec.it', kind: 'pec' }) as { accountId: number };
    const inbox = store.upsertFolder(accountId, { path: 'INBOX', specialUse: '\\Inbox', role: 'inbox' });
    const receipts = store.upsertFolder(accountId, { path: 'Ricevute PEC', role: 'receipts' });
    const raw = real('aruba-2018-accettazione.eml');
    const first = await store.importMessage(raw, { location: { folderId: inbox, uid: 7, flags: [] } });
    const second = await store.importMessage(raw, { location: { folderId: receipts, uid: 1, flags: ['\\Seen'] } });
    assert.ok(first.ok && second.ok && second.status === 'already-present');
    const locations = store.getMessage(first.messageRowId)!.locations;
    assert.deepEqual(locations, [
      { folderId: inbox, uid: 7, flags: [] },
      { folderId: receipts, uid: 1, flags: ['\\Seen'] },
    ]);
  });
});

test('a file that is not a mail message is stored anyway and flagged unreadable with the reason', async () => {
  await withStore(async (store) => {
    const raw = own('not-a-message.eml');
    const result = await store.importMessage(raw);
    assert.ok(result.ok);
    assert.equal(result.unreadable, true);
    const message = store.getMessage(result.messageRowId)!;
    assert.equal(message.unreadable, true);
    assert.equal(message.kind, null);
    assert.equal(message.unreadableCode, 'not-a-message');
    assert.match(message.unreadableDetail ?? '', /mail headers/);
    assert.ok(store.readMessageRaw(result.messageRowId)?.ok);
    assert.equal(store.unreadableMessagesCount(), 1);
  });
});

test('a message the classifier gave up on is stored with the given reason', async () => {
  await withStore(async (store) => {
    // What importMessage files when analyzeMessage throws: the crash becomes the reason.
    const raw = real('sogei-2019-posta-certificata-breve-sdi-notifica-mancata-consegna-no-daticert.eml');
    const result = store.ingest({ raw, analysis: { ok: false, code: 'analysis-crashed', detail: 'RangeError: offset out of range' } });
    assert.ok(result.ok && result.unreadable);
    const message = store.getMessage(result.messageRowId)!;
    assert.equal(message.unreadableCode, 'analysis-crashed');
    assert.equal(message.unreadableDetail, 'RangeError: offset out of range');
  });
});

test('the analysis of a receipt is stored as first seen: type, identificativo, signature verdict, original', async () => {
  await withStore(async (store) => {
    const id = await importOk(store, real('aruba-2018-avvenuta-consegna-completa.eml'));
    const m = store.getMessage(id)!;
    assert.equal(m.kind, 'receipt');
    assert.equal(m.receiptType, 'avvenuta-consegna');
    assert.equal(m.receiptVariant, 'completa');
    assert.equal(m.identificativo, 'opec288.20181113163926.01838.310.1.63@pec.aruba.it');
    assert.equal(m.refMessageId, '1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550');
    assert.equal(m.messageId, 'opec288.20181113163927.28978.421.1.413.72@pec.aruba.it');
    assert.equal(m.signaturePresent, true);
    assert.equal(m.signatureValid, true, 'SOURCES.md: the Aruba 2018 signature verifies');
    assert.match(m.signatureSigner ?? '', /ARUBA PEC/);
    assert.equal(m.originalSubject, 'IT03339130126_00009.xml');
    assert.equal(m.subject, 'CONSEGNA: IT03339130126_00009.xml');
    const [receipt] = readStoreDb(store, (db) => db.prepare('SELECT type, recipient, timestamp FROM receipts').all());
    assert.deepEqual(receipt, { type: 'avvenuta-consegna', recipient: 'l.battistini@pec.it', timestamp: '2018-11-13T16:39:27+01:00' });
  });
});

test('attachment names of a stored envelope can be searched without their accents', async () => {
  await withStore(async (store) => {
    const id = await importOk(store, own('relazione-busta-allegato-accentato.eml'));
    assert.deepEqual(store.getMessage(id)!.attachments.map((a) => a.filename), ['Relazione attività 2024.pdf']);
    readStoreDb(store, (db) => {
      const search = db.prepare('SELECT a.message_row_id AS id FROM attachments_fts f JOIN attachments a ON a.id = f.rowid WHERE attachments_fts MATCH ?');
      assert.deepEqual(search.all('attivita'), [{ id }]);
      assert.deepEqual(search.all('attività'), [{ id }]);
    });
  });
});

test('an ordinary message lists its own files: the clip in the list, their names in the attachment search', async () => {
  const raw = Buffer.from(
    [
      'From: Studio <studio@mail.gamma.example>',
      'To: ufficio@pec.beta.example',
      'Subject: Verbale di assemblea',
      'Message-ID: <verbale-1@mail.gamma.example>',
      'Date: Mon, 3 Nov 2025 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'In allegato il verbale.',
      '--b1',
      'Content-Type: application/pdf; name="Verbale assemblea.pdf"',
      'Content-Disposition: attachment; filename="Verbale assemblea.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 verbale\n').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
  await withStore(async (store) => {
    const imported = await store.importMessage(raw, { importedFrom: 'file' });
    const id = imported.ok ? imported.messageRowId : assert.fail('import failed');
    const [row] = store.listMessages({ folderId: null, offset: 0, limit: 10, sort: 'date', direction: 'desc' }).rows;
    assert.deepEqual([row.id, row.kind, row.hasAttachments], [id, 'ordinary', true]);
    assert.deepEqual(store.getMessage(id)!.attachments.map((a) => [a.filename, a.size]), [['Verbale assemblea.pdf', 17]]);
    readStoreDb(store, (db) => {
      const search = db.prepare('SELECT a.message_row_id AS id FROM attachments_fts f JOIN attachments a ON a.id = f.rowid WHERE attachments_fts MATCH ?');
      assert.deepEqual(search.all('verbale'), [{ id }]);
    });
  });
});

test('an envelope is listed under the original sender and subject, not the provider cover', async () => {
  await withStore(async (store) => {
    const imported = await store.importMessage(own('relazione-busta-allegato-accentato.eml'), { importedFrom: 'file' });
    const id = imported.ok ? imported.messageRowId : assert.fail('import failed');
    const [row] = store.listMessages({ folderId: null, offset: 0, limit: 10, sort: 'date', direction: 'desc' }).rows;
    assert.equal(row.id, id);
    assert.equal(row.displaySubject, 'Relazione attività 2024');
    assert.equal(row.displayFrom, 'ufficio@pec.beta.example');
    assert.equal(row.subject, 'POSTA CERTIFICATA: Relazione attività 2024');
    assert.equal(row.hasAttachments, true);
    assert.deepEqual(readStoreDb(store, (db) => db.prepare('SELECT rowid AS id FROM messages_fts WHERE messages_fts MATCH ?').all('relazione attivita')), [{ id }]);
  });
});

async function inboxOf(store: Store): Promise<number> {
  const saved = store.saveAccount({ name: 'Mario', address: 'l.battistini@pec.it', kind: 'pec' });
  assert.ok(saved.ok);
  return store.upsertFolder(saved.accountId, { path: 'INBOX', specialUse: '\\Inbox', role: 'inbox' });
}

test('a batch is filed byte for byte in one commit: listeners hear once, after every row is there', async () => {
  await withStore(async (store, dir) => {
    const inbox = await inboxOf(store);
    const names = ['aruba-2023-posta-certificata-completa.eml', 'aruba-2014-accettazione.eml', 'aruba-2018-avvenuta-consegna-completa.eml'];
    const raws = names.map(real);
    const committedAtEvent: number[] = [];
    store.onChange(() => committedAtEvent.push(countRows(store, 'SELECT count(*) AS n FROM messages')));

    const results = await store.importMessages(raws.map((raw, i) => ({ raw, location: { folderId: inbox, uid: i + 1, flags: i === 0 ? ['\\Seen'] : [] } })));

    assert.deepEqual(committedAtEvent, [3]);
    assert.deepEqual(results.map((r) => r.ok && r.status), ['stored', 'stored', 'stored']);
    results.forEach((r, i) => {
      assert.ok(r.ok);
      const back = store.readMessageRaw(r.messageRowId);
      assert.ok(back?.ok && back.raw.equals(raws[i]), names[i]);
    });
    assert.deepEqual(results.map((r) => r.ok && store.getMessage(r.messageRowId)?.kind), ['envelope', 'receipt', 'receipt']);
    const [first] = store.listMessages({ folderId: inbox, offset: 0, limit: 10, sort: 'date', direction: 'asc' }).rows.filter((row) => row.uid === 1);
    assert.equal(first.seen, true);
    const leftovers = fs.readdirSync(path.join(dir, 'raw'), { recursive: true }).filter((f) => String(f).endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'no temp file is left');
  });
});

test('the same bytes twice in one batch are stored once, in both places', async () => {
  await withStore(async (store) => {
    const inbox = await inboxOf(store);
    const raw = real('aruba-2018-accettazione.eml');
    const [first, second] = await store.importMessages([
      { raw, location: { folderId: inbox, uid: 3, flags: [] } },
      { raw, location: { folderId: inbox, uid: 9, flags: [] } },
    ]);
    assert.ok(first.ok && second.ok);
    assert.deepEqual([first.status, second.status], ['stored', 'already-present']);
    assert.equal(second.messageRowId, first.messageRowId);
    assert.ok(first.receiptId !== null && second.receiptId === first.receiptId, 'the second is the same receipt');
    assert.deepEqual(store.getMessage(first.messageRowId)!.locations.map((l) => l.uid), [3, 9]);
    assert.equal(countRows(store, 'SELECT count(*) AS n FROM receipts'), 1);
  });
});

test('a batch whose pack cannot be written gets no row at all, and is stored whole when tried again', async () => {
  await withStore(async (store, dir) => {
    const raws = [real('aruba-2018-accettazione.eml'), real('aruba-2014-accettazione.eml')];
    // A plain file where the packs folder should be: the disk refuses the batch's one write.
    fs.writeFileSync(path.join(dir, 'raw', 'packs'), 'in the way');

    const refused = await store.importMessages(raws.map((raw) => ({ raw })));

    assert.deepEqual(refused.map((r) => (r.ok ? 'stored' : r.code)), ['raw-write-failed', 'raw-write-failed']);
    assert.equal(countRows(store, 'SELECT count(*) AS n FROM messages'), 0);
    fs.rmSync(path.join(dir, 'raw', 'packs'));
    const stored = await store.importMessages(raws.map((raw) => ({ raw })));
    assert.deepEqual(stored.map((r) => r.ok && r.status), ['stored', 'stored']);
    stored.forEach((r, i) => {
      const back = r.ok ? store.readMessageRaw(r.messageRowId) : null;
      assert.ok(back?.ok && back.raw.equals(raws[i]));
    });
  });
});
