import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readMessageContent } from '../../../src/main/attachments';

const REAL_DIR = path.resolve(__dirname, '../../fixtures/pec-real');

/** A message whose multipart/mixed parts nest `depth` deep, each level with its own boundary. */
function deepMultipart(depth: number): Buffer {
  const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`);
  const close = Array.from({ length: depth }, (_, i) => `\r\n--b${depth - 1 - i}--\r\n`);
  return Buffer.from(`From: Mario Rossi <mario@pec.alfa.test>\r\nSubject: Annidato\r\nMIME-Version: 1.0\r\n${open.join('')}Content-Type: text/plain\r\n\r\nciao${close.join('')}`);
}

test('a message nested 10,000 multiparts deep shows its headers and says why its body is not shown', async () => {
  const content = await readMessageContent(deepMultipart(10_000), false);
  assert.equal(content.outer.subject, 'Annidato');
  assert.equal(content.outer.from?.address, 'mario@pec.alfa.test');
  assert.equal(content.outer.text, null);
  assert.deepEqual(content.outer.attachments, []);
  assert.match(content.problems.join('\n'), /cannot show the text and attachments of this message \(Max allowed child nodes exceeded\)/);
});

test('a header block mailparser refuses still gives a readable view with the reason', async () => {
  const raw = Buffer.from(`Subject: Enorme\r\nX-Big: ${'a'.repeat(3 * 1024 * 1024)}\r\n\r\nciao\r\n`);
  const content = await readMessageContent(raw, false);
  assert.equal(content.outer.text, null);
  assert.match(content.problems.join('\n'), /cannot show the text and attachments of this message/);
});

test('a real envelope is read with no problem', async () => {
  const content = await readMessageContent(fs.readFileSync(path.join(REAL_DIR, 'aruba-2014-posta-certificata-completa.eml')), true);
  assert.deepEqual(content.problems, []);
  assert.ok(content.original?.subject);
  assert.ok(content.serviceParts.some((p) => p.filename === 'daticert.xml'));
});
