import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DerError, children, readOid, readTime, readTlv } from '../../../src/main/pec/der';

test('a BER indefinite-length SEQUENCE is walked up to its end-of-contents octets', () => {
  // SEQUENCE (indefinite) { OID 1.2.840.113549.1.7.2, INTEGER 1 } 00 00
  const ber = Buffer.from('3080' + '06092a864886f70d010702' + '020101' + '0000', 'hex');
  const seq = readTlv(ber, 0);
  assert.equal(seq.end, ber.length);
  const [oid, int] = children(ber, seq);
  assert.equal(readOid(ber, oid), '1.2.840.113549.1.7.2');
  assert.equal(int.tag, 0x02);
});

test('a truncated or oversized length is an error, not an out-of-bounds read', () => {
  assert.throws(() => readTlv(Buffer.from('3005020101', 'hex'), 0), DerError);
  assert.throws(() => readTlv(Buffer.from('3085ffffffffff', 'hex'), 0), DerError);
  assert.throws(() => readTlv(Buffer.from('3080020101', 'hex'), 0), DerError);
});

test('UTCTime years 50–99 are 19xx, GeneralizedTime is read as written', () => {
  const utc = (s: string) => Buffer.concat([Buffer.from([0x17, s.length]), Buffer.from(s)]);
  assert.equal(readTime(utc('141114172632Z'), readTlv(utc('141114172632Z'), 0))?.toISOString(), '2014-11-14T17:26:32.000Z');
  assert.equal(readTime(utc('991231235959Z'), readTlv(utc('991231235959Z'), 0))?.toISOString(), '1999-12-31T23:59:59.000Z');
  const gen = Buffer.concat([Buffer.from([0x18, 15]), Buffer.from('20500101000000Z')]);
  assert.equal(readTime(gen, readTlv(gen, 0))?.toISOString(), '2050-01-01T00:00:00.000Z');
});

test('BER nested 100,000 levels deep is refused as too deep, not a stack overflow', () => {
  const deep = Buffer.concat([Buffer.from('3080'.repeat(100_000), 'hex'), Buffer.from('0000'.repeat(100_000), 'hex')]);
  assert.throws(() => readTlv(deep, 0), (err: unknown) => err instanceof DerError && /nesting too deep/.test(err.message));
});

test('a DerError leaves the stack trace limit as it was, even when thrown deep in a recursion', () => {
  const before = Error.stackTraceLimit;
  assert.throws(() => readTlv(Buffer.from('3080300530800201', 'hex'), 0), (err: unknown) => err instanceof DerError && err.message === 'truncated');
  assert.equal(Error.stackTraceLimit, before);
  assert.ok((new Error('x').stack ?? '').includes('der.test'));
});
