// The evidence export of a campaign sent through the PEC sandbox: unzipped with yauzl, every file
// matches its SHA-256 in SHA256SUMS and the manifest, the sent messages and receipts are the
// stored bytes exactly, and the report lists every recipient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startSandbox } from '../../../sandbox';
import { createSendEngine } from '../../../src/main/send';
import { sha256Hex } from '../../../src/main/store';
import { assertHashesHold, sendFixture, syncMailbox, unzip } from './helpers';
import { readStoreDb } from '../../helpers/store-db';

test('the evidence zip holds each sent message and its receipts byte for byte, with a SHA-256 for every file', async () => {
  const sandbox = await startSandbox({ onError: () => undefined });
  const fx = await sendFixture(sandbox, 'mario.rossi@pec.alfa.test', { rateLimit: { perMinute: 100_000 } });
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, overdueCheckEveryMs: 0 });
  try {
    const created = engine.campaigns.create({
      accountId: fx.accountId,
      subject: 'Messa in mora',
      text: 'Si intima il pagamento.\n',
      attachments: [{ filename: 'diffida.pdf', content: Buffer.from('%PDF-1.4 diffida\n') }],
      recipients: [{ address: 'ufficio@pec.beta.test', name: 'Ufficio' }, { address: 'protocollo@pec.beta.test' }, { address: 'nessuno@pec.beta.test' }],
    });
    assert.ok(created.ok);
    const id = created.value.id;
    assert.ok((await engine.start(id)).ok);
    assert.equal(await engine.whenSettled(id), 'done');
    await sandbox.whenIdle();
    await syncMailbox(fx);
    assert.deepEqual(fx.store.campaignDac(id), { D: 3, A: 3, C: 2, E: 1 });

    const out = path.join(fx.dir, 'prove.zip');
    const exported = await engine.campaigns.exportEvidence(id, out);
    assert.ok(exported.ok, JSON.stringify(exported));
    const entries = await unzip(out);

    const manifest = assertHashesHold(entries);
    assert.deepEqual(manifest.dac, { D: 3, A: 3, C: 2, E: 1 });

    // Byte equality with the store: the submitted bytes, and the receipts as received.
    for (const r of engine.campaigns.recipients(id).rows) {
      const folder = [...entries.keys()].find((n) => n.endsWith(`_${r.address}/messaggio-inviato.eml`))!;
      assert.ok(folder, `no folder for ${r.address}`);
      // The submitted bytes live in the raw store (their batch's pack), named by SHA-256, not in the queue row.
      const row = readStoreDb(
        fx.store,
        (db) => db.prepare('SELECT raw, raw_sha256 AS sha256, sent_message_id AS sentId FROM campaign_recipients WHERE id = ?').get(r.id) as { raw: Buffer | null; sha256: string; sentId: number },
      );
      assert.equal(row.raw, null);
      const place = fx.store.sentStoredBytes(row.sentId);
      assert.ok(place && place.offset !== null && place.length !== null, 'the evidence is in a pack');
      const raw = fs.readFileSync(path.join(fx.store.dir, place.relPath)).subarray(place.offset, place.offset + place.length);
      assert.equal(sha256Hex(raw), row.sha256);
      assert.ok(entries.get(folder)!.equals(raw));
      const dir = path.posix.dirname(folder);
      const receiptFiles = [...entries.keys()].filter((n) => n.startsWith(`${dir}/`) && n !== folder).sort();
      assert.deepEqual(receiptFiles.map((n) => n.replace(/^.*\/\d\d-/, '')), r.receipts.map((x) => `${x.type}.eml`));
      r.receipts.forEach((x, i) => {
        const stored = fx.store.readMessageRaw(x.messageRowId);
        assert.ok(stored?.ok);
        assert.ok(entries.get(receiptFiles[i])!.equals(stored.raw), receiptFiles[i]);
      });
    }
    assert.ok([...entries.keys()].some((n) => n.endsWith('_nessuno@pec.beta.test/02-errore-consegna.eml')));

    // The sandbox's receipts verify but no providers' index is imported: integra, not attendibile,
    // and the first line of the report and the manifest say so.
    const csv = entries.get('report.csv')!.toString('utf8');
    assert.ok(csv.startsWith('\uFEFFATTENZIONE: 6 ricevute non sono attendibili o non valgono come prova'), csv.slice(0, 80));
    assert.ok(csv.split('\r\n')[1].startsWith('Destinatario;Nome;Stato'));
    assert.equal(csv.trim().split('\r\n').length, 5);
    assert.match(csv, /02-avvenuta-consegna\.eml: integra, gestore non verificato/);
    assert.match(String(manifest.warning), /^ATTENZIONE/);
    assert.deepEqual((manifest.trust as { indexVersionIds: unknown[] }).indexVersionIds, [null]);
    assert.match(csv, /nessuno@pec\.beta\.test;;errore;no;.*;5\.1\.1 - Beta PEC S\.r\.l\. - indirizzo non valido;/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(entries.get('report.xlsx')! as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.rowCount, 5);
    assert.match(String(sheet.getRow(1).getCell(1).value), /^ATTENZIONE/);
    assert.equal(sheet.getRow(3).getCell(3).value, 'consegnato');
    assert.equal(fs.readdirSync(fx.dir).filter((n) => n.includes('.part')).length, 0, 'no partial file left behind');
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});
