// "Archivia…" through the API: the archive goes into the folder of a one-use chooseFolder token,
// read back and verified; importing it back stores its messages in Importati.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveImportView, ArchiveProgressEvent, ArchiveReportView } from '../../../src/shared/api-keeping';
import { chooseFolder, FIXTURES, startApi } from './helpers';

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

test('chosen messages are archived into the chosen folder, verified, with progress; the token is used up', async (t) => {
  const { api, services, saveDir } = await startApi(t);
  const ids: number[] = [];
  for (const name of ['aruba-2023-posta-certificata-completa.eml', 'aruba-2018-accettazione.eml']) {
    const stored = await services.store.importMessage(fixture(name), { importedFrom: 'file' });
    assert.ok(stored.ok);
    ids.push(stored.messageRowId);
  }
  const events: ArchiveProgressEvent[] = [];
  api.onEvent((e) => e.type === 'archive-progress' && events.push(e));
  const folder = await chooseFolder(api);
  const archived = await api.dispatch('archiveMessages', { scope: { messageIds: ids }, folder, removeFromServer: false });
  assert.ok(archived.ok, JSON.stringify(archived));
  const report = archived.value as ArchiveReportView;
  assert.match(report.fileName, /^PecDesk-archivio-\d{4}-\d{2}-\d{2}\.zip$/);
  assert.deepEqual([report.messages, report.receipts, report.verified, report.removed], [2, 0, true, 0]);
  assert.deepEqual(fs.readdirSync(saveDir), [report.fileName]);
  assert.ok(events.some((e) => e.phase === 'writing') && events.some((e) => e.phase === 'verifying'));

  const reused = await api.dispatch('archiveMessages', { scope: { messageIds: ids }, folder, removeFromServer: false });
  assert.equal(reused.ok ? null : reused.error.code, 'not-found', 'a token is good for one archive');

  const zip = fs.readFileSync(path.join(saveDir, report.fileName));
  const imported = await api.dispatch('importArchive', { name: report.fileName, dataBase64: zip.toString('base64') });
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.deepEqual(imported.value as ArchiveImportView, { stored: 0, alreadyPresent: 2, sent: 0, changed: [], failed: [] });
});

test('an archive of nothing, a scope without folder or date, and a file that is no archive are refused in words', async (t) => {
  const { api } = await startApi(t);
  const empty = await api.dispatch('archiveMessages', { scope: { before: '2000-01-01' }, folder: await chooseFolder(api), removeFromServer: false });
  assert.equal(empty.ok ? null : empty.error.code, 'not-found');
  assert.equal(empty.ok ? null : empty.error.reason, 'archive-nothing-selected');
  assert.match(empty.ok ? '' : empty.error.message, /Nessun messaggio/, 'the engine words it in Italian for the log and the CLI');
  const vague = await api.dispatch('archiveMessages', { scope: {}, folder: await chooseFolder(api), removeFromServer: true });
  assert.equal(vague.ok ? null : vague.error.code, 'invalid-request');
  const notZip = await api.dispatch('importArchive', { name: 'nota.txt', dataBase64: Buffer.from('x').toString('base64') });
  assert.equal(notZip.ok ? null : notZip.error.code, 'unsupported');
});
