import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runImportInWorker, type ImportProgress } from '../../../src/main/contacts';
import type { StoreChange } from '../../../src/main/store';
import { ok, withContacts } from './helpers';
import { writeWhitespaceBomb } from './import/hostile-files';

test('an import planned and committed in a worker thread reports progress and lands in the store the window reads', () =>
  withContacts(async (contacts, store, dir) => {
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
    const heard: StoreChange[][] = [];
    store.onChange((changes) => heard.push(changes));
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

test('a worker that runs out of memory ends alone, and the step fails with what to do', () =>
  withContacts(async (contacts, _store, dir) => {
    const file = path.join(dir, 'tanti.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = wb.addWorksheet('Contatti');
    ws.addRow(['Ragione sociale', 'PEC', 'Note']).commit();
    for (let i = 1; i <= 20_000; i++) ws.addRow([`Ditta ${i}`, `ditta${i}@pec.it`, `nota ${i} `.repeat(20)]).commit();
    ws.commit();
    await wb.commit();
    const preview = ok(await contacts.previewImport(file));
    // A heap far too small for 20,000 rows stands in for a file that would need too much.
    const planned = await runImportInWorker({ op: 'plan', storeDir: dir, file, mapping: preview.suggestedMapping, options: { duplicatePolicy: 'skip' } }, undefined, {
      maxOldGenerationSizeMb: 24,
      maxYoungGenerationSizeMb: 4,
    });
    assert.ok(!planned.ok);
    assert.equal(planned.code, 'file-too-large');
    assert.match(planned.detail, /^Il file è troppo grande o danneggiato per essere importato \(la lettura ha esaurito la memoria concessa/);
    // The process that started it carries on.
    assert.equal(ok(await runImportInWorker({ op: 'preview', storeDir: dir, file })).dataRowCount, 20_000);
  }));

test('a hostile file previewed in the worker is refused with the same clear message', () =>
  withContacts(async (_contacts, _store, dir) => {
    const file = path.join(dir, 'bomba.xlsx');
    await writeWhitespaceBomb(file, 300);
    const preview = await runImportInWorker({ op: 'preview', storeDir: dir, file });
    assert.ok(!preview.ok && preview.code === 'file-too-large');
    assert.match(preview.detail, /^Il file è troppo grande o danneggiato per essere importato/);
  }));
