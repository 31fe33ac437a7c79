import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createApi, type ApiBackend } from '../../../src/main/api';
import { createServices, headlessSecretStore } from '../../../src/main/services';
import { webHost } from '../../../src/main/webbridge/launch';
import type { PecEvent } from '../../../src/shared/api';
import type {
  ContactPageView, FileOutput, GroupView, ImportFileView, ImportOutcomeView, ImportPlanView, ImportPreviewView, PlanRowsPage,
} from '../../../src/shared/api-contacts';
import { call, refused, startApi } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/contacts');
const suppliers = path.join(FIXTURES, 'fornitori-2026.xlsx');

function upload(api: ApiBackend, file: string): Promise<ImportFileView> {
  return call(api, 'uploadImportFile', { name: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') });
}

/** Uploads the suppliers sheet, previews it and plans it with the suggested mapping. */
async function planSuppliers(api: ApiBackend, options: { groupName?: string; duplicatePolicy?: string } = {}): Promise<{ preview: ImportPreviewView; plan: ImportPlanView }> {
  const file = await upload(api, suppliers);
  const preview = await call<ImportPreviewView>(api, 'importPreview', { fileId: file.fileId });
  const plan = await call<ImportPlanView>(api, 'importPlan', {
    fileId: file.fileId,
    mapping: preview.suggestedMapping,
    groupName: options.groupName,
    duplicatePolicy: options.duplicatePolicy ?? 'skip',
  });
  return { preview, plan };
}

const rows = (api: ApiBackend, planId: string, filter: string, offset = 0, limit = 100) => call<PlanRowsPage>(api, 'importPlanRows', { planId, filter, offset, limit });

test('an uploaded spreadsheet is previewed with its header row found under the title rows and a mapping to start from', async (t) => {
  const { api } = await startApi(t);
  const file = await upload(api, suppliers);
  assert.equal(file.name, 'fornitori-2026.xlsx');
  const preview = await call<ImportPreviewView>(api, 'importPreview', { fileId: file.fileId });
  assert.equal(preview.name, 'fornitori-2026.xlsx');
  assert.equal(preview.headerRowIndex, 2, 'row 3, under "Elenco fornitori 2026" and the merged group headers');
  assert.deepEqual(preview.columns.slice(0, 6).map((c) => c.header), ['Nome', 'Cognome', 'Ragione sociale', 'PEC', 'E-mail', 'Partita IVA']);
  assert.deepEqual(preview.suggestedMapping.columns.slice(0, 6), ['firstName', 'lastName', 'organization', 'pec', 'email', 'taxCode']);
  assert.equal(preview.dataRowCount, 9);
  assert.deepEqual(preview.sheets.map((s) => [s.name, s.hidden]), [['Archivio 2019', true], ['Fornitori', false], ['Istruzioni', false]]);
  assert.equal(preview.sheetIndex, 1, 'the first visible sheet, not the hidden archive');
  assert.ok(!('file' in preview), 'the private path of the upload stays in the main process');
});

test('the report lists every problem row with its number and why, page by page, and nothing is written before commit', async (t) => {
  const { api } = await startApi(t);
  const { plan } = await planSuppliers(api, { groupName: 'Fornitori 2026' });
  assert.deepEqual(plan.counts, { rows: 9, create: 4, update: 0, link: 1, invalid: 3, empty: 1, duplicatesInFile: 1, duplicatesExisting: 0 });
  assert.equal(plan.groupName, 'Fornitori 2026');

  const invalid = await rows(api, plan.planId, 'invalid');
  assert.deepEqual(
    invalid.rows.map((r) => [r.row, r.problems.map((p) => p.message).join('; ')]),
    [
      [7, 'PEC: il dominio dopo la @ non è valido («luca.verdi@pec»)'],
      [8, 'nessun indirizzo PEC o e-mail'],
      [11, invalid.rows[2].problems[0].message],
    ],
  );
  assert.match(invalid.rows[2].problems[0].message, /più indirizzi nella stessa cella/);
  assert.deepEqual(invalid.rows[1].cells?.slice(0, 2), ['Anna', 'Neri'], 'a row not imported shows what it held');

  const problems = await rows(api, plan.planId, 'problems');
  assert.deepEqual(problems.rows.map((r) => r.row), [4, 6, 7, 8, 9, 11], 'a corrected VAT number, the empty row, invalid rows and the duplicate');
  assert.deepEqual((await rows(api, plan.planId, 'duplicates')).rows.map((r) => [r.row, r.duplicateOfRow]), [[9, 4]]);
  assert.deepEqual((await rows(api, plan.planId, 'empty')).rows.map((r) => r.row), [6]);

  const paged = await rows(api, plan.planId, 'all', 4, 3);
  assert.deepEqual([paged.total, paged.offset, paged.rows.map((r) => r.row)], [9, 4, [8, 9, 10]]);

  assert.equal((await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 10 })).total, 0);
  assert.deepEqual(await call(api, 'groupsList', {}), []);
});

