// The evidence export of one PEC sent to several recipients, through the PEC sandbox and synced
// back over IMAP: unzipped with yauzl, a folder per recipient holds the one message submitted and,
// in PEC order, the accettazione of the whole message and that recipient's own consegna or errore,
// byte for byte as stored; every file matches SHA256SUMS and the manifest; the report lists every
// recipient. Recorded without its bytes, a message still exports its receipts; a stored receipt
// that changed stops the export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startSandbox, SANDBOX_PASSWORD, type Sandbox } from '../../../sandbox';
import { createSmtpSender } from '../../../src/main/mail';
import { exportSentEvidence } from '../../../src/main/send';
import { assertHashesHold, sendFixture, syncMailbox, unzip, type SendFixture } from './helpers';
import { readStoreDb } from '../../helpers/store-db';

const DAY_MS = 24 * 3_600_000;
let sandbox: Sandbox;
let fx: SendFixture;
/** To ufficio and nessuno (no such mailbox: errore-consegna), Cc protocollo; its bytes recorded. */
let notified: { sentMessageId: number; raw: Buffer };
/** The same PEC to two recipients, recorded without its bytes (as an old import could be). */
let bytesMissing: number;

/** Sends one PEC through the sandbox, recorded as the composer records it (with or without its bytes). */
async function sendPec(to: string[], cc: string[], subject: string, keepBytes: boolean): Promise<{ sentMessageId: number; raw: Buffer }> {
  const sender = createSmtpSender(fx.account, SANDBOX_PASSWORD);
  try {
    const prepared = await sender.prepare({
      to,
      cc,
      subject,
      text: 'Si notifica l’atto in allegato.\n',
      attachments: [{ filename: 'atto.pdf', content: Buffer.from('%PDF-1.4 atto\n') }],
      receiptVariant: 'completa',
    });
    assert.ok(prepared.ok, JSON.stringify(prepared));
    const { message } = prepared;
    const recorded = fx.store.recordSent({
      messageId: message.messageId,
      accountId: fx.accountId,
      subject,
      from: fx.account.address,
      to,
      cc,
      raw: keepBytes ? message.raw : undefined,
      status: 'queued',
    });
    assert.ok(recorded.ok, JSON.stringify(recorded));
    const sent = await sender.send(message);
    assert.ok(sent.ok, JSON.stringify(sent));
    fx.store.setSentStatus(recorded.sentMessageId, 'submitted');
    return { sentMessageId: recorded.sentMessageId, raw: message.raw };
  } finally {
    sender.close();
  }
}

async function exported(sentMessageId: number, name: string): Promise<Map<string, Buffer>> {
  const out = path.join(fx.dir, name);
  const result = await exportSentEvidence({ store: fx.store, sentMessageId, cutoff: Date.now() - DAY_MS, now: Date.now() }, out);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.recipients, fx.store.deliveriesOf(sentMessageId).length);
  return unzip(out);
}

/** The files of each recipient's folder, by address, in name order. */
function folders(entries: Map<string, Buffer>): Map<string, string[]> {
  const byAddress = new Map<string, string[]>();
  for (const name of [...entries.keys()].sort()) {
    const match = /^\d{3}_([^/]+)\/(.+)$/.exec(name);
    if (match) byAddress.set(match[1], [...(byAddress.get(match[1]) ?? []), match[2]]);
  }
  return byAddress;
}

before(async () => {
  sandbox = await startSandbox({ onError: () => undefined });
  fx = await sendFixture(sandbox, 'mario.rossi@pec.alfa.test');
  notified = await sendPec(['ufficio@pec.beta.test', 'nessuno@pec.beta.test'], ['protocollo@pec.beta.test'], 'Notifica atto di precetto', true);
  bytesMissing = (await sendPec(['ufficio@pec.beta.test', 'protocollo@pec.beta.test'], [], 'Notifica atto di pignoramento', false)).sentMessageId;
  await sandbox.whenIdle();
  await syncMailbox(fx);
});

after(async () => {
  fx.cleanup();
  await sandbox.stop();
});

