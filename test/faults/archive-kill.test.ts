// An archive run killed with SIGKILL while it writes (a crash, a power cut as the process sees it):
// no file is left under the archive's name, only the hidden temporary one, and nothing was removed
// from the store; run again, the archive is whole and reads back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { verifyMailArchive, writeMailArchive } from '../../src/main/keeping';
import { openStore } from '../../src/main/store';
import { real, tempDir } from '../main/store/helpers';

const repoRoot = path.resolve(__dirname, '../..');
const FIXTURES = ['aruba-2014-posta-certificata-completa.eml', 'aruba-2018-accettazione.eml', 'aruba-2023-posta-certificata-completa.eml', 'aruba-2018-avvenuta-consegna-completa.eml'];

// The child: archives the imported messages and kills itself with SIGKILL after the second message.
const child = `
import { writeMailArchive } from './src/main/keeping';
import { openStore } from './src/main/store';
const [dir, file] = process.argv.slice(-2);
const store = openStore(dir);
void writeMailArchive(store, file, {
  scope: { messageRowIds: store.listMessages({ folderId: null, offset: 0, limit: 50, sort: 'date', direction: 'asc' }).rows.map((r) => r.id) },
  selection: 'kill test',
  onProgress: (p) => { if (p.done === 2) process.kill(process.pid, 'SIGKILL'); },
});
`;

test('kill -9 while an archive is written leaves no archive under its name; run again, it is whole', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = openStore(dir);
    for (const name of FIXTURES) assert.ok((await store.importMessage(real(name), { importedFrom: 'file' })).ok);
    store.close();
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const file = path.join(out, 'PecDesk-archivio.zip');

    const killed = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, dir, file], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    assert.ok(!fs.existsSync(file), 'no archive under its name');
    assert.ok(fs.readdirSync(out).every((n) => n.startsWith('.') && n.endsWith('.part')), fs.readdirSync(out).join(', '));

    const again = openStore(dir);
    try {
      assert.equal(again.importedSummary().total, FIXTURES.length, 'the store lost nothing');
      const ids = again.listMessages({ folderId: null, offset: 0, limit: 50, sort: 'date', direction: 'asc' }).rows.map((r) => r.id);
      const written = await writeMailArchive(again, file, { scope: { messageRowIds: ids }, selection: 'again' });
      assert.ok(written.ok, JSON.stringify(written));
      const verified = await verifyMailArchive(file, written.value.files);
      assert.ok(verified.ok, JSON.stringify(verified));
      assert.equal(verified.verified.length, FIXTURES.length);
    } finally {
      again.close();
    }
  } finally {
    cleanup();
  }
});
