import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeholderFields } from '../../../src/main/contacts';
import type { StoreChange } from '../../../src/main/store';
import { ok, withContacts } from './helpers';
import { countRows, readStoreDb, writeStoreDb } from '../../helpers/store-db';

test('typing "nicolo" suggests Nicolò, and words of an address find it too', () =>
  withContacts((contacts) => {
    ok(contacts.save({ name: 'Nicolò Zaccà', organization: 'Zaccà Costruzioni', pec: 'nicolo.zacca@pec.it', email: 'nicolo@zacca.it' }));
    ok(contacts.save({ name: 'Mario Rossi', pec: 'mario.rossi@legalmail.it' }));
    const byName = contacts.suggest('nicolo', 10);
    assert.deepEqual(byName.map((s) => s.address), ['nicolo.zacca@pec.it', 'nicolo@zacca.it']);
    assert.equal(byName[0].field, 'pec');
    assert.deepEqual(contacts.suggest('ZACCA costr', 10).map((s) => s.name), ['Nicolò Zaccà', 'Nicolò Zaccà']);
    assert.deepEqual(contacts.suggest('mario.rossi@legal', 10).map((s) => s.address), ['mario.rossi@legalmail.it']);
    assert.deepEqual(contacts.suggest('%', 10), []);
    assert.equal(contacts.list({ query: 'rossi' }).total, 1);
  }));

test('duplicates are found by address whatever its case, and merging keeps every field and group', () =>
  withContacts((contacts, store) => {
    const a = ok(contacts.save({ name: 'Studio Bianchi', pec: 'studio@pec.it', fields: { comune: 'Milano' }, tags: ['clienti'], notes: 'cliente storico' }));
    const b = ok(contacts.save({ name: 'Avv. Bianchi', organization: 'Studio Bianchi', email: 'STUDIO@pec.it', taxCode: '01234567891', fields: { comune: 'Monza', cap: '20900' }, tags: ['avvocati'], notes: 'chiamare il lunedì' }));
    const clienti = ok(contacts.createGroup('Clienti'));
    const avvocati = ok(contacts.createGroup('Avvocati'));
    contacts.addToGroup(clienti.id, [a.id]);
    contacts.addToGroup(avvocati.id, [b.id]);
    const campaign = store.createCampaign({ subject: 'Convocazione' });
    writeStoreDb(store, (db) => db.prepare('INSERT INTO campaign_recipients (campaign_id, address, contact_id) VALUES (?, ?, ?)').run(campaign, 'studio@pec.it', b.id));

    assert.deepEqual(contacts.duplicates(), [{ address: 'studio@pec.it', contactIds: [a.id, b.id] }]);
    const merged = ok(contacts.merge(a.id, b.id));
    assert.equal(merged.name, 'Studio Bianchi');
    assert.equal(merged.organization, 'Studio Bianchi');
    assert.equal(merged.email, 'studio@pec.it');
    assert.equal(merged.taxCode, '01234567891');
    assert.deepEqual({ ...merged.fields }, { comune: 'Milano', comune_2: 'Monza', cap: '20900', nome_2: 'Avv. Bianchi' });
    assert.deepEqual(merged.tags, ['clienti', 'avvocati']);
    assert.equal(merged.notes, 'cliente storico\n\nchiamare il lunedì');
    assert.deepEqual(merged.groupIds, [clienti.id, avvocati.id].sort((x, y) => x - y));
    assert.equal(contacts.get(b.id), null);
    assert.deepEqual(contacts.duplicates(), []);
    assert.equal(readStoreDb(store, (db) => db.prepare('SELECT contact_id FROM campaign_recipients').pluck().get()), a.id, 'a bulk send keeps pointing at the surviving contact');
  }));

test('a merged-away contact whose free field differs keeps its value as {{key_2}}', () =>
  withContacts((contacts) => {
    const a = ok(contacts.save({ pec: 'a@pec.it', fields: { comune: 'Milano', cap: '20100' } }));
    const b = ok(contacts.save({ email: 'a@pec.it', organization: 'Alfa', fields: { comune: 'Monza', cap: '20100' } }));
    const merged = ok(contacts.merge(a.id, b.id));
    assert.deepEqual({ ...merged.fields }, { comune: 'Milano', comune_2: 'Monza', cap: '20100' });
    assert.equal(merged.organization, 'Alfa');
    assert.equal(contacts.merge(a.id, b.id).ok, false, 'the other contact is gone');
  }));

test('placeholders give built-in fields by Italian key and free fields by their key, nothing inherited', () =>
  withContacts((contacts) => {
    const c = ok(contacts.save({ name: 'Giulia Russo', organization: 'Russo Srl', pec: 'giulia@pec.it', taxCode: '10000000001', fields: { Comune: 'Napoli' } }));
    const values = placeholderFields(c);
    assert.equal(values.nome, 'Giulia Russo');
    assert.equal(values.ragione_sociale, 'Russo Srl');
    assert.equal(values.partita_iva, '10000000001');
    assert.equal(values.comune, 'Napoli');
    assert.equal(values.constructor, undefined);
    assert.equal(values.toString, undefined);
  }));

test('groups are unique without regard to case, a contact can be in several, and removing a group keeps its contacts', () =>
  withContacts((contacts) => {
    const c = ok(contacts.save({ pec: 'uno@pec.it' }));
    const fornitori = ok(contacts.createGroup('Fornitori'));
    const clienti = ok(contacts.createGroup('Clienti'));
    assert.equal(contacts.createGroup('fornitori').ok, false);
    assert.equal(contacts.addToGroup(fornitori.id, [c.id]), 1);
    assert.equal(contacts.addToGroup(fornitori.id, [c.id]), 0);
    contacts.addToGroup(clienti.id, [c.id]);
    assert.deepEqual(contacts.get(c.id)!.groupIds, [fornitori.id, clienti.id]);
    assert.equal(contacts.groups().find((g) => g.id === fornitori.id)?.memberCount, 1);
    assert.equal(contacts.renameGroup(clienti.id, 'FORNITORI').ok, false);
    assert.ok(contacts.removeGroup(fornitori.id));
    assert.deepEqual(contacts.get(c.id)!.groupIds, [clienti.id]);
    assert.equal(contacts.list({ groupId: clienti.id }).total, 1);
  }));

test('listeners hear about a contact only after it is committed', () =>
  withContacts((contacts, store) => {
    const heard: StoreChange[][] = [];
    store.onChange((changes) => {
      heard.push(changes);
      // Another connection already sees the rows: the write was committed before anyone heard of it.
      const ids = changes.find((c) => c.entity === 'contacts')?.ids ?? [];
      assert.equal(countRows(store, 'SELECT count(*) AS n FROM contacts WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(ids)), ids.length);
    });
    const c = ok(contacts.save({ pec: 'evento@pec.it' }));
    assert.deepEqual(heard, [[{ entity: 'contacts', ids: [c.id] }]]);
    assert.equal(contacts.save({ pec: 'non valida' }).ok, false);
    assert.equal(heard.length, 1);
  }));
