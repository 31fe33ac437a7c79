import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatLine, LOG_FILE_NAME, openLog } from '../../../src/main/diagnostics';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-log-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a line is one line: newlines in a server answer cannot forge a second entry', () => {
  const line = formatLine('warn', 'sync', { account: 3, code: 'auth-failed', message: 'NO [AUTHENTICATIONFAILED]\r\n2026-01-01T00:00:00Z ERROR fake' }, new Date('2026-12-06T10:00:00Z'));
  assert.equal(line, '2026-12-06T10:00:00.000Z WARN sync account=3 code=auth-failed message="NO [AUTHENTICATIONFAILED] 2026-01-01T00:00:00Z ERROR fake"');
});

test('the log rotates by size and keeps only a few old files, and the tail reads across the rotation', (t) => {
  const dir = path.join(tempDir(t), 'logs');
  const log = openLog(dir, { maxBytes: 2_000, keep: 2 });
  for (let i = 1; i <= 200; i++) log.write('info', 'event', { n: i });
  const files = fs.readdirSync(dir).sort();
  assert.deepEqual(files, [LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
  for (const f of files) assert.ok(fs.statSync(path.join(dir, f)).size <= 2_000, `${f} is larger than the limit`);
  const current = fs.readFileSync(path.join(dir, LOG_FILE_NAME), 'utf8').trim().split('\n');
  const tail = log.tail(current.length + 5);
  assert.equal(tail.length, current.length + 5, 'the tail reaches into pecdesk.log.1');
  assert.deepEqual(
    tail.map((l) => Number(/ n=(\d+)$/.exec(l)?.[1])),
    Array.from({ length: tail.length }, (_, i) => 200 - tail.length + 1 + i),
    'the newest lines, oldest first, with nothing lost at the rotation',
  );
});

test('a log reopened after a restart goes on appending to the same file', (t) => {
  const dir = tempDir(t);
  openLog(dir).write('info', 'startup', { version: '0.1.0' });
  openLog(dir).write('info', 'startup', { version: '0.1.1' });
  assert.deepEqual(
    openLog(dir).tail(10).map((l) => l.split(' ').slice(1).join(' ')),
    ['INFO startup version=0.1.0', 'INFO startup version=0.1.1'],
  );
});
