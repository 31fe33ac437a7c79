import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveFiles } from '../../../src/main/attachments';

function tempTree(t: { after(fn: () => void): void }): { root: string; folder: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-save-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const folder = path.join(root, 'scelta', 'cartella');
  fs.mkdirSync(folder, { recursive: true });
  return { root, folder };
}

test('whatever the names say, every file lands in the chosen folder and nowhere else', async (t) => {
  const { root, folder } = tempTree(t);
  const names = ['../../x', '../../../../../../tmp/evil', '/etc/cron.d/job', 'C:\\Windows\\win.ini', '\\\\server\\share\\y', 'a\0b.txt', '..', '.', '', 'sub/dir/', 'CON', 'nul.txt'];
  const res = await saveFiles(folder, names.map((name, i) => ({ name, content: Buffer.from(String(i)) })), false);
  assert.ok(res.ok, JSON.stringify(res));
  assert.equal(res.saved.length, names.length);
  for (const file of res.saved) assert.equal(path.dirname(file), folder, file);
  assert.deepEqual(fs.readdirSync(folder).sort(), ['_CON', '_nul.txt', 'a_b.txt', 'allegato', 'allegato (2)', 'allegato (3)', 'allegato (4)', 'evil', 'job', 'win.ini', 'x', 'y'].sort());
  assert.deepEqual(fs.readdirSync(path.join(root, 'scelta')), ['cartella']);
  assert.deepEqual(fs.readdirSync(root), ['scelta']);
});

test('a folder that is relative, missing or carries a NUL byte is refused and nothing is written', async (t) => {
  const { root, folder } = tempTree(t);
  const files = [{ name: 'a.txt', content: Buffer.from('a') }];
  for (const dir of ['relativa/cartella', '../..', path.join(folder, 'manca'), `${folder}\0/../..`, `${folder}/\0`]) {
    const res = await saveFiles(dir, files, false);
    assert.equal(res.ok ? 'ok' : res.code, 'bad-folder', JSON.stringify(dir));
  }
  assert.deepEqual(fs.readdirSync(folder), []);
  assert.deepEqual(fs.readdirSync(root), ['scelta']);
});
