// Worker-thread entry of the import (run-in-worker.ts starts it): runs the wizard's steps it is
// sent, one after the other, each on its own connection to the store (opened for the step and
// closed after it, so a restored backup or a moved data folder is never held open), and posts
// progress and the result as plain data. Reading 50,000 spreadsheet rows and writing them takes
// seconds: here they do not stall the engine.
//
// The plans it made stay here under a key, the last few, so that the commit of one names it
// instead of sending it back: a plan kept here is the very object planRows made, whose contacts
// are sealed as cleaned (import/sealed.ts), so the commit does not clean them again.
import { randomBytes } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { openStore } from '../store';
import type { WireRequest, WorkerMessage } from './run-in-worker';
import { Contacts } from './service';
import type { ContactsResult, ImportPlan, ImportProgress } from './types';

// As many as the engine's import handlers hold (api/contacts-import.ts MAX_PLANS).
const KEPT_PLANS = 4;
const plans = new Map<string, ImportPlan>();

async function run(id: number, request: WireRequest): Promise<void> {
  let plan: ImportPlan | undefined;
  if (request.op === 'commit') {
    plan = 'planKey' in request ? plans.get(request.planKey) : request.plan;
    if (!plan) return post({ id, type: 'plan-missing' });
  }
  const store = openStore(request.storeDir);
  let result: ContactsResult<unknown>;
  let planKey: string | undefined;
  try {
    const contacts = new Contacts(store, { maxRows: request.maxRows });
    const onProgress = (progress: ImportProgress) => post({ id, type: 'progress', progress });
    switch (request.op) {
      case 'preview':
        result = await contacts.previewImport(request.file, { sheetIndex: request.sheetIndex, readAhead: true });
        break;
      case 'plan':
        result = await contacts.planImport(request.file, request.mapping, request.options, onProgress);
        if (result.ok) planKey = keep(result.value as ImportPlan);
        break;
      case 'commit':
        result = contacts.commitImport(plan!, onProgress);
        // Imported: the engine never commits it again, so its rows need not stay here.
        if (result.ok && 'planKey' in request) plans.delete(request.planKey);
        break;
    }
  } finally {
    store.close();
  }
  post({ id, type: 'done', result, planKey });
}

function keep(plan: ImportPlan): string {
  const key = randomBytes(16).toString('hex');
  plans.set(key, plan);
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
