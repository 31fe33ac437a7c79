// The mailbox archive with real stored messages: a .zip of .eml files byte-exact, the receipts of a
// sent message beside it, manifest.json and manifest.sha256 (checked with the system's sha256sum),
// read back before anything is removed; a changed stored file or a Cancel leaves no archive; an
// archive imported into another store gives the same messages, the sent one recorded as sent with
// its receipts linked, all listed in Importati.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ZipArchive } from 'archiver';
import { freeArchiveName, importMailArchive, runMailArchive, writeMailArchive, type ArchiveManifest, type RemoveFromServer } from '../../../src/main/keeping';
import { openStore, sha256Hex, type Store } from '../../../src/main/store';
import { unzip } from '../send/helpers';
import { own, real, tempDir, withStore } from '../store/helpers';

const RECEIPTS = ['richiesta-accettazione.eml', 'richiesta-consegna-ufficio.eml', 'richiesta-errore-protocollo.eml'];
const NOW = new Date('2026-12-06T10:00:00Z');

/** An account with INBOX (an envelope and the receipts of a sent message) and Sent (that message, and a copy pending sync). */
async function mailbox(store: Store): Promise<{ inbox: number; sent: number; sentRowId: number }> {
  const saved = store.saveAccount({ name: 'Mario', address: 'mario@pec.alfa.example', kind: 'pec' });
  assert.ok(saved.ok);
  const inbox = store.upsertFolder(saved.accountId, { path: 'INBOX', role: 'inbox' });
  const sent = store.upsertFolder(saved.accountId, { path: 'Posta inviata', role: 'sent' });
  assert.ok((await store.importSentMessage(own('richiesta-sent.eml'), saved.accountId)).ok);
  const placed = await store.importMessage(own('richiesta-sent.eml'), { location: { folderId: sent, uid: 1, flags: ['\\Seen'] } });
  assert.ok(placed.ok);
  for (const [i, name] of RECEIPTS.entries()) assert.ok((await store.importMessage(own(name), { location: { folderId: inbox, uid: 10 + i, flags: [] } })).ok);
  assert.ok((await store.importMessage(real('aruba-2023-posta-certificata-completa.eml'), { location: { folderId: inbox, uid: 20, flags: [] } })).ok);
  assert.ok((await store.importMessage(own('offerta-sent.eml'), { location: { folderId: sent, uid: -7, flags: ['\\Seen'] } })).ok);
  return { inbox, sent, sentRowId: placed.messageRowId };
}

