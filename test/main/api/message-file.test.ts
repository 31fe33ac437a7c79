// "Salva .eml": the message as a file, byte for byte, so its provider signature still verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenedFile } from '../../../src/shared/api-values';
import { chooseFolder, FIXTURES, startApi } from './helpers';

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

test('a stored delivery receipt is saved byte for byte, named by its subject and recipient, and its signature still verifies', async (t) => {
  const { api, services, saveDir } = await startApi(t);
  const raw = fixture('aruba-2018-avvenuta-consegna-completa.eml');
  const stored = await services.store.importMessage(raw);
  assert.ok(stored.ok);
  const saved = await api.dispatch('saveMessage', { ref: { messageId: stored.messageRowId }, folder: await chooseFolder(api), overwrite: false });
  assert.ok(saved.ok, JSON.stringify(saved));
  const [name] = fs.readdirSync(saveDir);
  assert.equal(name, 'CONSEGNA_ IT03339130126_00009.xml - l.battistini@pec.it.eml');
  assert.deepEqual(saved.value, { saved: [path.join(saveDir, name)] });
  const written = fs.readFileSync(path.join(saveDir, name));
  assert.ok(written.equals(raw), 'the very bytes the provider signed');
  // openssl checks the CMS signature over the signed part (not the chain: -noverify).
  execFileSync('openssl', ['smime', '-verify', '-noverify', '-in', path.join(saveDir, name), '-out', '/dev/null'], { stdio: 'pipe' });
});

test('an envelope opened from disk saves under its subject, and a second save asks before replacing the file', async (t) => {
  const { api, saveDir } = await startApi(t);
  const raw = fixture('aruba-2023-posta-certificata-completa.eml');
  const opened = await api.dispatch('openEml', { name: 'busta.eml', dataBase64: raw.toString('base64') });
  assert.ok(opened.ok);
  const ref = (opened.value as OpenedFile).view.ref;
  const first = await api.dispatch('saveMessage', { ref, folder: await chooseFolder(api), overwrite: false });
  assert.ok(first.ok, JSON.stringify(first));
  assert.deepEqual(fs.readdirSync(saveDir), ['POSTA CERTIFICATA_ [XDCR] xdcr_2022_02_00583.txt.eml']);
  const again = await api.dispatch('saveMessage', { ref, folder: await chooseFolder(api), overwrite: false });
  assert.equal(!again.ok && again.error.code, 'exists');
  assert.deepEqual(!again.ok && again.error.items, ['POSTA CERTIFICATA_ [XDCR] xdcr_2022_02_00583.txt.eml']);
});

test('a folder token is good for one save: a made-up one, a used one, or one whose folder is gone saves nothing', async (t) => {
  const { api, services, saveDir } = await startApi(t);
  const stored = await services.store.importMessage(fixture('aruba-2018-accettazione.eml'));
  assert.ok(stored.ok);
  const ref = { messageId: stored.messageRowId };
  const madeUp = await api.dispatch('saveMessage', { ref, folder: 'ab'.repeat(16), overwrite: false });
  assert.equal(!madeUp.ok && madeUp.error.code, 'not-found');
  const token = await chooseFolder(api);
  assert.ok((await api.dispatch('saveMessage', { ref, folder: token, overwrite: false })).ok);
  const reused = await api.dispatch('saveMessage', { ref, folder: token, overwrite: true });
  assert.equal(!reused.ok && reused.error.code, 'not-found', 'a used token is gone');
  fs.rmSync(saveDir, { recursive: true });
  const missingFolder = await api.dispatch('saveMessage', { ref, folder: await chooseFolder(api), overwrite: false });
  assert.equal(!missingFolder.ok && missingFolder.error.code, 'not-found');
  assert.equal(!missingFolder.ok && missingFolder.error.reason, 'save-folder-missing');
  assert.deepEqual(!missingFolder.ok && missingFolder.error.params, { folder: saveDir });
  fs.mkdirSync(saveDir);
});

test('saving a message that does not exist is a clear error and writes nothing', async (t) => {
  const { api, services, saveDir } = await startApi(t);
  const stored = await services.store.importMessage(fixture('aruba-2018-accettazione.eml'));
  assert.ok(stored.ok);
  const missingMessage = await api.dispatch('saveMessage', { ref: { messageId: stored.messageRowId + 100 }, folder: await chooseFolder(api), overwrite: false });
  assert.equal(!missingMessage.ok && missingMessage.error.code, 'not-found');
  assert.deepEqual(fs.readdirSync(saveDir), []);
});
