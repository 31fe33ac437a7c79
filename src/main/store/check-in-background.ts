// The database check at start, off the thread that serves the window: the same checkStoreFile the
// CLI's `pecdesk db check` runs, in a worker thread. Its answer decides whether the store opens
// (openStore with `checked`, which then skips its own quick_check) or the UI offers the restore.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkBeforeOpen, DATABASE_NAME, type IntegrityProblem } from './integrity';
import { checkStoreFile } from './recovery';

/**
 * The worker's entry: check-worker.ts beside this file when running from source (tests, tsx, which
 * the worker inherits through execArgv); store-check-worker.js beside the bundle once built.
 */
function workerEntry(): string {
  const source = path.join(__dirname, 'check-worker.ts');
  return fs.existsSync(source) ? source : path.join(__dirname, 'store-check-worker.js');
}

/** checkStoreFile(dir) in a worker thread; a worker that cannot run falls back to checking here. */
export function checkStoreInBackground(dir: string): Promise<IntegrityProblem | null> {
  const file = path.join(dir, DATABASE_NAME);
  // No database yet: a new store (nothing to check), or a lost one when raw/ holds messages.
  if (!fs.existsSync(file)) return Promise.resolve(checkBeforeOpen(dir, file));
  return new Promise((resolve) => {
    let answered = false;
    let worker: Worker;
    try {
      worker = new Worker(workerEntry(), { workerData: { dir } });
    } catch {
      return resolve(checkStoreFile(dir));
    }
    worker.once('message', (problem: IntegrityProblem | null) => {
      answered = true;
      resolve(problem);
    });
    // The check itself never throws for a damaged file (it reports it): a dead worker is ours to redo.
    worker.once('error', () => undefined);
    worker.once('exit', () => {
      if (!answered) resolve(checkStoreFile(dir));
    });
  });
}