test('committing imports into the new group in one go, and a double click or a later commit of the same report imports nothing more', async (t) => {
  const { api } = await startApi(t);
  const events: PecEvent[] = [];
  const off = api.onEvent((e) => events.push(e));
  t.after(off);
  const { plan } = await planSuppliers(api, { groupName: 'Fornitori 2026' });
  const [first, doubleClick] = await Promise.all([api.dispatch('importCommit', { planId: plan.planId }), api.dispatch('importCommit', { planId: plan.planId })]);
  assert.ok(first.ok, JSON.stringify(first));
  assert.equal(!doubleClick.ok && doubleClick.error.code, 'stale');
  const outcome = first.value as ImportOutcomeView;
  assert.deepEqual({ ...outcome, groupId: null }, { created: 4, updated: 0, linked: 1, contacts: 4, groupId: null });

  const [group] = await call<GroupView[]>(api, 'groupsList', {});
  assert.equal(group.name, 'Fornitori 2026');
  assert.equal(outcome.groupId, group.id);
  const members = await call<ContactPageView>(api, 'contactsList', { groupId: group.id, offset: 0, limit: 10 });
  assert.deepEqual(members.rows.map((c) => c.pec || c.email).sort(), ['giulia.russo@pec.it', 'nicolo.zacca@pec.it', 'sara.gallo@example.it', 'studio.bianchi@legalmail.it']);
  assert.ok(events.some((e) => e.type === 'store-changed' && e.entities.includes('contacts')), 'the lists are told to reload');

  const again = await refused(api, 'importCommit', { planId: plan.planId });
  assert.equal(again.code, 'stale');
  assert.equal((await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 10 })).total, 4);
});

test('a report made before the address book changed is refused as stale and nothing is imported', async (t) => {
  const { api } = await startApi(t);
  const { plan } = await planSuppliers(api, { groupName: 'Fornitori' });
  await call(api, 'contactSave', { contact: { name: 'Giulia Russo', pec: 'giulia.russo@pec.it' } });
  const error = await refused(api, 'importCommit', { planId: plan.planId });
  assert.equal(error.code, 'stale');
  assert.equal(error.reason, 'import-plan-stale');
  assert.equal((await call<ContactPageView>(api, 'contactsList', { offset: 0, limit: 10 })).total, 1);
  assert.deepEqual(await call(api, 'groupsList', {}), []);
});

test('a wrong mapping or an unreadable file gets the reason in Italian, as a code the wizard can show', async (t) => {
  const { api } = await startApi(t);
  const file = await upload(api, suppliers);
  const preview = await call<ImportPreviewView>(api, 'importPreview', { fileId: file.fileId });
  const noAddress = preview.suggestedMapping.columns.map((c) => (c === 'pec' || c === 'email' ? 'ignore' : c));
  const mapping = await refused(api, 'importPlan', { fileId: file.fileId, mapping: { ...preview.suggestedMapping, columns: noAddress }, duplicatePolicy: 'skip' });
  assert.equal(mapping.code, 'invalid-request');
  assert.equal(mapping.reason, 'import-mapping-invalid');
  assert.equal(mapping.message, 'La scelta delle colonne non è valida: nessuna colonna è indicata come PEC o e-mail. Correggila e riprova.');
  assert.deepEqual(mapping.problems, [{ text: 'mapping-no-address' }], 'what is wrong, for the window to say in its language');

  const tall = await upload(api, path.join(FIXTURES, 'claims-1048576-rows.xlsx'));
  const rows = await refused(api, 'importPreview', { fileId: tall.fileId });
  assert.equal(rows.reason, 'import-too-many-rows');
  assert.match(rows.message, /^Il foglio «.+» ha più di 200\.000 righe: troppe per un’importazione\./);
  assert.equal(rows.params?.max, 200_000);

  const legacy = await upload(api, path.join(FIXTURES, 'legacy.xls'));
  const xls = await refused(api, 'importPreview', { fileId: legacy.fileId });
  assert.equal(xls.code, 'unreadable');
  assert.equal(xls.reason, 'import-legacy-xls');
  assert.match(xls.message, /\.xlsx/);
});

test('in the browser build the report is handed back as an .xlsx listing every row', async (t) => {
  const { api } = await startApi(t);
  const { plan } = await planSuppliers(api);
  const report = await call<FileOutput>(api, 'importSaveReport', { planId: plan.planId });
  assert.equal(report.kind, 'download');
  if (report.kind !== 'download') return;
  assert.equal(report.filename, 'Riepilogo importazione fornitori-2026.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(report.dataBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Righe')!;
  assert.equal(sheet.actualRowCount, 1 + 9, 'a header and one line per data row');
  assert.equal(wb.getWorksheet('Riepilogo')!.getCell('B2').value, 'fornitori-2026.xlsx', 'the file as the user named it, not the temporary copy');
});

