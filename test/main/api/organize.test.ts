// Tags, notes and rules through the API as the renderer calls it: input checked and cleaned at the
// edge, field errors named so the editor can show them next to the field, tags in the list rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AnnotationsView, RuleView } from '../../../src/shared/api-organize';
import type { MessagePage } from '../../../src/shared/api-values';
import { FIXTURES, startApi } from './helpers';

async function withMessage(t: Parameters<typeof startApi>[0]) {
  const started = await startApi(t);
  const { store } = started.services;
  const saved = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec' });
  assert.ok(saved.ok);
  const folderId = store.upsertFolder(saved.accountId, { path: 'INBOX', specialUse: null, role: 'inbox' });
  const filed = await store.importMessage(fs.readFileSync(path.join(FIXTURES, 'aruba-2023-posta-certificata-completa.eml')), { location: { folderId, uid: 1, flags: [] } });
  assert.ok(filed.ok);
  return { ...started, accountId: String(saved.accountId), folderId, messageId: filed.messageRowId };
}

test('a tag typed with capitals and spaces is stored once, normalized, and shows on the list row', async (t) => {
  const { api, folderId, messageId } = await withMessage(t);

  assert.deepEqual(await api.dispatch('setTag', { messageIds: [messageId], tag: '  Cliente   Rossi ', on: true }), { ok: true, value: { changed: 1 } });
  assert.deepEqual(await api.dispatch('setTag', { messageIds: [messageId], tag: 'cliente rossi', on: true }), { ok: true, value: { changed: 0 } });

  const page = await api.dispatch('listMessages', { folderId, offset: 0, limit: 50, sort: 'date', direction: 'desc' });
  assert.ok(page.ok);
  assert.deepEqual((page.value as MessagePage).rows.map((r) => r.tags), [['cliente rossi']]);
  const bad = await api.dispatch('setTag', { messageIds: [messageId], tag: 'a,b', on: true });
  assert.equal(!bad.ok && bad.error.code, 'invalid-request');
});

test('the note and tags of a message come back together; an empty note removes it', async (t) => {
  const { api, messageId } = await withMessage(t);
  await api.dispatch('setTag', { messageIds: [messageId], tag: 'urgente', on: true });
  assert.deepEqual(await api.dispatch('setNote', { messageId, text: 'Richiamare lunedì' }), { ok: true, value: null });

  const read = await api.dispatch('getAnnotations', { messageId });
  assert.ok(read.ok);
  const view = read.value as AnnotationsView;
  assert.deepEqual({ tags: view.tags, note: view.note }, { tags: ['urgente'], note: 'Richiamare lunedì' });

  await api.dispatch('setNote', { messageId, text: '' });
  const emptied = await api.dispatch('getAnnotations', { messageId });
  assert.ok(emptied.ok);
  assert.equal((emptied.value as AnnotationsView).note, '');
  const missing = await api.dispatch('getAnnotations', { messageId: 999_999 });
  assert.equal(!missing.ok && missing.error.code, 'not-found');
});

test('a rule with empty fields is refused with every field named; a good one is saved cleaned and listed in order', async (t) => {
  const { api, accountId } = await withMessage(t);

  const refused = await api.dispatch('saveRule', {
    name: ' ',
    accountId: null,
    enabled: true,
    conditions: [{ field: 'from', contains: '' }],
    actions: [{ kind: 'tag', tag: '' }, { kind: 'move', folderPath: 'A' }, { kind: 'move', folderPath: 'B' }],
  });
  assert.ok(!refused.ok);
  assert.equal(refused.error.code, 'invalid-request');
  assert.deepEqual(refused.error.items, ['name:required', 'conditions.0:required', 'actions:duplicate-move', 'actions.0:bad-tag']);

  const saved = await api.dispatch('saveRule', {
    name: ' Consegne ',
    accountId,
    enabled: true,
    conditions: [{ field: 'pecType', is: 'avvenuta-consegna' }, { field: 'subject', contains: ' Fattura ' }],
    actions: [{ kind: 'tag', tag: 'Consegnate' }, { kind: 'notify' }],
  });
  assert.ok(saved.ok, JSON.stringify(saved));
  const rule = saved.value as RuleView;
  assert.deepEqual(
    { name: rule.name, accountId: rule.accountId, conditions: rule.conditions, actions: rule.actions },
    { name: 'Consegne', accountId, conditions: [{ field: 'pecType', is: 'avvenuta-consegna' }, { field: 'subject', contains: 'Fattura' }], actions: [{ kind: 'tag', tag: 'consegnate' }, { kind: 'notify' }] },
  );
  const other = await api.dispatch('saveRule', { name: 'Tutto letto', accountId: null, enabled: true, conditions: [{ field: 'to', contains: '@' }], actions: [{ kind: 'markRead' }] });
  assert.ok(other.ok);
  const otherId = (other.value as RuleView).id;

  assert.deepEqual(await api.dispatch('reorderRules', { ids: [otherId, rule.id] }), { ok: true, value: null });
  const listed = await api.dispatch('listRules', {});
  assert.ok(listed.ok);
  assert.deepEqual((listed.value as RuleView[]).map((r) => r.name), ['Tutto letto', 'Consegne']);
  const stale = await api.dispatch('reorderRules', { ids: [rule.id] });
  assert.equal(!stale.ok && stale.error.code, 'stale');
});