test('a folder archived: every message byte-exact, the receipts beside the sent message, and sha256sum -c agrees', async () => {
  await withStore(async (store, dir) => {
    const { sent } = await mailbox(store);
    const file = freeArchiveName(dir, NOW);
    assert.equal(path.basename(file), 'PecDesk-archivio-2026-12-06.zip');
    const written = await writeMailArchive(store, file, { scope: { folderId: sent, beforeMs: null }, selection: 'Posta inviata', now: NOW });
    assert.ok(written.ok, JSON.stringify(written));
    const entries = await unzip(file);
    const account = 'mario@pec.alfa.example/Posta inviata';
    assert.deepEqual([...entries.keys()].sort(), [
      `${account}/00001-Richiesta documenti.eml`,
      `${account}/00001-Richiesta documenti.ricevute/01-accettazione.eml`,
      `${account}/00001-Richiesta documenti.ricevute/02-avvenuta-consegna.eml`,
      `${account}/00001-Richiesta documenti.ricevute/03-errore-consegna.eml`,
      `${account}/00002-Offerta tecnica.eml`,
      'manifest.json',
      'manifest.sha256',
    ].sort());
    assert.ok(entries.get(`${account}/00001-Richiesta documenti.eml`)!.equals(own('richiesta-sent.eml')));
    assert.ok(entries.get(`${account}/00001-Richiesta documenti.ricevute/02-avvenuta-consegna.eml`)!.equals(own('richiesta-consegna-ufficio.eml')));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as ArchiveManifest;
    assert.equal(manifest.files.length, 5);
    assert.deepEqual(manifest.files.filter((f) => f.sent).map((f) => f.path), [`${account}/00001-Richiesta documenti.eml`]);
    for (const f of manifest.files) assert.equal(f.sha256, sha256Hex(entries.get(f.path)!));

    const out = path.join(dir, 'unzipped');
    for (const [name, bytes] of entries) {
      fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
      fs.writeFileSync(path.join(out, name), bytes);
    }
    const check = spawnSync('sha256sum', ['-c', 'manifest.sha256'], { cwd: out, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(check.stdout.trim().split('\n').length, 6, 'every message and manifest.json');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.part')), [], 'no temporary file left');
  });
});

test('everything older than a date is archived from every folder, newer messages are not', async () => {
  await withStore(async (store, dir) => {
    await mailbox(store);
    const written = await writeMailArchive(store, path.join(dir, 'old.zip'), { scope: { folderId: null, beforeMs: Date.parse('2024-01-01') }, selection: 'prima del 2024' });
    assert.ok(written.ok, JSON.stringify(written));
    const names = [...(await unzip(path.join(dir, 'old.zip'))).keys()].filter((n) => n.endsWith('.eml'));
    assert.deepEqual(names, ['mario@pec.alfa.example/INBOX/00001-[XDCR] xdcr_2022_02_00583.txt.eml'], 'the 2023 envelope only: the 2024 messages stay out');
  });
});

test('a stored message whose bytes changed stops the archive, and nothing is left under its name', async () => {
  await withStore(async (store, dir) => {
    const { sentRowId } = await mailbox(store);
    const rawFile = path.join(dir, store.getMessage(sentRowId)!.rawPath);
    fs.chmodSync(rawFile, 0o644);
    fs.appendFileSync(rawFile, 'altered');
    const file = path.join(dir, 'a.zip');
    const written = await writeMailArchive(store, file, { scope: { messageRowIds: [sentRowId] }, selection: 'scelti' });
    assert.equal(written.ok ? null : written.code, 'changed');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.zip') || n.endsWith('.part')), []);
  });
});

test('Cancel stops the archive with nothing half-written, and nothing is removed from the server', async () => {
  await withStore(async (store, dir) => {
    const { inbox } = await mailbox(store);
    const controller = new AbortController();
    const asked: number[][] = [];
    const result = await runMailArchive(store, path.join(dir, 'a.zip'), {
      scope: { folderId: inbox, beforeMs: null },
      selection: 'INBOX',
      signal: controller.signal,
      onProgress: (p) => p.done === 2 && controller.abort(),
      removeFromServer: async (_folder, ids) => (asked.push(ids), { ok: true, count: ids.length }),
    });
    assert.equal(result.ok ? null : result.code, 'cancelled');
    assert.deepEqual(asked, []);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.zip') || n.endsWith('.part')), []);
  });
});

test('removal from the server comes after the read-back, for the messages on the server only (not a copy pending sync)', async () => {
  await withStore(async (store, dir) => {
    const { sent, sentRowId } = await mailbox(store);
    const asked: [number, number[]][] = [];
    const remove: RemoveFromServer = async (folderId, ids) => {
      asked.push([folderId, ids]);
      assert.ok(fs.existsSync(path.join(dir, 'a.zip')), 'the archive is in place before any removal');
      return { ok: true, count: ids.length };
    };
    const result = await runMailArchive(store, path.join(dir, 'a.zip'), { scope: { folderId: sent, beforeMs: null }, selection: 'Posta inviata', removeFromServer: remove });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(asked, [[sent, [sentRowId]]]);
    assert.equal(result.value.removed, 1);
    assert.equal(result.value.messages, 2);
    assert.equal(result.value.receipts, 3);
  });
});

test('an archive imported into another store: same bytes, the sent message recorded as sent with its receipts linked, all in Importati', async () => {
  await withStore(async (store, dir) => {
    const { sent, inbox } = await mailbox(store);
    const file = path.join(dir, 'a.zip');
    assert.ok((await writeMailArchive(store, file, { scope: { folderId: sent, beforeMs: null }, selection: 'Posta inviata' })).ok);
    assert.ok((await writeMailArchive(store, path.join(dir, 'b.zip'), { scope: { folderId: inbox, beforeMs: null }, selection: 'INBOX' })).ok);
    const other = tempDir();
    const target = openStore(other.dir);
    try {
      const report = await importMailArchive(target, file, { accountId: null });
      assert.deepEqual(report, { stored: 5, alreadyPresent: 0, sent: 1, changed: [], failed: [] });
      const sentRow = target.findSentByMessageId('20240515.abc123@client.example');
      assert.ok(sentRow);
      assert.equal(target.receiptsOf(sentRow.id).length, 3, 'its receipts are linked to it again');
      assert.equal(target.listMessages({ folderId: null, offset: 0, limit: 50, sort: 'date', direction: 'desc' }).total, 5);
      const again = await importMailArchive(target, path.join(dir, 'b.zip'), { accountId: null });
      assert.equal(again.stored, 1, 'only the envelope is new: the receipts were beside the sent message');
      assert.equal(again.alreadyPresent, 3);
    } finally {
      target.close();
      other.cleanup();
    }
  });
});

test('a file that differs from the manifest is stored all the same and named; a folder of .eml files imports too', async () => {
  await withStore(async (store, dir) => {
    const changed = Buffer.concat([own('richiesta-sent.eml'), Buffer.from('\r\n')]);
    const manifest = { format: 'pecdesk-archive', version: 1, generatedAt: NOW.toISOString(), algorithm: 'SHA-256', selection: 'x',
      files: [{ path: 'a/1.eml', sha256: sha256Hex(own('richiesta-sent.eml')), size: 1, role: 'message', kind: 'ordinary', sent: false, account: null, folder: null }] };
    const zipFile = path.join(dir, 'z.zip');
    const zip = new ZipArchive({ zlib: { level: 1 } });
    const out = fs.createWriteStream(zipFile);
    const closed = new Promise<void>((resolve) => out.on('close', () => resolve()));
    zip.pipe(out);
    zip.append(changed, { name: 'a/1.eml' });
    zip.append(JSON.stringify(manifest), { name: 'manifest.json' });
    await zip.finalize();
    await closed;
    const report = await importMailArchive(store, zipFile, { accountId: null });
    assert.deepEqual(report.changed, ['a/1.eml']);
    assert.equal(report.stored, 1);

    const folder = path.join(dir, 'emls');
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'sub', 'busta.eml'), real('aruba-2014-posta-certificata-completa.eml'));
    fs.writeFileSync(path.join(folder, 'nota.txt'), 'not mail');
    const fromFolder = await importMailArchive(store, folder, { accountId: null });
    assert.deepEqual(fromFolder, { stored: 1, alreadyPresent: 0, sent: 0, changed: [], failed: [] });
    assert.equal(store.importedSummary().total, 2);
  });
});

