// Worker-thread entry of the import (run-in-worker.ts starts it): opens the store on its own
// connection, runs one wizard step, posts progress and the result as plain data, closes the store.
// Reading 50,000 spreadsheet rows and writing them takes seconds: here they do not stall a window.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store';
import type { WorkerMessage, WorkerRequest } from './run-in-worker';
import { Contacts } from './service';
import type { ContactsResult, ImportProgress } from './types';

async function run(request: WorkerRequest): Promise<ContactsResult<unknown>> {
  const store = openStore(request.storeDir);
  try {
    const contacts = new Contacts(store, { maxRows: request.maxRows });
    const onProgress = (progress: ImportProgress) => post({ type: 'progress', progress });
    switch (request.op) {
      case 'preview':
        return await contacts.previewImport(request.file, { sheetIndex: request.sheetIndex });
      case 'plan':
        return await contacts.planImport(request.file, request.mapping, request.options, onProgress);
      case 'commit':
        return contacts.commitImport(request.plan, onProgress);
    }
  } finally {
    store.close();
  }
}

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

void run(workerData as WorkerRequest).then((result) => post({ type: 'done', result }));
