// Worker-thread entry of the import (run-in-worker.ts starts it): runs the wizard's steps it is
// sent, one after the other, and posts progress and the result as plain data. Reading 50,000
// spreadsheet rows and writing them takes seconds: here they do not stall the engine. A step that
// reads or writes contacts opens its own connection to the store and closes it after, so a
// restored backup or a moved data folder is never held open.
//
// The plans it made stay here under a key, the last few, rows and all: the engine holds only what
// the wizard shows (worker-protocol.ts), so 50,000 rows are not copied to the engine and back, and
// the commit uses the very object planRows made, whose contacts are sealed as cleaned
// (import/sealed.ts) and need no second cleaning.
import { randomBytes } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { openStore } from '../store';
import { planDigest } from './import/plan-digest';
import { planRowsMatching } from './import/plan-rows';
import { writeReportXlsx } from './import/report-xlsx';
import { fileIdentity } from './import/scan-cache';
import { Contacts } from './service';
import type { ContactsResult, ImportPlan, ImportProgress, PlannedRow } from './types';
import type { PlanRowFilter } from '../../shared/api-contacts';
import type { WireRequest, WorkerMessage } from './worker-protocol';

// As many as the engine's import handlers hold (api/contacts-import.ts MAX_PLANS).
const KEPT_PLANS = 4;

interface KeptPlan {
  plan: ImportPlan;
  /** The rows under each of the report's filters, computed on first use. */
  filtered: Map<PlanRowFilter, PlannedRow[]>;
}

const plans = new Map<string, KeptPlan>();

/** A step on the store, with its own connection for the step's length. */
async function withContacts<T>(request: WireRequest, step: (contacts: Contacts) => Promise<T> | T): Promise<T> {
  const store = openStore(request.storeDir);
  try {
    return await step(new Contacts(store, { maxRows: request.maxRows }));
  } finally {
    store.close();
  }
}

async function run(id: number, request: WireRequest): Promise<void> {
  const onProgress = (progress: ImportProgress) => post({ id, type: 'progress', progress });
  if ('planKey' in request) {
    const kept = plans.get(request.planKey);
    if (!kept) return post({ id, type: 'plan-missing' });
    return post({ id, type: 'done', result: await withPlan(request, kept, onProgress) });
  }
  if (request.op === 'preview') {
    const result = await withContacts(request, (c) => c.previewImport(request.file, { sheetIndex: request.sheetIndex, readAhead: true }));
    return post({ id, type: 'done', result });
  }
  const planned = await withContacts(request, (c) => c.planImport(request.file, request.mapping, request.options, onProgress));
  if (!planned.ok) return post({ id, type: 'done', result: planned });
  const plan = planned.value;
  plan.file = request.label ?? request.file;
  const digest = planDigest(plan, await fileIdentity(request.file));
  const { rows: _rows, ...summary } = plan;
  post({ id, type: 'done', result: { ok: true, value: summary }, kept: { key: keep(plan), digest } });
}

/** A step about a plan this thread holds. */
async function withPlan(request: Extract<WireRequest, { planKey: string }>, kept: KeptPlan, onProgress: (p: ImportProgress) => void): Promise<ContactsResult<unknown>> {
  switch (request.op) {
    case 'rows': {
      let rows = kept.filtered.get(request.filter);
      if (!rows) kept.filtered.set(request.filter, (rows = planRowsMatching(kept.plan, request.filter)));
      return { ok: true, value: { total: rows.length, rows: rows.slice(request.offset, request.offset + request.limit) } };
    }
    case 'report':
      return writeReportXlsx(kept.plan, request.target);
    case 'commit':
      // Kept after the commit too: the report can still be paged and saved.
      return withContacts(request, (c) => c.commitImport(kept.plan, onProgress));
  }
}

function keep(plan: ImportPlan): string {
  const key = randomBytes(16).toString('hex');
  plans.set(key, { plan, filtered: new Map() });
  while (plans.size > KEPT_PLANS) plans.delete(plans.keys().next().value!);
  return key;
}

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

// Steps run one after the other, in the order sent.
let queue = Promise.resolve();
parentPort!.on('message', ({ id, request }: { id: number; request: WireRequest }) => {
  queue = queue.then(() => run(id, request));
});
