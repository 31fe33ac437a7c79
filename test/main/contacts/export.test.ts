import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Contact, Contacts } from '../../../src/main/contacts';
import { fixture, ok, withContacts } from './helpers';

async function importInto(contacts: Contacts, file: string, groupName?: string) {
  const preview = ok(await contacts.previewImport(file));
  const plan = ok(await contacts.planImport(file, preview.suggestedMapping, { duplicatePolicy: 'skip', groupName }));
  return ok(contacts.commitImport(plan));
}

/** What a contact is, without what the store adds (id, dates, groups, badge). */
function essence(c: Contact) {
  return { name: c.name, organization: c.organization, pec: c.pec, email: c.email, taxCode: c.taxCode, fields: { ...c.fields }, tags: c.tags, notes: c.notes, isPec: c.isPec };
}

for (const ext of ['xlsx', 'csv']) {
  test(`a group exported to .${ext} and imported into another store gives the same contacts`, () =>
    withContacts(async (source, _s, dir) => {
      await importInto(source, fixture('fornitori-2026.xlsx'), 'Fornitori');
      ok(source.save({ name: '=HYPERLINK("http://x")', organization: '-Meno S.r.l.', pec: 'meno@pec.it', tags: ['a', 'b c'], notes: 'riga 1\nriga 2; "citata"', fields: { nome: 'Solo nome', pec: 'seconda@pec.it', telefono: '+39 02 1234' } }));
      ok(source.save({ name: 'Fuori gruppo', pec: 'fuori@pec.it' }));
      const group = source.findGroup('Fornitori')!;
      source.addToGroup(group.id, source.list({ query: 'meno' }).rows.map((c) => c.id));
      const file = path.join(dir, `fornitori.${ext}`);
      assert.equal(ok(await source.exportContacts(file, { groupId: group.id })).count, 5);

      await withContacts(async (target) => {
        const outcome = await importInto(target, file, 'Fornitori');
        assert.equal(outcome.created, 5);
        const sorted = (cs: Contact[]) => cs.map(essence).sort((a, b) => a.pec.localeCompare(b.pec) || a.email.localeCompare(b.email));
        assert.deepEqual(sorted(target.list().rows), sorted(source.list({ groupId: group.id }).rows));
      });
    }));
}

test('the CSV opens in Italian Excel as it is: BOM, semicolons, CRLF, formulas defused', () =>
  withContacts(async (contacts, _s, dir) => {
    ok(contacts.save({ name: '=1+1', organization: 'Caffè, Bar & C.', pec: 'caffe@pec.it', fields: { telefono: '+39 02 1234' } }));
    const file = path.join(dir, 'contatti.csv');
    ok(await contacts.exportContacts(file));
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    assert.equal(text, 'Nominativo;Ragione sociale;PEC;E-mail;Codice fiscale / P.IVA;Tag;Note;telefono\r\n\'=1+1;Caffè, Bar & C.;caffe@pec.it;;;;;+39 02 1234\r\n');
  }));

test('exporting to an unknown extension says which ones work', () =>
  withContacts(async (contacts, _s, dir) => {
    const result = await contacts.exportContacts(path.join(dir, 'contatti.ods'));
    assert.ok(!result.ok && /\.xlsx o \.csv/.test(result.detail));
  }));
