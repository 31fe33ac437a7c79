import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Contacts, DuplicatePolicy, ImportMapping } from '../../../../src/main/contacts';
import { fixture, ok, withContacts } from '../helpers';

const suppliers = fixture('fornitori-2026.xlsx');

async function planSuppliers(contacts: Contacts, duplicatePolicy: DuplicatePolicy, groupName?: string, mapping?: ImportMapping) {
  const preview = ok(await contacts.previewImport(suppliers));
  return ok(await contacts.planImport(suppliers, mapping ?? preview.suggestedMapping, { duplicatePolicy, groupName }));
}

test('the report gives every data row of the sheet one outcome, with row numbers and reasons', () =>
  withContacts(async (contacts) => {
    const plan = await planSuppliers(contacts, 'skip');
    assert.deepEqual(
      plan.rows.map((r) => [r.row, r.outcome]),
      [[4, 'create'], [5, 'create'], [6, 'empty'], [7, 'invalid'], [8, 'invalid'], [9, 'link'], [10, 'create'], [11, 'invalid'], [12, 'create']],
    );
    const reason = (row: number) => plan.rows.find((r) => r.row === row)!.problems.map((p) => p.message).join('; ');
    assert.equal(reason(7), 'PEC: il dominio dopo la @ non è valido («luca.verdi@pec»)');
    assert.equal(reason(8), 'nessun indirizzo PEC o e-mail');
    assert.match(reason(11), /^E-mail: più indirizzi nella stessa cella/);
    assert.match(reason(9), /^stesso indirizzo della riga 4/);
    assert.match(reason(4), /Partita IVA: completata a 11 cifre/);
    assert.deepEqual(plan.rows.find((r) => r.row === 8)!.cells?.slice(0, 2), ['Anna', 'Neri'], 'a row not imported keeps its content for the report');
    assert.deepEqual(plan.counts, { rows: 9, create: 4, update: 0, link: 1, invalid: 3, empty: 1, duplicatesInFile: 1, duplicatesExisting: 0 });
    assert.equal(contacts.list().total, 0, 'planning writes nothing');
  }));

test('a row repeating an address already in the contacts is skipped, updated or kept as a second contact, as chosen', () =>
  withContacts(async (contacts) => {
    const seed = ok(contacts.save({ name: 'Nicolò Zaccà', pec: 'nicolo.zacca@pec.it', notes: 'da rubrica', tags: ['edilizia'] }));

    const skip = await planSuppliers(contacts, 'skip', 'Fornitori');
    assert.equal(skip.rows[0].outcome, 'link');
    assert.equal(skip.rows[0].existingContactId, seed.id);
    const skipped = ok(contacts.commitImport(skip));
    const group = contacts.findGroup('Fornitori')!;
    assert.equal(skipped.groupId, group.id);
    const unchanged = contacts.get(seed.id)!;
    assert.equal(unchanged.organization, '', 'skip leaves the contact as it was');
    assert.deepEqual(unchanged.groupIds, [group.id], 'but it joins the group the list is imported into');

    const update = await planSuppliers(contacts, 'update');
    assert.equal(update.rows[0].outcome, 'update');
    ok(contacts.commitImport(update));
    const updated = contacts.get(seed.id)!;
    assert.equal(updated.organization, 'ZACCÀ COSTRUZIONI SRL');
    assert.equal(updated.email, 'nicolo@zacca.it');
    assert.equal(updated.notes, 'da rubrica\n\ncliente dal 2010\n\ndi nuovo');
    assert.deepEqual(updated.tags, ['edilizia']);

    const before = contacts.list().total;
    const both = await planSuppliers(contacts, 'keep-both');
    assert.equal(both.rows[0].outcome, 'create');
    ok(contacts.commitImport(both));
    assert.equal(contacts.list().total, before + 5, 'rows 4, 5, 9, 10, 12: row 9 repeats row 4 and is kept too');
    assert.deepEqual(
      contacts.duplicates().find((d) => d.address === 'nicolo.zacca@pec.it')?.contactIds.length,
      3,
      'the seed, row 4 and row 9 now share the address, and the duplicates view shows it',
    );
  }));

