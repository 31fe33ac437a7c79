// The report's tabs over a real plan of the suppliers' spreadsheet: each filter shows exactly the
// rows it names, in file order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRowsMatching } from '../../../../src/main/contacts';
import { fixture, ok, withContacts } from '../helpers';

const suppliers = fixture('fornitori-2026.xlsx');

test('each report filter lists the rows it names, in file order', () =>
  withContacts(async (contacts) => {
    const preview = ok(await contacts.previewImport(suppliers));
    const plan = ok(await contacts.planImport(suppliers, preview.suggestedMapping, { duplicatePolicy: 'skip' }));
    const rows = (filter: Parameters<typeof planRowsMatching>[1]) => planRowsMatching(plan, filter).map((r) => r.row);
    assert.deepEqual(rows('all'), [4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(rows('invalid'), [7, 8, 11]);
    assert.deepEqual(rows('empty'), [6]);
    assert.deepEqual(rows('valid'), [4, 5, 9, 10, 12]);
    assert.deepEqual(rows('duplicates'), [9], 'the row repeating row 4');
    // Problems: every row not imported, and imported ones with a correction (row 4's partita IVA).
    assert.ok(rows('problems').includes(4));
    for (const row of [6, 7, 8, 11]) assert.ok(rows('problems').includes(row), `row ${row}`);
  }));
