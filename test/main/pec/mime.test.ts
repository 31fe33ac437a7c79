import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBody, headerValue, parseHeaderBlock, parseMime } from '../../../src/main/pec';
import { REAL_DIR } from './helpers/real-fixtures';

const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'latin1');

test('the signed part excludes the line break before the next boundary (RFC 2046 §5.1.1)', () => {
  const raw = crlf('Content-Type: multipart/signed; boundary="b"\n\npreamble\n--b\nContent-Type: text/plain\n\nfirma questo\n--b\nContent-Type: application/pkcs7-signature\n\nAAAA\n--b--\n');
  const [signed, signature] = parseMime(raw).children;
  assert.equal(raw.subarray(signed.start, signed.end).toString(), 'Content-Type: text/plain\r\n\r\nfirma questo');
  assert.equal(signature.type, 'application/pkcs7-signature');
});

test('a boundary that is the prefix of a longer one does not split the part', () => {
  const raw = crlf('Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain\n\n--xy is not a delimiter\n--x--\n');
  const parts = parseMime(raw).children;
  assert.equal(parts.length, 1);
  assert.equal(decodeBody(raw, parts[0]).toString(), '--xy is not a delimiter');
});

test('a multipart cut short keeps its last part up to the end', () => {
  const raw = crlf('Content-Type: multipart/mixed; boundary="x"\n\n--x\n\nuno\n--x\n\ndue, troncato');
  const parts = parseMime(raw).children;
  assert.deepEqual(parts.map((p) => decodeBody(raw, p).toString()), ['uno', 'due, troncato']);
});

test('folded headers are unfolded, names lowercased, repeated fields kept in order', () => {
  const raw = crlf('Subject: una\n riga\nReceived: a\nReceived: b\n\ncorpo');
  const root = parseMime(raw);
  assert.equal(headerValue(root.headers, 'subject'), 'una riga');
  assert.deepEqual(root.headers.get('received'), ['a', 'b']);
});

test('header lines: an mbox "From " line first is no field and no fault, lines without a name are counted bad, bare CR and LF endings both work', () => {
  const raw = Buffer.from('From mario Mon Nov  3 10:00:00 2025\nSubject : una\r\n\triga \r\n\r\nnon un campo\n: senza nome\nX-Vuoto:\n\ncorpo', 'latin1');
  const { headers, fieldLines, badLines, bodyStart } = parseHeaderBlock(raw, 0, raw.length);
  assert.deepEqual([...headers], [['subject', ['una riga']]]);
  assert.deepEqual({ fieldLines, badLines }, { fieldLines: 1, badLines: 0 });
  assert.equal(raw.subarray(bodyStart, bodyStart + 4).toString(), 'non ');
  const rest = raw.indexOf('non');
  const block = parseHeaderBlock(raw, rest, raw.length);
  assert.deepEqual([...block.headers], [['x-vuoto', ['']]]);
  assert.deepEqual({ fieldLines: block.fieldLines, badLines: block.badLines }, { fieldLines: 1, badLines: 2 });
});

test('a continuation line before any field, and a "From " line that is not the first, are bad lines', () => {
  const raw = Buffer.from(' piegata: no\nTo: a@pec.alfa.test\nFrom nessuno\n\n', 'latin1');
  const { headers, fieldLines, badLines } = parseHeaderBlock(raw, 0, raw.length);
  assert.deepEqual([...headers], [['to', ['a@pec.alfa.test']]]);
  assert.deepEqual({ fieldLines, badLines }, { fieldLines: 1, badLines: 2 });
});

test('a header block of 100,000 lines without a colon is read as bad lines, without searching the rest of the block from each line', () => {
  const raw = Buffer.from(`${'riga\n'.repeat(100_000)}X-Ultimo: campo\n\ncorpo`, 'latin1');
  const { headers, fieldLines, badLines } = parseHeaderBlock(raw, 0, raw.length);
  assert.deepEqual([...headers], [['x-ultimo', ['campo']]]);
  assert.deepEqual({ fieldLines, badLines }, { fieldLines: 1, badLines: 100_000 });
});

test('quoted-printable soft breaks and escapes are undone, a stray "=" is kept', () => {
  const raw = crlf('Content-Transfer-Encoding: quoted-printable\n\nPerch=C3=A9 =\nqui = l=C3=AC');
  assert.equal(decodeBody(raw, parseMime(raw)).toString('utf8'), 'Perché qui = lì');
});

test('thousands of nested multiparts are cut off instead of exhausting the stack', () => {
  const depth = 5000;
  const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`).join('');
  const raw = crlf(open + 'testo\n');
  let part = parseMime(raw);
  let levels = 0;
  while (part.children.length) {
    part = part.children[0];
    levels++;
  }
  assert.ok(levels < 100);
  assert.equal(part.type, 'multipart/mixed');
  assert.equal(parseMime(raw).cut, 'depth');
});

test('a message of 6,000 parts is read up to the part cap (1,000, as mailparser) and says so; a real one is not cut', () => {
  const raw = crlf(`Content-Type: multipart/mixed; boundary="b"\n\n${'--b\nContent-Type: text/plain\n\nx\n'.repeat(6000)}--b--\n`);
  const root = parseMime(raw);
  assert.equal(root.cut, 'parts');
  assert.ok(root.children.length < 1000);
  assert.equal(parseMime(readFileSync(path.join(REAL_DIR, 'aruba-2018-avvenuta-consegna-completa.eml'))).cut, undefined);
});
