import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { API_METHODS } from '../../../src/shared/api';
import { startApi } from './helpers';

// Payloads a compromised or buggy renderer could send: wrong shapes, wrong types, extra keys,
// prototype tricks, out-of-range numbers, paths where ids belong.
const HOSTILE: unknown[] = [
  null,
  'listAccounts',
  42,
  [],
  [{}],
  { __proto__: { polluted: true }, extra: 1 },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  { ref: { messageId: -1 } },
  { ref: { messageId: 1.5 } },
  { ref: { fileId: '../../etc/passwd' } },
  { ref: { messageId: 1, fileId: 'aaaaaaaaaaaaaaaa' } },
  { folderId: '1 OR 1=1', offset: 0, limit: 10, sort: 'date', direction: 'desc' },
  { folderId: 1, offset: 0, limit: 1e9, sort: 'date', direction: 'desc' },
  { folderId: 1, offset: 0, limit: 10, sort: 'date; DROP TABLE messages', direction: 'desc' },
  { ref: { messageId: 1 }, partId: '../../secret', inner: false },
  { url: { toString: () => 'https://x' } },
  { name: 'a.eml', dataBase64: '<script>not base64</script>' },
  { accountId: { $gt: '' } },
];

test('every API method answers a hostile payload with a typed invalid-request error and the process keeps serving', async (t) => {
  const { api } = await startApi(t);
  for (const method of API_METHODS) {
    for (const payload of HOSTILE) {
      const result = await api.dispatch(method, payload);
      assert.equal(result.ok, false, `${method} accepted ${JSON.stringify(payload)}`);
      if (!result.ok) {
        assert.ok(['invalid-request', 'not-found'].includes(result.error.code), `${method} ${JSON.stringify(payload)} → ${result.error.code}: ${result.error.message}`);
        assert.equal(typeof result.error.message, 'string');
      }
    }
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
  const after = await api.dispatch('listAccounts', {});
  assert.deepEqual(after, { ok: true, value: [] });
});

test('a method that does not exist is refused by name, including prototype properties', async (t) => {
  const { api } = await startApi(t);
  for (const name of ['deleteEverything', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', null, 7, { method: 'listAccounts' }]) {
    const result = await api.dispatch(name, {});
    assert.deepEqual(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'unknown-method');
  }
});

test('an unexpected key in an otherwise valid payload is refused, naming the key', async (t) => {
  const { api } = await startApi(t);
  const result = await api.dispatch('listFolders', { accountId: '1', sql: 'SELECT 1' });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'invalid-request');
  assert.equal(!result.ok && result.error.reason, 'invalid-request');
  assert.match(!result.ok ? String(result.error.params?.issues) : '', /sql/);
});

test('a valid request for something that does not exist is not-found, not a crash', async (t) => {
  const { api } = await startApi(t);
  for (const [method, payload] of [
    ['getMessage', { ref: { messageId: 999 } }],
    ['getMessage', { ref: { fileId: 'deadbeefdeadbeef' } }],
    ['listMessages', { folderId: 5, offset: 0, limit: 50, sort: 'date', direction: 'desc' }],
    ['searchMessages', { query: 'citazione', folderId: 5, offset: 0, limit: 50, sort: 'date', direction: 'desc' }],
    ['getDeliveries', { sentMessageId: 3 }],
    ['listReceipts', { sentMessageId: 3 }],
    ['exportSentEvidence', { sentMessageId: 3 }],
    ['moveMessages', { fromFolderId: 5, messageIds: [1], toFolderId: 6 }],
    ['deleteMessages', { folderId: 5, messageIds: [1], permanently: false }],
  ] as const) {
    const result = await api.dispatch(method, payload);
    assert.equal(!result.ok && result.error.code, 'not-found', `${method}: ${JSON.stringify(result)}`);
  }
});

test('a search request out of shape is refused as invalid before any SQL runs', async (t) => {
  const { api } = await startApi(t);
  const valid = { query: 'citazione', offset: 0, limit: 50, sort: 'date', direction: 'desc' };
  for (const payload of [
    { ...valid, query: 'a'.repeat(501) },
    { ...valid, query: 42 },
    { ...valid, query: ['atto', 'citazione'] },
    { ...valid, query: undefined },
    { ...valid, folderId: 'INBOX' },
    { ...valid, folderId: 0 },
    { ...valid, folderId: null },
    { ...valid, sort: 'rank' },
    { ...valid, match: '"atto"*' },
  ]) {
    const result = await api.dispatch('searchMessages', payload);
    assert.equal(!result.ok && result.error.code, 'invalid-request', JSON.stringify(payload));
  }
  const empty = await api.dispatch('searchMessages', { ...valid, query: '( * - )' });
  assert.deepEqual(empty, { ok: true, value: { total: 0, offset: 0, rows: [] } });
  // Text that cannot be searched for says why, with the problem and the text it is about for the renderer to word.
  const unclosed = await api.dispatch('searchMessages', { ...valid, query: '" NEAR( * -' });
  assert.deepEqual(unclosed, {
    ok: false,
    error: {
      code: 'invalid-query',
      message: 'Manca la virgoletta di chiusura dopo " NEAR( * -: chiudi la frase con ".',
      reason: 'search-unclosed-quote',
      params: { token: '" NEAR( * -' },
      items: ['unclosed-quote', '" NEAR( * -'],
    },
  });
});

test('a move or delete request out of shape is refused as invalid before any server is asked', async (t) => {
  const { api } = await startApi(t);
  const move = { fromFolderId: 1, messageIds: [1], toFolderId: 2 };
  const remove = { folderId: 1, messageIds: [1], permanently: false };
  for (const [method, payload] of [
    ['moveMessages', { ...move, messageIds: [] }],
    ['moveMessages', { ...move, messageIds: [0] }],
    ['moveMessages', { ...move, messageIds: '1,2' }],
    ['moveMessages', { ...move, messageIds: Array.from({ length: 10_001 }, (_, i) => i + 1) }],
    ['moveMessages', { ...move, toFolderId: 'Trash' }],
    ['moveMessages', { fromFolderId: 1, messageIds: [1] }],
    ['moveMessages', { ...move, toPath: '../../INBOX' }],
    ['deleteMessages', { ...remove, permanently: 'yes' }],
    ['deleteMessages', { ...remove, permanently: undefined }],
    ['deleteMessages', { ...remove, folderId: -1 }],
    ['deleteMessages', { ...remove, messageIds: [1.5] }],
  ] as const) {
    const result = await api.dispatch(method, payload);
    assert.equal(!result.ok && result.error.code, 'invalid-request', `${method} ${JSON.stringify(payload).slice(0, 120)}`);
  }
});

test('an evidence export request out of shape is refused as invalid, and no file is written', async (t) => {
  const { api, dir } = await startApi(t);
  const before = fs.readdirSync(dir, { recursive: true });
  for (const payload of [
    {},
    { sentMessageId: '1' },
    { sentMessageId: 0 },
    { sentMessageId: 1.5 },
    { sentMessageId: [1, 2] },
    { sentMessageId: 1, file: '/tmp/prove.zip' },
    { campaignId: 1 },
  ]) {
    const result = await api.dispatch('exportSentEvidence', payload);
    assert.equal(!result.ok && result.error.code, 'invalid-request', JSON.stringify(payload));
  }
  assert.deepEqual(fs.readdirSync(dir, { recursive: true }), before);
});

test('host features the browser build lacks answer unsupported, so the page can fall back', async (t) => {
  const { api } = await startApi(t);
  const result = await api.dispatch('openEmlDialog', {});
  assert.equal(!result.ok && result.error.code, 'unsupported');
  const link = await api.dispatch('openExternal', { url: 'https://www.agid.gov.it/' });
  assert.equal(!link.ok && link.error.code, 'unsupported');
});

test('links to local files or scripts are never opened, whatever the host', async (t) => {
  const { api } = await startApi(t);
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'vbscript:msgbox']) {
    const result = await api.dispatch('openExternal', { url });
    assert.equal(!result.ok && result.error.code, 'denied', url);
  }
});