test('the unfinished archive of a PecDesk killed while writing is removed by the next archive in that folder; a living writer\'s is kept', async () => {
  await withStore(async (store, dir) => {
    const { sent } = await mailbox(store);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    // A real writer killed with SIGKILL halfway through its zip: no clean-up ran in it.
    const script = `const { partFileFor, ZipFileWriter } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/main/send/zip.ts'))});
      const w = new ZipFileWriter(partFileFor(${JSON.stringify(path.join(out, 'PecDesk-archivio-2026-12-05.zip'))}));
      w.append('a.eml', Buffer.alloc(1 << 20, 65), new Date()).then(() => process.stdout.write('writing\\n'));
      setInterval(() => undefined, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const abandoned = `.PecDesk-archivio-2026-12-05.zip.${child.pid}.part`;
    assert.ok(fs.existsSync(path.join(out, abandoned)), 'the killed writer had started its part');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const living = `.PecDesk-archivio-2026-12-04.zip.${process.pid}.part`;
    fs.writeFileSync(path.join(out, living), 'being written by this process');
    const other = '.notes.txt.123.part';
    fs.writeFileSync(path.join(out, other), 'not an archive of ours');

    const written = await writeMailArchive(store, freeArchiveName(out, NOW), { scope: { folderId: sent, beforeMs: null }, selection: 'Posta inviata', now: NOW });
    assert.ok(written.ok, JSON.stringify(written));
    assert.deepEqual(fs.readdirSync(out).sort(), [living, other, 'PecDesk-archivio-2026-12-06.zip'].sort());
  });
});