test('in the desktop app the file comes from the open dialog and the report goes where the save dialog says', async (t) => {
  // No Electron binary can run here: the host's two dialogs are stand-ins answering what a user would pick.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-api-'));
  const dataDir = path.join(dir, 'data');
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  const saveAs = path.join(dir, 'riepilogo fornitori');
  const api = createApi(services, { ...webHost('test', dir), kind: 'electron', chooseSpreadsheetFile: async () => suppliers, chooseSaveFile: async () => saveAs }, () => undefined);
  t.after(async () => {
    api.dispose();
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const file = await call<ImportFileView>(api, 'chooseSpreadsheetFile', {});
  assert.equal(file.name, 'fornitori-2026.xlsx');
  const preview = await call<ImportPreviewView>(api, 'importPreview', { fileId: file.fileId });
  const plan = await call<ImportPlanView>(api, 'importPlan', { fileId: file.fileId, mapping: preview.suggestedMapping, duplicatePolicy: 'skip' });
  const saved = await call<FileOutput>(api, 'importSaveReport', { planId: plan.planId });
  assert.deepEqual(saved, { kind: 'saved', path: `${saveAs}.xlsx` });
  assert.equal(fs.readFileSync(`${saveAs}.xlsx`).subarray(0, 2).toString(), 'PK');
});

test('the browser build has no open dialog, and ids never given out find nothing', async (t) => {
  const { api } = await startApi(t);
  assert.equal((await refused(api, 'chooseSpreadsheetFile', {})).code, 'unsupported');
  assert.equal((await refused(api, 'importPreview', { fileId: 'ab'.repeat(16) })).code, 'not-found');
  assert.equal((await refused(api, 'importPlanRows', { planId: 'cd'.repeat(16), filter: 'all', offset: 0, limit: 10 })).code, 'not-found');
  assert.equal((await refused(api, 'importCommit', { planId: 'ef'.repeat(16) })).code, 'not-found');
});

test('import payloads that do not match the contract are refused, including paths and prototype keys', async (t) => {
  const { api } = await startApi(t);
  const file = await upload(api, suppliers);
  const mapping = { sheetIndex: 0, headerRowIndex: 2, columns: ['pec'] };
  const bad: [string, unknown][] = [
    ['importPreview', { fileId: '../../etc/passwd' }],
    ['importPreview', { file: suppliers }],
    ['uploadImportFile', { name: 'x.csv', dataBase64: 'not base64!' }],
    ['uploadImportFile', { name: '', dataBase64: '' }],
    ['importPlan', { fileId: file.fileId, mapping: { ...mapping, columns: ['free:__proto__'] }, duplicatePolicy: 'skip' }],
    ['importPlan', { fileId: file.fileId, mapping: { ...mapping, columns: ['password'] }, duplicatePolicy: 'skip' }],
    ['importPlan', { fileId: file.fileId, mapping, duplicatePolicy: 'overwrite' }],
    ['importPlan', { fileId: file.fileId, mapping: { ...mapping, headerRowIndex: -2 }, duplicatePolicy: 'skip' }],
    ['importPlanRows', { planId: 'ab'.repeat(16), filter: 'everything', offset: 0, limit: 10 }],
    ['importPlanRows', { planId: 'ab'.repeat(16), filter: 'all', offset: 0, limit: 5_000 }],
  ];
  for (const [method, payload] of bad) {
    assert.equal((await refused(api, method, payload)).code, 'invalid-request', `${method} ${JSON.stringify(payload)}`);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a long import reports its progress, tagged with its file and then its plan, for the progress bar', async (t) => {
  const { api, dir } = await startApi(t);
  const csv = path.join(dir, 'destinatari.csv');
  const lines = ['Nominativo;PEC', ...Array.from({ length: 6_000 }, (_, i) => `Destinatario ${i};dest${i}@pec.it`)];
  fs.writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
  const progress: Extract<PecEvent, { type: 'import-progress' }>[] = [];
  t.after(api.onEvent((e) => e.type === 'import-progress' && progress.push(e)));

  const file = await upload(api, csv);
  const preview = await call<ImportPreviewView>(api, 'importPreview', { fileId: file.fileId });
  const plan = await call<ImportPlanView>(api, 'importPlan', { fileId: file.fileId, mapping: preview.suggestedMapping, duplicatePolicy: 'skip' });
  const checking = progress.filter((p) => p.phase === 'checking');
  assert.ok(checking.length > 0 && checking.every((p) => p.fileId === file.fileId && p.planId === null && p.total === 6_000));

  await call(api, 'importCommit', { planId: plan.planId });
  const saving = progress.filter((p) => p.phase === 'saving');
  assert.deepEqual(saving.map((p) => p.done), [1000, 2000, 3000, 4000, 5000, 6000]);
  assert.ok(saving.every((p) => p.planId === plan.planId && p.total === 6_000));
});
