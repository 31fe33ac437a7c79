import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { daticertXml, pecMessage, receiptHeaders } from '../pec/helpers/pec-factory';
import { withStore } from './helpers';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('a receipt whose daticert nests 100,000 elements deep is stored byte-exact and flagged, in bounded memory', async () => {
  // Once this ran out of memory at 3.7 GB and the message was lost: it must be kept as evidence.
  const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
  const xml = daticertXml({ tipo: 'accettazione' }).replace('<dati>', `<dati>${deep}`);
  const raw = pecMessage({ headers: receiptHeaders('accettazione'), daticert: { xml } });
  await withStore(async (store) => {
    const result = await store.importMessage(raw);
    assert.ok(result.ok && result.status === 'stored', JSON.stringify(result));
    const message = store.getMessage(result.messageRowId)!;
    assert.equal(message.sha256, sha256(raw));
    const back = store.readMessageRaw(result.messageRowId);
    assert.ok(back?.ok && back.raw.equals(raw));
    assert.equal(message.kind, 'receipt');
    assert.match(message.problems.join('\n'), /daticert\.xml nests elements more than 64 deep/);
    assert.ok(process.resourceUsage().maxRSS < 1024 * 1024, `peak RSS ${process.resourceUsage().maxRSS} KB`);
  });
});

test('a message nesting multiparts 10,000 deep is stored byte-exact with the cut named among its problems', async () => {
  const open = Array.from({ length: 10_000 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`).join('');
  const raw = Buffer.from(`From: mario@pec.alfa.test\r\nSubject: Matrioska\r\nMIME-Version: 1.0\r\n${open}Content-Type: text/plain\r\n\r\nciao\r\n`);
  await withStore(async (store) => {
    const result = await store.importMessage(raw);
    assert.ok(result.ok && result.status === 'stored', JSON.stringify(result));
    const message = store.getMessage(result.messageRowId)!;
    assert.equal(message.sha256, sha256(raw));
    assert.equal(message.subject, 'Matrioska');
    assert.match(message.problems.join('\n'), /nests MIME parts more than 24 deep/);
  });
});
