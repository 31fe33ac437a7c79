import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markAsDownloaded, quarantineValue, zoneIdentifier } from '../../../src/main/attachments';

test('the Mark of the Web says "Internet zone" in the form Windows reads', () => {
  assert.equal(zoneIdentifier(), '[ZoneTransfer]\r\nZoneId=3\r\n');
});

test('the macOS quarantine value carries the flags, the time in hex seconds and the app', () => {
  assert.equal(quarantineValue(new Date('2026-01-01T00:00:00Z')), `0081;${(1767225600).toString(16)};PecDesk;`);
});

test('on Linux marking is a no-op that neither fails nor touches the file', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-mark-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'fattura.exe');
  fs.writeFileSync(file, 'MZ');
  assert.equal(await markAsDownloaded(file, 'linux'), false);
  assert.deepEqual(fs.readdirSync(dir), ['fattura.exe']);
  assert.equal(fs.readFileSync(file, 'utf8'), 'MZ');
});

test('a mark that cannot be written (missing file) is reported, never thrown', async () => {
  assert.equal(await markAsDownloaded(path.join(os.tmpdir(), 'pecdesk-no-such-dir', 'x'), 'win32'), false);
});
