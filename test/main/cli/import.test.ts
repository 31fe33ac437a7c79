import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { REAL_DIR, STORE_FIXTURES, own, real, runCli, tempDir } from '../store/helpers';

/** Writes a zip of the given entries (Buffer or stream) with archiver, as a user's archive tool would. */
async function writeZip(file: string, entries: [string, Buffer | Readable][]): Promise<void> {
  const out = fs.createWriteStream(file);
  const zip = new ZipArchive({ zlib: { level: 1 } });
  zip.pipe(out);
  for (const [name, data] of entries) zip.append(data, { name });
  await zip.finalize();
  await new Promise<void>((resolve) => out.on('close', () => resolve()));
}

test('importing files prints what was stored, and lists unreadable files by name', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = path.join(dir, 'store');
    const files = [path.join(REAL_DIR, 'aruba-2018-accettazione.eml'), path.join(STORE_FIXTURES, 'not-a-message.eml')];
    const first = await runCli(['import', '--store', store, ...files]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^stored: 2, already present: 0, unreadable \(stored and flagged\): 1$/m);
    assert.match(first.stdout, /^unreadable: .*not-a-message\.eml \(not-a-message: /m);
    const second = await runCli(['import', '--store', store, '--json', ...files]);
    assert.equal(second.code, 0, second.stderr);
    const report = JSON.parse(second.stdout);
    assert.equal(report.stored, 0);
    assert.equal(report.alreadyPresent, 2);
    assert.equal(report.unreadable, 1);
    assert.deepEqual(report.failed, []);
  } finally {
    cleanup();
  }
});

test('a folder tree and a zip archive of messages are imported, each message once', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const tree = path.join(dir, 'export');
    fs.mkdirSync(path.join(tree, '2018', 'novembre'), { recursive: true });
    fs.copyFileSync(path.join(REAL_DIR, 'aruba-2018-accettazione.eml'), path.join(tree, '2018', 'ACCETTAZIONE.eml'));
    fs.copyFileSync(path.join(REAL_DIR, 'aruba-2018-avvenuta-consegna-completa.eml'), path.join(tree, '2018', 'novembre', 'CONSEGNA.EML'));
    fs.writeFileSync(path.join(tree, 'leggimi.txt'), 'not a message, and not named .eml: skipped');
    const zip = path.join(dir, 'archivio.zip');
    await writeZip(zip, [
      ['ricevute/accettazione.eml', real('aruba-2018-accettazione.eml')],
      ['ricevute/errore.eml', real('fakepec-2024-errore-consegna-no-dest-anonymized.eml')],
      ['ricevute/indice.csv', Buffer.from('nome;data\n')],
    ]);
    const result = await runCli(['import', '--store', path.join(dir, 'store'), '--json', tree, zip]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { stored: 3, alreadyPresent: 1, unreadable: 0, unreadableFiles: [], failed: [] });
  } finally {
    cleanup();
  }
});

test('a missing path stops the import with one line and exit code 2, before anything is stored', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = path.join(dir, 'store');
    const result = await runCli(['import', '--store', store, path.join(REAL_DIR, 'aruba-2018-accettazione.eml'), path.join(dir, 'manca.eml')]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /manca\.eml: no such file or folder/);
    assert.equal(fs.existsSync(store), false);
  } finally {
    cleanup();
  }
});

test('an archive entry named ../../x.eml is read in memory: stored, nothing written outside the store', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const work = path.join(dir, 'a', 'b');
    fs.mkdirSync(work, { recursive: true });
    const zip = path.join(work, 'ostile.zip');
    // archiver cleans "../" out of names, so the hostile name is patched into the finished
    // archive (same length, in the local header and the central directory), as an attacker would.
    // The entry is not a message, so the import names it in its report.
    await writeZip(zip, [['XX/XX/fuori\u001b[2J.eml', own('not-a-message.eml')]]);
    const patched = fs.readFileSync(zip).toString('latin1').replaceAll('XX/XX/', '../../');
    assert.equal(patched.split('../../fuori').length, 3);
    fs.writeFileSync(zip, Buffer.from(patched, 'latin1'));
    const result = await runCli(['import', '--store', path.join(work, 'store'), zip]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^stored: 1,/);
    assert.ok(result.stdout.includes(`unreadable: ${zip}:../../fuori`), result.stdout);
    assert.ok(!result.stdout.includes('\u001b'), 'control characters of entry names never reach the terminal');
    assert.deepEqual(fs.readdirSync(dir), ['a']);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'a')), ['b']);
    assert.deepEqual(fs.readdirSync(work).sort(), ['ostile.zip', 'store']);
  } finally {
    cleanup();
  }
});

test('a zip entry that expands past 128 MiB is refused without being read into memory', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const zip = path.join(dir, 'bomba.zip');
    const mib = Buffer.alloc(1024 * 1024);
    let sent = 0;
    // 130 MiB of zeros deflate to about 600 KB.
    const zeros = new Readable({ read() { this.push(sent++ < 130 ? mib : null); } });
    await writeZip(zip, [['bomba.eml', zeros], ['ricevuta.eml', real('aruba-2018-accettazione.eml')]]);
    const result = await runCli(['import', '--store', path.join(dir, 'store'), '--json', zip]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout);
    assert.equal(report.stored, 1);
    assert.equal(report.failed.length, 1);
    assert.match(report.failed[0].name, /bomba\.zip:bomba\.eml$/);
    assert.match(report.failed[0].reason, /expands to 136314880 bytes/);
  } finally {
    cleanup();
  }
});