test('one PEC to three recipients exports a folder per recipient: the message sent, the one accettazione, and each its own consegna or errore', async () => {
  const { sentMessageId, raw } = notified;
  assert.deepEqual(fx.store.dac(sentMessageId), { D: 3, A: 3, C: 2, E: 1 });
  const entries = await exported(sentMessageId, 'prove.zip');

  const manifest = assertHashesHold(entries);
  assert.deepEqual(manifest.dac, { D: 3, A: 3, C: 2, E: 1 });
  const message = manifest.message as { messageId: string; subject: string; sentMessageSha256: string | null; note: string | null };
  assert.equal(message.messageId, fx.store.getSent(sentMessageId)!.messageId);
  assert.equal(message.subject, 'Notifica atto di precetto');
  assert.equal(message.sentMessageSha256, fx.store.getSent(sentMessageId)!.rawSha256);
  assert.equal(message.note, null);

  assert.deepEqual(Object.fromEntries(folders(entries)), {
    'ufficio@pec.beta.test': ['01-accettazione.eml', '02-avvenuta-consegna.eml', 'messaggio-inviato.eml'],
    'nessuno@pec.beta.test': ['01-accettazione.eml', '02-errore-consegna.eml', 'messaggio-inviato.eml'],
    'protocollo@pec.beta.test': ['01-accettazione.eml', '02-avvenuta-consegna.eml', 'messaggio-inviato.eml'],
  });

  // Byte equality with the store: the one message submitted in every folder, the one accettazione
  // in every folder, and each recipient's own receipt.
  const stored = fx.store.readSentRaw(sentMessageId);
  assert.ok(stored?.ok);
  assert.ok(stored.raw.equals(raw));
  const receipts = fx.store.receiptsOf(sentMessageId);
  const bytesOf = (messageRowId: number) => {
    const read = fx.store.readMessageRaw(messageRowId);
    assert.ok(read?.ok);
    return read.raw;
  };
  const accettazione = receipts.filter((r) => r.type === 'accettazione');
  assert.equal(accettazione.length, 1, 'one accettazione for the whole message');
  const folderOf = (address: string) => [...entries.keys()].find((n) => n.endsWith(`_${address}/messaggio-inviato.eml`))!.split('/')[0];
  for (const d of fx.store.deliveriesOf(sentMessageId)) {
    const folder = folderOf(d.address);
    assert.ok(entries.get(`${folder}/messaggio-inviato.eml`)!.equals(raw), d.address);
    assert.ok(entries.get(`${folder}/01-accettazione.eml`)!.equals(bytesOf(accettazione[0].messageRowId)), d.address);
    const own = receipts.filter((r) => r.deliveryId === d.id);
    assert.equal(own.length, 1, d.address);
    assert.equal(own[0].recipient, d.address);
    assert.ok(entries.get(`${folder}/02-${own[0].type}.eml`)!.equals(bytesOf(own[0].messageRowId)), d.address);
  }

  // Sandbox receipts verify, no index is imported: integra, and the report's first line says so.
  const csv = entries.get('report.csv')!.toString('utf8');
  assert.ok(csv.startsWith('\uFEFFATTENZIONE:'));
  const lines = csv.trim().split('\r\n');
  assert.ok(lines[1].startsWith('Destinatario;Nome;Stato'));
  assert.equal(lines.length, 5);
  assert.match(lines.find((l) => l.startsWith('ufficio@'))!, new RegExp(`^ufficio@pec\\.beta\\.test;;consegnato;no;.*;${folderOf('ufficio@pec.beta.test')};;01-accettazione.eml: integra, gestore non verificato | 02-avvenuta-consegna.eml: integra, gestore non verificato$`));
  assert.match(lines.find((l) => l.startsWith('protocollo@'))!, /^protocollo@pec\.beta\.test;;consegnato;no;/);
  assert.match(lines.find((l) => l.startsWith('nessuno@'))!, /^nessuno@pec\.beta\.test;;errore;no;.*;5\.1\.1 - Beta PEC S\.r\.l\. - indirizzo non valido;\d{3}_nessuno@pec\.beta\.test;;/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(entries.get('report.xlsx')! as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  assert.equal(sheet.rowCount, 5);
  const statuses = [3, 4, 5].map((n) => `${String(sheet.getRow(n).getCell(1).value)} ${String(sheet.getRow(n).getCell(3).value)}`).sort();
  assert.deepEqual(statuses, ['nessuno@pec.beta.test errore', 'protocollo@pec.beta.test consegnato', 'ufficio@pec.beta.test consegnato']);
  assert.equal(fs.readdirSync(fx.dir).filter((n) => n.includes('.part')).length, 0, 'no partial file left behind');
});

test('a sent message recorded without its bytes still exports its receipts, and the manifest and the report say the message is missing', async () => {
  assert.equal(fx.store.readSentRaw(bytesMissing), null);
  assert.deepEqual(fx.store.dac(bytesMissing), { D: 2, A: 2, C: 2, E: 0 });
  const entries = await exported(bytesMissing, 'prove-senza-messaggio.zip');
  assertHashesHold(entries);
  assert.deepEqual(Object.fromEntries(folders(entries)), {
    'ufficio@pec.beta.test': ['01-accettazione.eml', '02-avvenuta-consegna.eml'],
    'protocollo@pec.beta.test': ['01-accettazione.eml', '02-avvenuta-consegna.eml'],
  });
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { message: { sentMessageSha256: string | null; note: string | null } };
  assert.equal(manifest.message.sentMessageSha256, null);
  assert.match(manifest.message.note ?? '', /non conservato/);
  const lines = entries.get('report.csv')!.toString('utf8').trim().split('\r\n').slice(2);
  assert.equal(lines.length, 2);
  for (const line of lines) assert.match(line, /;consegnato;.*;messaggio inviato non conservato in PecDesk: la cartella contiene solo le ricevute;/);
});

test('a stored receipt whose bytes changed stops the export with a clear error and leaves no file behind', async () => {
  const accettazione = fx.store.receiptsOf(bytesMissing).find((r) => r.type === 'accettazione')!;
  // The sync filed it in a pack (store/packStore.ts): one byte of its entry is changed there.
  const stored = readStoreDb(fx.store, (db) => db.prepare('SELECT raw_path AS relPath, raw_offset AS offset FROM messages WHERE id = ?').get(accettazione.messageRowId) as { relPath: string; offset: number | null });
  const file = path.join(fx.store.dir, stored.relPath);
  fs.chmodSync(file, 0o644);
  const bytes = fs.readFileSync(file);
  bytes[(stored.offset ?? 0) + 10] ^= 0x20;
  fs.writeFileSync(file, bytes);

  const out = path.join(fx.dir, 'prove-alterate.zip');
  const result = await exportSentEvidence({ store: fx.store, sentMessageId: bytesMissing, cutoff: Date.now() - DAY_MS, now: Date.now() }, out);
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.code, 'export-failed');
  assert.match(result.detail, new RegExp(`la ricevuta ${accettazione.id} di ufficio@pec\\.beta\\.test: .*SHA-256`));
  assert.equal(fs.existsSync(out), false);
  assert.equal(fs.readdirSync(fx.dir).filter((n) => n.includes('.part')).length, 0, 'no partial file left behind');
});
