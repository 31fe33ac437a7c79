// Worker-thread entry of the integrity check at start (check-in-background.ts starts it): runs
// checkStoreFile on its own read-only view of the database and posts the problem (or null). A
// quick_check reads every page, seconds on a large store: here it does not hold up the window.
import { parentPort, workerData } from 'node:worker_threads';
import { checkStoreFile } from './recovery';

parentPort!.postMessage(checkStoreFile((workerData as { dir: string }).dir));
