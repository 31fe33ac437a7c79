// Archive entry names come from addresses the user typed or imported: whatever they hold, every
// folder in the evidence zip is a single safe name, and unzipping it writes nothing outside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, sha256Hex } from '../../../src/main/store';
import { writeEvidenceArchive, type RecipientEvidence } from '../../../src/main/send/evidence-archive';
import { unzip } from './helpers';

const HOSTILE = ['../../x@pec.alfa.test', '/etc/passwd', 'C:\\Windows\\win.ini', 'CON', 'nul.txt', 'a\u202Efdp.exe@pec.alfa.test', 'x\0y@pec.alfa.test', 'pipe|star*@q?.test', ` ${'lungo'.repeat(80)}@pec.alfa.test. `, '..'];

test('every folder of the evidence zip is one safe name, whatever the recipient address holds', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-evidence-'));
  const store = openStore(path.join(dir, 'store'));
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const raw = Buffer.from('From: a@pec.alfa.test\r\nSubject: prova\r\n\r\ncorpo\r\n');
  const recipients: RecipientEvidence[] = HOSTILE.map((address) => ({
    line: { address, name: null, status: 'delivered', overdue: false, submittedAt: null, acceptedAt: null, deliveredAt: null, errorAt: null, identificativo: null, messageId: null, error: null },
    sent: () => ({ ok: true, raw, sha256: sha256Hex(raw) }),
    receipts: [],
  }));
  const file = path.join(dir, 'prove.zip');
  const res = await writeEvidenceArchive({ store, about: { subject: '../../prova' }, recipients, now: Date.parse('2026-01-01T00:00:00Z') }, file);
  assert.ok(res.ok, JSON.stringify(res));

  // yauzl itself refuses absolute paths, "..", backslashes: reading the archive at all is part of the check.
  const names = [...(await unzip(file)).keys()];
  const folders = names.filter((n) => n.includes('/')).map((n) => n.split('/'));
  assert.equal(folders.length, HOSTILE.length);
  for (const parts of folders) {
    assert.equal(parts.length, 2, parts.join('/'));
    const [folder] = parts;
    assert.match(folder, /^\d{3}_/);
    assert.doesNotMatch(folder, /[\\/:*?"<>|\p{Cc}\u202e]/u, folder);
    assert.doesNotMatch(folder, /[.\s]$/, folder);
    assert.ok(Buffer.byteLength(folder) <= 210, folder);
  }
  assert.equal(new Set(folders.map(([f]) => f)).size, HOSTILE.length, 'every recipient has its own folder');
  assert.ok(folders.some(([f]) => f === '002_passwd'), folders.join(' '));
  assert.ok(folders.some(([f]) => f === '006_afdp.exe@pec.alfa.test'), folders.join(' '));
  assert.ok(folders.some(([f]) => f === '010_destinatario'), folders.join(' '));
});
