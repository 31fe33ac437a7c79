// The spreadsheet import wizard over the API: choose or upload a file, preview it, plan (the
// report, before anything is written), page through the report, commit, save the report. Files
// and plans stay behind random ids: the renderer never names a path to read, and a 50,000-row
// plan is not shipped to the page to be sent back. Reading, checking and saving every row run on
// the import thread (contacts/run-in-worker.ts), with progress events, so neither the windows nor
// the API stall; the plan's rows stay there, and the engine keeps only each plan's summary. The
// preview runs there too, although it reads only the top rows: it is the first step to open a file
// nobody has checked yet, and a hostile file must at worst end a worker under its memory cap,
// never the engine. The steps share one thread (services.importWorker), started as the file
// dialog opens.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFileView, ImportPlanView, PlannedRowView } from '../../shared/api-contacts';
import { sanitizeFileName } from '../attachments';
import type { ContactsFailure, ImportOutcome, ImportPlanSummary, ImportProgress, PlannedRow } from '../contacts';
import { contactsFailure } from './contacts';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { deliverFile } from './file-output';
import { fail, ok } from './result';

// A wizard holds one file and one or two plans at a time; older ones are forgotten.
const MAX_FILES = 20;
const MAX_PLANS = 4;

interface ImportFile {
  path: string;
  /** The name the user knows the file by. */
  name: string;
  /** An upload from the browser: a private copy to remove when forgotten. */
  uploaded: boolean;
}

interface HeldPlan {
  fileId: string;
  /** The file's name as the user knows it. */
  name: string;
  plan: ImportPlanSummary;
  /** 'running' while the worker writes: a second click must not import the rows twice. */
  committed: ImportOutcome | 'running' | null;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** Adds to a bounded map, forgetting the oldest entries beyond max. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number, forget: (value: V) => void = () => undefined): void {
  map.set(key, value);
  for (const [oldKey, old] of map) {
    if (map.size <= max) break;
    map.delete(oldKey);
    forget(old);
  }
}

function rowView(row: PlannedRow): PlannedRowView {
  const c = row.contact;
  return { ...row, contact: c && { name: c.name, organization: c.organization, pec: c.pec, email: c.email } };
}

function planView(planId: string, held: HeldPlan): ImportPlanView {
  const { plan } = held;
  return {
    planId,
    fileId: held.fileId,
    name: held.name,
    sheetName: plan.sheetName,
    headers: plan.headers,
    mapping: plan.mapping,
    groupName: plan.options.groupName ?? null,
    duplicatePolicy: plan.options.duplicatePolicy,
    counts: plan.counts,
  };
}

type ImportHandlers = Pick<
  Handlers,
  'chooseSpreadsheetFile' | 'uploadImportFile' | 'importPreview' | 'importPlan' | 'importPlanRows' | 'importCommit' | 'importSaveReport'
>;