test('with "update", a row repeating an earlier row of the file completes that row\'s contact', () =>
  withContacts(async (contacts) => {
    const plan = await planSuppliers(contacts, 'update');
    const repeat = plan.rows.find((r) => r.row === 9)!;
    assert.equal(repeat.outcome, 'update');
    assert.equal(repeat.duplicateOfRow, 4);
    const outcome = ok(contacts.commitImport(plan));
    assert.deepEqual([outcome.created, outcome.updated], [4, 1]);
    const [nicolo] = contacts.list({ query: 'nicolo' }).rows;
    assert.equal(nicolo.notes, 'cliente dal 2010\n\ndi nuovo');
    assert.equal(nicolo.name, 'NICOLÒ ZACCÀ', 'the later row\'s values replace');
  }));

test('an import lands whole or not at all: a contact deleted after the report stops it before anything is written', () =>
  withContacts(async (contacts) => {
    const seed = ok(contacts.save({ pec: 'giulia.russo@pec.it' }));
    const plan = await planSuppliers(contacts, 'update', 'Fornitori');
    contacts.remove([seed.id]);
    const result = contacts.commitImport(plan);
    assert.ok(!result.ok && result.code === 'plan-stale');
    assert.equal(contacts.list().total, 0);
    assert.equal(contacts.findGroup('Fornitori'), null);
  }));

test('a contact added elsewhere between report and commit is not silently duplicated', () =>
  withContacts(async (contacts) => {
    const plan = await planSuppliers(contacts, 'skip');
    ok(contacts.save({ pec: 'sara.gallo@example.it' }));
    const result = contacts.commitImport(plan);
    assert.ok(!result.ok && result.code === 'plan-stale');
    assert.equal(contacts.list().total, 1);
  }));

test('the mapping chosen for a layout is offered again for the next file with the same headers', () =>
  withContacts(async (contacts) => {
    const first = ok(await contacts.previewImport(suppliers));
    assert.equal(first.rememberedMapping, null);
    const mapping = { ...first.suggestedMapping, columns: first.suggestedMapping.columns.map((t) => (t === 'free:comune' ? 'free:citta' : t)) };
    ok(contacts.commitImport(await planSuppliers(contacts, 'skip', undefined, mapping)));
    const again = ok(await contacts.previewImport(suppliers));
    assert.deepEqual(again.rememberedMapping, mapping);
    assert.deepEqual(contacts.rememberedMapping(again.layoutKey), mapping);
    assert.equal(contacts.list({ query: 'gallo' }).rows[0].fields.citta, undefined);
    assert.equal(contacts.list({ query: 'russo' }).rows[0].fields.citta, 'Napoli');
  }));

test('a mapping with no address column, or two columns for one field, is refused with the reason', () =>
  withContacts(async (contacts) => {
    const preview = ok(await contacts.previewImport(suppliers));
    const noAddress = { ...preview.suggestedMapping, columns: preview.suggestedMapping.columns.map((t) => (t === 'pec' || t === 'email' ? 'ignore' : t)) };
    const refused = await contacts.planImport(suppliers, noAddress, { duplicatePolicy: 'skip' });
    assert.ok(!refused.ok && refused.code === 'invalid-mapping' && /PEC o e-mail/.test(refused.detail));
    const twice = { ...preview.suggestedMapping, columns: preview.suggestedMapping.columns.map((t) => (t === 'email' ? 'pec' : t)) };
    const refusedTwice = await contacts.planImport(suppliers, twice, { duplicatePolicy: 'skip' });
    assert.ok(!refusedTwice.ok && /stesso campo/.test(refusedTwice.detail));
  }));

test('a plan altered on its way back (an invalid address slipped in) is refused whole', () =>
  withContacts(async (contacts) => {
    const plan = await planSuppliers(contacts, 'skip');
    plan.rows[0].contact = { ...plan.rows[0].contact!, pec: 'non-un-indirizzo' };
    const result = contacts.commitImport(plan);
    assert.ok(!result.ok && result.code === 'invalid-contact');
    assert.equal(contacts.list().total, 0);
  }));
