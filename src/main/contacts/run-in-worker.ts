// Runs one import step in a worker thread (Signal-style: long database work off the thread that
// serves windows, CONTRIBUTING.md "Heavy work off the main process"). Requests and results are plain data; progress arrives as it happens.
// The worker runs under a memory cap: whatever a hostile file gets past the reading caps, it can at
// worst exhaust the worker's heap, which ends the worker (not the app) and is reported as a failure.
import fs from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { tooLarge } from './import/limits';
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

/**
 * The worker's memory: a 200,000-row plan and its commit fit with room to spare (the 50,000-row
 * bench peaks near 300 MB for the whole process).
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 };

/**
 * Runs the step in a new worker thread. A worker that runs out of memory or dies resolves as a
 * failure that tells the user what to do: only a file can make it die (or a bug, whose message the
 * detail keeps).
 */
export function runImportInWorker<R extends WorkerRequest>(
  request: R,
  onProgress?: ProgressCallback,
  resourceLimits: ResourceLimits = WORKER_LIMITS,
): Promise<ContactsResult<WorkerResults[R['op']]>> {
  return new Promise((resolve) => {
    const worker = new Worker(workerEntry(), { workerData: request, resourceLimits });
    let result: ContactsResult<WorkerResults[R['op']]> | null = null;
    let died: Error | null = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else result = message.result as ContactsResult<WorkerResults[R['op']]>;
    });
    worker.on('error', (err) => (died = err));
    worker.on('exit', (code) => resolve(result ?? tooLarge(deathCause(died, code))));
  });
}

function deathCause(err: Error | null, code: number): string {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'la lettura ha esaurito la memoria concessa all\u2019importazione';
  return `l\u2019importazione si è interrotta: ${err?.message ?? `codice di uscita ${code}`}`;
}