/** The import wizard handlers. */
export function contactImportHandlers(ctx: ApiContext): ImportHandlers {
  const files = new Map<string, ImportFile>();
  const plans = new Map<string, HeldPlan>();
  const storeDir = ctx.services.store.dir;
  const { importWorker } = ctx.services;

  const addFile = (file: ImportFile): ImportFileView => {
    const fileId = newId();
    remember(files, fileId, file, MAX_FILES, (old) => {
      if (old.uploaded) fs.rmSync(path.dirname(old.path), { recursive: true, force: true });
    });
    return { fileId, name: file.name };
  };
  const fileGone = () => fail('not-found', 'import-file-gone');
  const planGone = () => fail('not-found', 'import-plan-gone');
  // After the import, a plan made again differs from the report by the import itself.
  const reportFailure = (held: HeldPlan, failure: ContactsFailure) =>
    failure.code === 'plan-stale' && held.committed && held.committed !== 'running'
      ? fail('stale', 'import-report-gone')
      : contactsFailure(failure);
  const progress = (fileId: string, planId: string | null) => (p: ImportProgress) => ctx.emit({ type: 'import-progress', fileId, planId, ...p });

  return {
    async chooseSpreadsheetFile() {
      if (!ctx.host.chooseSpreadsheetFile) return fail('unsupported', 'browser-upload-file');
      // Loading the import's code overlaps the user's choice of the file.
      importWorker.warm();
      const chosen = await ctx.host.chooseSpreadsheetFile();
      return ok(chosen ? addFile({ path: chosen, name: path.basename(chosen), uploaded: false }) : null);
    },

    async uploadImportFile(req) {
      importWorker.warm();
      const name = sanitizeFileName(req.name);
      const dir = fs.mkdtempSync(path.join(ctx.scratchDir(), 'import-'));
      const file = path.join(dir, name);
      await fs.promises.writeFile(file, Buffer.from(req.dataBase64, 'base64'), { flag: 'wx', mode: 0o600 });
      return ok(addFile({ path: file, name, uploaded: true }));
    },

    async importPreview(req) {
      const file = files.get(req.fileId);
      if (!file) return fileGone();
      const previewed = await importWorker.run({ op: 'preview', storeDir, file: file.path, sheetIndex: req.sheetIndex });
      if (!previewed.ok) return contactsFailure(previewed);
      const { file: _path, ...preview } = previewed.value;
      return ok({ ...preview, fileId: req.fileId, name: file.name });
    },

    async importPlan(req) {
      const file = files.get(req.fileId);
      if (!file) return fileGone();
      const options = { groupName: req.groupName, duplicatePolicy: req.duplicatePolicy };
      // The report names the file as the user knows it, not by its private temporary copy.
      const label = file.uploaded ? file.name : file.path;
      const planned = await importWorker.run({ op: 'plan', storeDir, file: file.path, mapping: req.mapping, options, label }, progress(req.fileId, null));
      if (!planned.ok) return contactsFailure(planned);
      const planId = newId();
      // The summary object itself is kept: the import thread's plan is known by it.
      const held: HeldPlan = { fileId: req.fileId, name: file.name, plan: planned.value, committed: null };
      remember(plans, planId, held, MAX_PLANS);
      return ok(planView(planId, held));
    },

    async importPlanRows(req) {
      const held = plans.get(req.planId);
      if (!held) return planGone();
      const page = await importWorker.run({ op: 'rows', storeDir, plan: held.plan, filter: req.filter, offset: req.offset, limit: req.limit });
      if (!page.ok) return reportFailure(held, page);
      return ok({ total: page.value.total, offset: req.offset, rows: page.value.rows.map(rowView) });
    },

    async importCommit(req) {
      const held = plans.get(req.planId);
      if (!held) return planGone();
      if (held.committed === 'running') return fail('stale', 'import-running');
      if (held.committed) return fail('stale', 'import-done-already');
      held.committed = 'running';
      const committed = await importWorker.run({ op: 'commit', storeDir, plan: held.plan }, progress(held.fileId, req.planId)).finally(() => {
        if (held.committed === 'running') held.committed = null;
      });
      // invalid-contact here: a row of the plan is no longer a contact, so the plan was tampered with.
      if (!committed.ok) return contactsFailure(committed, { reasons: { 'invalid-contact': 'import-plan-altered' } });
      held.committed = committed.value;
      // The worker wrote on its own connection: tell the lists here that contacts changed.
      ctx.services.contacts.announceImport(committed.value);
      const { created, updated, linked, groupId, contactIds } = committed.value;
      return ok({ created, updated, linked, groupId, contacts: contactIds.length });
    },

    async importSaveReport(req) {
      const held = plans.get(req.planId);
      if (!held) return planGone();
      const base = path.parse(held.name).name;
      return deliverFile(ctx, sanitizeFileName(`Riepilogo importazione ${base}.xlsx`), XLSX_TYPE, async (file) => {
        const target = path.extname(file).toLowerCase() === '.xlsx' ? file : `${file}.xlsx`;
        const written = await importWorker.run({ op: 'report', storeDir, plan: held.plan, target });
        if (written.ok) return ok(target);
        return written.code === 'file-unwritable' ? contactsFailure(written, { params: { name: path.basename(target) } }) : reportFailure(held, written);
      });
    },
  };
}
