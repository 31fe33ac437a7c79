// "Salva .eml": the message as a file, byte for byte, so its provider signature still verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenedFile } from '../../../src/shared/api-values';
import { FIXTURES, startApi } from './helpers';

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

test('a stored delivery receipt is saved byte for byte, named by its subject and recipient, and its signature still verifies', async (t) => {
  const { api, services, saveDir } = await startApi(t);
  const raw = fixture('aruba-2018-avvenuta-consegna-completa.eml');
  const stored = await services.store.importMessage(raw);
  assert.ok(stored.ok);
  const saved = await api.dispatch('saveMessage', { ref: { messageId: stored.messageRowId }, dir: saveDir, overwrite: false });
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
  const first = await api.dispatch('saveMessage', { ref, dir: saveDir, overwrite: false });
  assert.ok(first.ok, JSON.stringify(first));
  assert.deepEqual(fs.readdirSync(saveDir), ['POSTA CERTIFICATA_ [XDCR] xdcr_2022_02_00583.txt.eml']);
  const again = await api.dispatch('saveMessage', { ref, dir: saveDir, overwrite: false });
  assert.equal(!again.ok && again.error.code, 'exists');
  assert.deepEqual(!again.ok && again.error.items, ['POSTA CERTIFICATA_ [XDCR] xdcr_2022_02_00583.txt.eml']);
});

test('saving into a folder that does not exist, or a message that does not, is a clear error and writes nothing', async (t) => {
  const { api, services, saveDir } = await startApi(t);
  const stored = await services.store.importMessage(fixture('aruba-2018-accettazione.eml'));
  assert.ok(stored.ok);
  const ref = { messageId: stored.messageRowId };
  const missingFolder = await api.dispatch('saveMessage', { ref, dir: path.join(saveDir, 'manca'), overwrite: false });
  assert.equal(!missingFolder.ok && missingFolder.error.code, 'not-found');
  assert.match(!missingFolder.ok ? missingFolder.error.message : '', /does not exist/);
  const relative = await api.dispatch('saveMessage', { ref, dir: 'relativa', overwrite: false });
  assert.equal(!relative.ok && relative.error.code, 'not-found');
  const missingMessage = await api.dispatch('saveMessage', { ref: { messageId: stored.messageRowId + 100 }, dir: saveDir, overwrite: false });
  assert.equal(!missingMessage.ok && missingMessage.error.code, 'not-found');
  assert.deepEqual(fs.readdirSync(saveDir), []);
});
