import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMessageId, messageIdLocalPart, normalizeMessageId } from '../../../src/main/pec';

test('PecDesk Message-IDs have no brackets and a local part unique on its own', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => generateMessageId('pec.alfa.test')));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^pecdesk\.[0-9a-f]{32}@pec\.alfa\.test$/);
  assert.equal(new Set([...ids].map(messageIdLocalPart)).size, 1000);
});

test('a receipt whose Message-ID domain was rewritten still links by local part', () => {
  const sent = generateMessageId('pec.alfa.test');
  const rewritten = `<${messageIdLocalPart(sent)}@provider.example>`;
  assert.equal(messageIdLocalPart(rewritten), messageIdLocalPart(sent));
});

test('normalizing strips brackets and whitespace and gives null for nothing', () => {
  assert.equal(normalizeMessageId('  <abc@def>  '), 'abc@def');
  assert.equal(normalizeMessageId('<abc@\r\n def> (comment)'), 'abc@def');
  assert.equal(normalizeMessageId('abc@def'), 'abc@def');
  assert.equal(normalizeMessageId('  '), null);
  assert.equal(normalizeMessageId('<>'), null);
  assert.equal(normalizeMessageId(null), null);
});

test('the local part is everything before the last @', () => {
  assert.equal(messageIdLocalPart('<NEOEQO$8B55@pec.it>'), 'NEOEQO$8B55');
  assert.equal(messageIdLocalPart('no-domain'), 'no-domain');
});

test('a Message-ID of a million "<" is read as it is, without the quadratic stall a hostile message caused', () => {
  assert.equal(normalizeMessageId('<'.repeat(1_000_000))?.length, 1_000_000);
  assert.equal(normalizeMessageId(`${'<'.repeat(1_000_000)}abc@def>`), `${'<'.repeat(999_999)}abc@def`);
  assert.equal(normalizeMessageId('x <a@b> <c@d>'), 'a@b');
});
