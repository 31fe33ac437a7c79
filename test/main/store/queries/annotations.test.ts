// Tags and private notes on stored messages: kept per message, listed with counts, found by the
// note's words, and gone with the message's row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importOk, real, withStore } from '../helpers';
import { readStoreDb } from '../../../helpers/store-db';

test('tags are added once, removed, counted, and listed sorted per message', () =>
  withStore(async (store) => {
    const a = await importOk(store, real('aruba-2023-posta-certificata-completa.eml'));
    const b = await importOk(store, real('aruba-2018-accettazione.eml'));

    assert.equal(store.setTag([a, b], 'urgente', true), 2);
    assert.equal(store.setTag([a], 'urgente', true), 0, 'a tag already there is not added twice');
    assert.equal(store.setTag([a], 'cliente rossi', true), 1);
    assert.equal(store.setTag([b], 'urgente', false), 1);

    assert.deepEqual([...store.tagsOf([a, b])], [[a, ['cliente rossi', 'urgente']]]);
    assert.deepEqual(store.allTags(), [{ tag: 'cliente rossi', count: 1 }, { tag: 'urgente', count: 1 }]);
    assert.deepEqual(
      readStoreDb(store, (db) => db.prepare('SELECT message_id, tag FROM message_tags ORDER BY tag').all()),
      [{ message_id: a, tag: 'cliente rossi' }, { message_id: a, tag: 'urgente' }],
      'the table search reads with tag:',
    );
  }));

test('a tag on a message that does not exist changes nothing', () =>
  withStore(async (store) => {
    assert.equal(store.setTag([424242], 'urgente', true), 0);
    assert.deepEqual(store.allTags(), []);
  }));

test('a note is saved, replaced, found by its words (accents folded), and removed when emptied', () =>
  withStore(async (store) => {
    const id = await importOk(store, real('aruba-2023-posta-certificata-completa.eml'));
    const changes: string[] = [];
    store.onChange((c) => changes.push(...c.map((x) => x.entity)));

    assert.equal(store.setNote(id, 'Chiamare il cliente per la proroga'), true);
    assert.equal(store.noteOf(id)?.text, 'Chiamare il cliente per la proroga');
    assert.equal(store.setNote(id, 'Udienza rinviata: città di Torino'), true);

    assert.deepEqual(store.messagesWithNote('citta'), [id]);
    assert.deepEqual(store.messagesWithNote('proroga'), [], 'the replaced text is no longer found');
    assert.ok(changes.includes('message_notes'));

    assert.equal(store.setNote(id, '   '), true);
    assert.equal(store.noteOf(id), null);
    assert.deepEqual(store.messagesWithNote('udienza'), []);
    assert.equal(store.setNote(424242, 'x'), false);
  }));

test('rules keep their order, are replaced in place, reordered only as a whole, and deleted', () =>
  withStore((store) => {
    const rule = (name: string) => ({ name, accountId: null, enabled: true, conditions: [{ field: 'subject' as const, contains: name }], actions: [{ kind: 'markRead' as const }] });
    const first = store.saveRule(rule('primo'))!;
    const second = store.saveRule(rule('secondo'))!;
    const third = store.saveRule(rule('terzo'))!;

    assert.equal(store.saveRule({ ...rule('secondo bis'), id: second }), second);
    assert.deepEqual(store.listRules().map((r) => r.name), ['primo', 'secondo bis', 'terzo']);
    assert.equal(store.reorderRules([third, first]), false, 'an order that leaves a rule out is refused');
    assert.equal(store.reorderRules([third, first, second]), true);
    assert.deepEqual(store.listRules().map((r) => r.name), ['terzo', 'primo', 'secondo bis']);
    assert.equal(store.deleteRule(first), true);
    assert.equal(store.deleteRule(first), false);
    assert.deepEqual(store.listRules().map((r) => r.id), [third, second]);
    assert.equal(store.saveRule({ ...rule('x'), id: 999 }), null);
  }));
