import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ResourceLimits } from 'node:worker_threads';
import { ImportWorker, type ImportProgress, type ProgressCallback, type WorkerRequest } from '../../../src/main/contacts';
import type { StoreChange } from '../../../src/main/store';
import { ok, withContacts } from './helpers';
import { writeWhitespaceBomb } from './import/hostile-files';

/** One step on a thread of its own, ended after it. */
async function runImportInWorker<R extends WorkerRequest>(request: R, onProgress?: ProgressCallback, resourceLimits?: ResourceLimits) {
  const worker = new ImportWorker({ resourceLimits });
  try {
    return await worker.run(request, onProgress);
  } finally {
    await worker.close();
  }
}

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
    const worker = new ImportWorker();
    const heard: StoreChange[][] = [];
    try {
      const plan = ok(await worker.run({ op: 'plan', storeDir: dir, file, mapping: preview.suggestedMapping, options: { duplicatePolicy: 'skip', groupName: 'Clienti' } }, (p) => progress.push(p)));
      assert.equal(plan.counts.create, 6000);
      assert.ok(!('rows' in plan), 'the rows stay on the import thread');
      store.onChange((changes) => heard.push(changes));
      const outcome = ok(await worker.run({ op: 'commit', storeDir: dir, plan }, (p) => progress.push(p)));
      assert.equal(outcome.created, 6000);
      contacts.announceImport(outcome);
    } finally {
      await worker.close();
    }

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

/** A sheet of `rows` companies with a PEC each (and `note` in a third column when given). */
async function companiesXlsx(file: string, rows: number, note = ''): Promise<string> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = wb.addWorksheet('Contatti');
  ws.addRow(['Ragione sociale', 'PEC', 'Note']).commit();
  for (let i = 1; i <= rows; i++) ws.addRow([`Ditta ${i}`, `ditta${i}@pec.it`, note && `${note} ${i}`]).commit();
  ws.commit();
  await wb.commit();
  return file;
}

test('one thread serves the preview, the plan, its report and the commit; after it ended, the plan is made again on a new one', () =>
  withContacts(async (contacts, _store, dir) => {
    const worker = new ImportWorker({ idleMs: 200 });
    try {
      const file = await companiesXlsx(path.join(dir, 'ditte.xlsx'), 3000);
      const preview = ok(await worker.run({ op: 'preview', storeDir: dir, file }));
      const plan = ok(await worker.run({ op: 'plan', storeDir: dir, file, mapping: preview.suggestedMapping, options: { duplicatePolicy: 'skip', groupName: 'Prima' }, label: 'ditte (copia).xlsx' }));
      assert.equal(plan.file, 'ditte (copia).xlsx');
      const page = ok(await worker.run({ op: 'rows', storeDir: dir, plan, filter: 'valid', offset: 2990, limit: 50 }));
      assert.equal(page.total, 3000);
      assert.deepEqual(page.rows.map((r) => r.contact?.pec), Array.from({ length: 10 }, (_, i) => `ditta${2991 + i}@pec.it`));
      assert.equal(ok(await worker.run({ op: 'commit', storeDir: dir, plan })).created, 3000);
      // The report of an import already made is still there to save.
      const report = path.join(dir, 'riepilogo.xlsx');
      ok(await worker.run({ op: 'report', storeDir: dir, plan, target: report }));
      assert.equal(worker.threadsStarted, 1);

      // The same file planned again into a second group: every row is now already in the book.
      const again = ok(await worker.run({ op: 'plan', storeDir: dir, file, mapping: preview.suggestedMapping, options: { duplicatePolicy: 'skip', groupName: 'Seconda' } }));
      assert.equal(again.counts.link, 3000);
      // Idle past idleMs, the thread ends with the plans it kept; the commit starts another, which
      // makes the plan again, finds it decides the same, and imports it.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const progress: ImportProgress[] = [];
      const linked = ok(await worker.run({ op: 'commit', storeDir: dir, plan: again }, (p) => progress.push(p)));
      assert.equal(linked.linked, 3000);
      assert.equal(worker.threadsStarted, 2);
      // The user sees the plan being made again, then the saving.
      assert.equal(progress[0].phase, 'reading');
      assert.equal(progress.at(-1)?.phase, 'saving');
      assert.equal(contacts.list({ groupId: contacts.findGroup('Seconda')!.id }).total, 3000);
      assert.equal(contacts.list({}).total, 3000);
      // Read after the steps: reading it between them would let the thread idle out (200 ms).
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(report);
      assert.equal(book.getWorksheet('Riepilogo')!.getCell('B2').text, 'ditte (copia).xlsx');
      assert.equal(book.getWorksheet('Righe')!.rowCount, 3001);
    } finally {
      await worker.close();
    }
  }));

