// "Importati" through the API: an .eml opened from disk and kept is stored byte-exact and listed there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportedFolderView, KeptFile } from '../../../src/shared/api-keeping';
import type { MessagePage, OpenedFile } from '../../../src/shared/api-values';
import { demoPdf, demoSigningIdentity, signAsP7m } from '../../../src/main/webbridge/demo-documents';
import { FIXTURES, startApi } from './helpers';

const page = { offset: 0, limit: 50, sort: 'date', direction: 'desc' } as const;
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

test('an opened .eml is not stored until kept; kept, it is in Importati byte for byte and reads as before', async (t) => {
  const { api, services } = await startApi(t);
  const bytes = fixture('aruba-2023-posta-certificata-completa.eml');
  const opened = await api.dispatch('openEml', { name: 'busta.eml', dataBase64: bytes.toString('base64') });
  assert.ok(opened.ok);
  const { fileId } = opened.value as OpenedFile;
  const before = await api.dispatch('getImportedFolder', {});
  assert.deepEqual(before.ok && before.value, { total: 0, unread: 0 }, 'opening a file stores nothing');

  const kept = await api.dispatch('keepOpenedFile', { fileId });
  assert.ok(kept.ok, JSON.stringify(kept));
  const { messageId, created } = kept.value as KeptFile;
  assert.equal(created, true);
  const listed = await api.dispatch('listImported', page);
  assert.ok(listed.ok);
  const rows = (listed.value as MessagePage).rows;
  assert.deepEqual(rows.map((r) => [r.id, r.kind, r.from?.address]), [[messageId, 'envelope', 'sviluppo@pec.datamanagementitalia.it']]);
  const raw = services.store.readMessageRaw(messageId);
  assert.equal(raw?.ok && sha256(raw.raw), sha256(bytes));
  const folder = await api.dispatch('getImportedFolder', {});
  assert.deepEqual(folder.ok && (folder.value as ImportedFolderView), { total: 1, unread: 1 });

  const again = await api.dispatch('keepOpenedFile', { fileId });
  assert.deepEqual(again.ok && again.value, { messageId, created: false });
  const view = await api.dispatch('getMessage', { ref: { messageId } });
  assert.ok(view.ok, 'the kept message opens from the store');
});

test('keeping a file no longer open, or a signed document that is not mail, is refused in words and stores nothing', async (t) => {
  const { api } = await startApi(t);
  const gone = await api.dispatch('keepOpenedFile', { fileId: 'ab'.repeat(16) });
  assert.equal(gone.ok ? null : gone.error.code, 'not-found');
  assert.equal(gone.ok ? null : gone.error.reason, 'opened-file-gone-keep');

  const p7m = signAsP7m(demoPdf('Procura alle liti'), demoSigningIdentity({ commonName: 'Marco Rossi', fiscalCode: 'RSSMRC70A01H501U', email: 'marco.rossi@pec.alfa.test' }));
  const opened = await api.dispatch('openEml', { name: 'procura.pdf.p7m', dataBase64: p7m.toString('base64') });
  assert.ok(opened.ok, JSON.stringify(opened));
  const refused = await api.dispatch('keepOpenedFile', { fileId: (opened.value as OpenedFile).fileId });
  assert.equal(refused.ok ? null : refused.error.code, 'unsupported');
  const folder = await api.dispatch('getImportedFolder', {});
  assert.deepEqual(folder.ok && folder.value, { total: 0, unread: 0 });
});

test('printing asks the host: the browser build answers unsupported (the page prints its print view), a missing message is not-found', async (t) => {
  const { api, services } = await startApi(t);
  const stored = await services.store.importMessage(fixture('aruba-2023-posta-certificata-completa.eml'), { importedFrom: 'file' });
  assert.ok(stored.ok);
  const web = await api.dispatch('printMessage', { messageId: stored.messageRowId, pdf: true });
  assert.equal(web.ok ? null : web.error.code, 'unsupported');
  const missing = await api.dispatch('printMessage', { messageId: 999_999, pdf: false });
  assert.equal(missing.ok ? null : missing.error.code, 'not-found');
});
