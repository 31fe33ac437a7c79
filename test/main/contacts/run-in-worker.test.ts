import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runImportInWorker, type ContactsChange, type ImportProgress } from '../../../src/main/contacts';
import { ok, withContacts } from './helpers';

test('an import planned and committed in a worker thread reports progress and lands in the store the window reads', () =>
  withContacts(async (contacts, _store, dir) => {
    const file = path.join(dir, 'seimila.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = wb.addWorksheet('Contatti');
    ws.addRow(['Ragione sociale', 'PEC']).commit();
    for (let i = 1; i <= 6000; i++) ws.addRow([`Ditta ${i}`, `ditta${i}@pec.it`]).commit();
    ws.commit();
    await wb.commit();

    const preview = ok(await contacts.previewImport(file));
    const progress: ImportProgress[] = [];
    const plan = ok(await runImportInWorker({ op: 'plan', storeDir: dir, file, mapping: preview.suggestedMapping, options: { duplicatePolicy: 'skip', groupName: 'Clienti' } }, (p) => progress.push(p)));
    assert.equal(plan.counts.create, 6000);
    const heard: ContactsChange[][] = [];
    contacts.onChange((changes) => heard.push(changes));
    const outcome = ok(await runImportInWorker({ op: 'commit', storeDir: dir, plan }, (p) => progress.push(p)));
    assert.equal(outcome.created, 6000);
    contacts.announceImport(outcome);

    assert.deepEqual([...new Set(progress.map((p) => p.phase))], ['reading', 'checking', 'saving']);
    const saving = progress.filter((p) => p.phase === 'saving');
    assert.deepEqual(saving.at(-1), { phase: 'saving', done: 6000, total: 6000 });
    assert.equal(contacts.list({ groupId: contacts.findGroup('Clienti')!.id }).total, 6000);
    assert.equal(heard.length, 1);
    assert.equal(heard[0].find((c) => c.entity === 'contacts')?.ids.length, 6000);
  }));
