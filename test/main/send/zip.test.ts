// publishPart: a finished archive goes under its final name only once its bytes are on disk, and
// the rename is made durable too, so a power cut never leaves an empty evidence zip behind.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { partFileFor, publishPart } from '../../../src/main/send';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-zip-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('publishPart fsyncs the part, renames it over the final name, then fsyncs the folder', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'prove.zip');
  fs.writeFileSync(file, 'the archive of an earlier export');
  const part = partFileFor(file);
  fs.writeFileSync(part, 'PK the new archive');
  const steps: string[] = [];
  const opened = new Map<number, string>();
  const { openSync, fsyncSync, renameSync } = fs;
  mock.method(fs, 'openSync', (...args: Parameters<typeof fs.openSync>) => {
    const fd = openSync(...args);
    opened.set(fd, String(args[0]));
    return fd;
  });
  mock.method(fs, 'fsyncSync', (fd: number) => {
    steps.push(`fsync ${path.relative(dir, opened.get(fd) ?? '?') || '.'}`);
    fsyncSync(fd);
  });
  mock.method(fs, 'renameSync', (from: fs.PathLike, to: fs.PathLike) => {
    steps.push(`rename ${path.basename(String(from))} -> ${path.basename(String(to))}`);
    renameSync(from, to);
  });
  try {
    publishPart(part, file);
  } finally {
    mock.restoreAll();
  }
  assert.deepEqual(steps, [`fsync ${path.basename(part)}`, `rename ${path.basename(part)} -> prove.zip`, 'fsync .']);
  assert.equal(fs.readFileSync(file, 'utf8'), 'PK the new archive');
  assert.equal(fs.existsSync(part), false);
});

test('publishPart of a part that is not there throws and leaves the file under the final name as it was', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'prove.zip');
  fs.writeFileSync(file, 'the archive of an earlier export');
  assert.throws(() => publishPart(partFileFor(file), file), { code: 'ENOENT' });
  assert.equal(fs.readFileSync(file, 'utf8'), 'the archive of an earlier export');
});
