// Runs one import step in a worker thread (Signal-style: long database work off the thread that
// serves windows, CONTRIBUTING.md "Heavy work off the main process"). Requests and results are plain data; progress arrives as it happens.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ContactsResult, ImportMapping, ImportOptions, ImportOutcome, ImportPlan, ImportPreview, ImportProgress, ProgressCallback } from './types';

/** One wizard step for the worker, with the store folder it opens. */
export type WorkerRequest = { storeDir: string; maxRows?: number } & (
  | { op: 'preview'; file: string; sheetIndex?: number }
  | { op: 'plan'; file: string; mapping: ImportMapping; options: ImportOptions }
  | { op: 'commit'; plan: ImportPlan }
);

/** What each step resolves to. */
export interface WorkerResults {
  preview: ImportPreview;
  plan: ImportPlan;
  commit: ImportOutcome;
}

/** Messages from the worker. */
export type WorkerMessage = { type: 'progress'; progress: ImportProgress } | { type: 'done'; result: ContactsResult<unknown> };

/**
 * The worker's entry: worker.ts beside this file when running from source (tests, tsx, which the
 * worker inherits through execArgv); contacts-worker.js beside the bundle once built.
 */
function workerEntry(): string {
  const source = path.join(__dirname, 'worker.ts');
  return fs.existsSync(source) ? source : path.join(__dirname, 'contacts-worker.js');
}

/** Runs the step in a new worker thread; a worker that dies is a bug and rejects. */
export function runImportInWorker<R extends WorkerRequest>(request: R, onProgress?: ProgressCallback): Promise<ContactsResult<WorkerResults[R['op']]>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry(), { workerData: request });
    let result: ContactsResult<WorkerResults[R['op']]> | null = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else result = message.result as ContactsResult<WorkerResults[R['op']]>;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (result ? resolve(result) : reject(new Error(`contacts import worker exited with code ${code} and no result`))));
  });
}
