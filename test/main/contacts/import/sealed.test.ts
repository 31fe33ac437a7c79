// The contacts a plan cleaned are frozen in it: committing that same plan stores them as they are,
// while a plan that crossed a worker or the renderer (a copy) is cleaned again and refused when altered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSealedClean } from '../../../../src/main/contacts/import/sealed';
import { fixture, ok, withContacts } from '../helpers';

async function planSuppliers(contacts: Parameters<Parameters<typeof withContacts>[0]>[0]) {
  const file = fixture('fornitori-2026.xlsx');
  const preview = ok(await contacts.previewImport(file));
  return ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip' }));
}

test('a planned contact cannot be changed in place: it is frozen, fields and tags too', () =>
  withContacts(async (contacts) => {
    const plan = await planSuppliers(contacts);
    const contact = plan.rows.find((r) => r.contact)!.contact!;
    assert.ok(isSealedClean(contact));
    assert.throws(() => ((contact as { pec: string }).pec = 'non-un-indirizzo'), TypeError);
    assert.throws(() => (contact.fields.extra = 'x'), TypeError);
    assert.throws(() => contact.tags.push('x'), TypeError);
  }));

test('a copied plan (as a worker or the renderer sends it back) is cleaned again: an address altered in the copy is refused', () =>
  withContacts(async (contacts) => {
    const plan = structuredClone(await planSuppliers(contacts));
    const row = plan.rows.find((r) => r.outcome === 'create')!;
    assert.equal(isSealedClean(row.contact!), false, 'a copy is not trusted');
    row.contact!.pec = 'non-un-indirizzo';
    const result = contacts.commitImport(plan);
    assert.ok(!result.ok && result.code === 'invalid-contact');
    assert.equal(contacts.list().total, 0);
  }));

test('the same plan committed in-process and as a copy stores the same contacts', async () => {
  const stored = async (copy: boolean) =>
    withContacts(async (contacts) => {
      const plan = await planSuppliers(contacts);
      ok(contacts.commitImport(copy ? structuredClone(plan) : plan));
      return contacts.list().rows.map(({ id: _id, createdAt: _c, updatedAt: _u, ...data }) => ({ ...data, fields: { ...data.fields } }));
    });
  const direct = await stored(false);
  assert.ok(direct.length > 0);
  assert.deepEqual(direct, await stored(true));
});