test('a plan whose thread ended is not imported when the file or the address book changed since the report', () =>
  withContacts(async (contacts, _store, dir) => {
    const worker = new ImportWorker({ idleMs: 200 });
    try {
      const file = await companiesXlsx(path.join(dir, 'ditte.xlsx'), 50);
      const preview = ok(await worker.run({ op: 'preview', storeDir: dir, file }));
      const options = { duplicatePolicy: 'update' as const };
      const plan = ok(await worker.run({ op: 'plan', storeDir: dir, file, mapping: preview.suggestedMapping, options }));
      assert.equal(plan.counts.create, 50);
      // Meanwhile one of the companies is added by hand: the report said it would be created.
      ok(contacts.save({ organization: 'Ditta 7', pec: 'ditta7@pec.it' }));
      await new Promise((resolve) => setTimeout(resolve, 600));
      const refused = await worker.run({ op: 'commit', storeDir: dir, plan });
      assert.ok(!refused.ok && refused.code === 'plan-stale', JSON.stringify(refused));
      assert.match(refused.detail, /Rifai il controllo del file/);
      assert.equal(contacts.list({}).total, 1);

      // The file saved again with one more row: the plan of the file as it was is refused too.
      const second = ok(await worker.run({ op: 'plan', storeDir: dir, file, mapping: preview.suggestedMapping, options }));
      await new Promise((resolve) => setTimeout(resolve, 600));
      await companiesXlsx(file, 51);
      const stale = await worker.run({ op: 'rows', storeDir: dir, plan: second, filter: 'all', offset: 0, limit: 10 });
      assert.ok(!stale.ok && stale.code === 'plan-stale');
      assert.equal(worker.threadsStarted, 3);
      // A summary this worker never made names no plan.
      const forged = await worker.run({ op: 'commit', storeDir: dir, plan: { ...second } });
      assert.ok(!forged.ok && forged.code === 'plan-stale');
      assert.equal(contacts.list({}).total, 1);
    } finally {
      await worker.close();
    }
  }));

test('a thread killed by one file fails that step only: the next step runs on a new thread', () =>
  withContacts(async (contacts, _store, dir) => {
    // A heap far too small for 40,000 long rows stands in for a file that would need too much; it
    // leaves room for a new thread to load the import's code and preview ten rows.
    const worker = new ImportWorker({ resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    try {
      const big = await companiesXlsx(path.join(dir, 'tanti.xlsx'), 40_000, 'nota '.repeat(60));
      const small = await companiesXlsx(path.join(dir, 'pochi.xlsx'), 10);
      // Previewed here: under that heap even the preview may not fit.
      const preview = ok(await contacts.previewImport(big));
      const [planned, previewed] = await Promise.all([
        worker.run({ op: 'plan', storeDir: dir, file: big, mapping: preview.suggestedMapping, options: { duplicatePolicy: 'skip' } }),
        worker.run({ op: 'preview', storeDir: dir, file: small }),
      ]);
      assert.ok(!planned.ok && planned.code === 'file-too-large');
      assert.equal(ok(previewed).dataRowCount, 10);
      assert.equal(worker.threadsStarted, 2);
    } finally {
      await worker.close();
    }
  }));

test('closing the thread fails the steps still waiting, with what to do', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-import-close-'));
  const worker = new ImportWorker();
  try {
    const file = await companiesXlsx(path.join(dir, 'ditte.xlsx'), 10);
    const first = worker.run({ op: 'preview', storeDir: dir, file });
    const waiting = worker.run({ op: 'preview', storeDir: dir, file });
    await worker.close();
    const [a, b] = await Promise.all([first, waiting]);
    assert.ok(!b.ok && b.code === 'import-stopped');
    assert.match(b.detail, /PecDesk si sta chiudendo/);
    // The step under way when the thread ended fails too, never hangs.
    assert.ok(!a.ok);
    const after = await worker.run({ op: 'preview', storeDir: dir, file });
    assert.ok(!after.ok && after.code === 'import-stopped');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
