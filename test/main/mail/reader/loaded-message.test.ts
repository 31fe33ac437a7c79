// The reader's side of a message: a real provider's envelope parsed into the view the reader shows,
// its parts found by id, a stored message read back checked, and the per-message cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../../../../src/shared/api';
import { buildMessageView, ContentCache, loadBytes, readStoredMessage, resolvePart, type LoadedMessage } from '../../../../src/main/mail';
import { italianWords } from '../../../../src/main/api/result';
import { importOk, real, withStore } from '../../store/helpers';

const ENVELOPE = 'aruba-2023-posta-certificata-completa.eml';
const noExtra = { remoteContentAllowed: false, sentMessageId: null, seen: true, trust: null, receiptProblems: null };

test('a PEC envelope opens on the sender\'s original, with daticert.xml among its service parts', async () => {
  const loaded = await loadBytes({ fileId: 'f1' }, real(ENVELOPE), null);
  assert.ok(loaded.ok);
  const view = buildMessageView(loaded.value, noExtra);
  assert.equal(view.kind, 'envelope');
  assert.ok(view.original, 'the original inside postacert.eml is shown');
  assert.notEqual(view.original.from, view.cover.from, 'the sender is not the provider\'s cover');
  assert.match(view.daticertXml ?? '', /<postacert/);
  const daticert = view.serviceParts.find((p) => p.filename === 'daticert.xml');
  assert.ok(daticert);
  const part = resolvePart(loaded.value, daticert.partId, false);
  assert.equal(part?.filename, 'daticert.xml');
  assert.equal(resolvePart(loaded.value, 's:999', false), null);
  assert.equal(resolvePart(loaded.value, 'x:0', false), null);
});

test('an opened file that is not mail is refused in words; a stored message is read back checked', async () => {
  const refused = await loadBytes({ fileId: 'f2' }, Buffer.from([0, 1, 2, 3]), null);
  assert.equal(refused.ok, false);
  if (!refused.ok) {
    assert.equal(refused.error.code, 'unreadable');
    assert.equal(refused.error.reason, 'file-not-mail');
    // Built without api/result.ts, in the words fail() would give it.
    assert.equal(refused.error.message, italianWords('file-not-mail'));
  }
  await withStore(async (store) => {
    const id = await importOk(store, real(ENVELOPE));
    const read = readStoredMessage(store, id);
    assert.ok(read.ok);
    assert.ok(read.value.raw.equals(real(ENVELOPE)));
    assert.equal(read.value.stored.id, id);
    const missing = readStoredMessage(store, id + 1000);
    assert.equal(missing.ok, false);
    if (!missing.ok) {
      assert.equal(missing.error.code, 'not-found');
      assert.deepEqual([missing.error.reason, missing.error.params], ['message-missing', { messageId: id + 1000 }]);
      assert.equal(missing.error.message, italianWords('message-missing', { messageId: id + 1000 }));
    }
  });
});

test('the cache hands the same parse back, and forgets a failure so the next call tries again', async () => {
  const cache = new ContentCache();
  let loads = 0;
  const parse = () => {
    loads++;
    return loadBytes({ fileId: 'f3' }, real(ENVELOPE), null);
  };
  const first = cache.get('f:f3', parse);
  assert.equal(cache.get('f:f3', parse), first);
  assert.equal(loads, 1);
  const failing = (): Promise<Result<LoadedMessage>> => {
    loads++;
    return Promise.resolve({ ok: false, error: { code: 'io', message: 'disk gone' } });
  };
  assert.equal((await cache.get('m:1', failing)).ok, false);
  assert.equal((await cache.get('m:1', failing)).ok, false);
  assert.equal(loads, 3, 'the failed load ran again');
});
