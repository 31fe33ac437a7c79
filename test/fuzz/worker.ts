// The fuzz worker: builds inputs from the seed and runs each through the three paths a message
// takes (classify and search text, the store, the reader), reporting each step to the parent,
// which kills this thread when one step outlives its budget.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { buildMessageView, loadBytes } from '../../src/main/mail';
import { analyzeMessage, searchableText } from '../../src/main/pec';
import { openStore, type ImportItem } from '../../src/main/store';
import { makeInput, type FuzzInput } from './mutator';

/** What the parent gives a worker. */
export interface FuzzJob {
  seed: number;
  /** First input of this run (earlier ones are done) and the end of the worker's share. */
  from: number;
  to: number;
  /** Inputs that hung or crashed the thread before: not retried. */
  skip: number[];
  batchSize: number;
  storeDir: string;
  seedDirs: string[];
  canaryPort: number;
}

/** Messages to the parent. */
export type FuzzMessage =
  | { type: 'step'; index: number; step: 'mutate' | 'analyze' | 'read'; description?: string }
  | { type: 'store'; from: number; to: number }
  | { type: 'done'; index: number; description: string; sha256: string; flagged: boolean; size: number }
  | { type: 'crash'; index: number; description: string; step: string; error: string }
  | { type: 'end' };

const job = workerData as FuzzJob;
const post = (message: FuzzMessage) => parentPort!.postMessage(message);
const sha256 = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');
const errorText = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err)).slice(0, 2000);

const seedFiles = job.seedDirs.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => path.join(dir, f)));
const seeds = seedFiles.map((f) => fs.readFileSync(f));
const seedNames = seedFiles.map((f) => path.basename(f));
const skip = new Set(job.skip);
const store = openStore(job.storeDir);

function crash(input: FuzzInput, step: string, err: unknown): void {
  post({ type: 'crash', index: input.index, description: input.description, step, error: errorText(err) });
}

/**
 * Classify and search text, one input at a time so a hang is pinned on its input; null when an
 * exception escaped. The words go to the import, which then does not compute them again.
 */
async function analyzeOne(input: FuzzInput): Promise<ImportItem | null> {
  post({ type: 'step', index: input.index, step: 'analyze', description: input.description });
  try {
    const result = await analyzeMessage(input.raw);
    const text = result.ok ? searchableText(input.raw, result.analysis.kind) : { body: '', senderNames: '' };
    return { raw: input.raw, bodyText: text.body, senderNames: text.senderNames };
  } catch (err) {
    crash(input, 'analyze', err);
    return null;
  }
}

/** The reader's content path for the stored row; whether it was read cleanly or flagged. */
async function readOne(input: FuzzInput, messageRowId: number): Promise<void> {
  post({ type: 'step', index: input.index, step: 'read', description: input.description });
  const stored = store.getMessage(messageRowId);
  const back = store.readMessageRaw(messageRowId);
  const sha = sha256(input.raw);
  if (!stored || stored.sha256 !== sha || !back?.ok || !back.raw.equals(input.raw)) {
    crash(input, 'store', new Error(`not stored byte-exact (row ${messageRowId}, sha ${stored?.sha256} vs ${sha})`));
    return;
  }
  // The importer turns an analyser exception into this code; for the fuzzer it is a crash.
  if (stored.unreadableCode === 'analysis-crashed') {
    crash(input, 'store', new Error(`analysis crashed during import: ${stored.unreadableDetail}`));
    return;
  }
  try {
    const loaded = await loadBytes({ messageId: messageRowId }, input.raw, stored);
    if (!loaded.ok) throw new Error(`the reader refused a stored message: ${loaded.error.code} ${loaded.error.message}`);
    const view = buildMessageView(loaded.value, { remoteContentAllowed: false, sentMessageId: null, seen: false, trust: null, receiptProblems: null });
    if (input.raw.includes('file:///etc/passwd') && JSON.stringify(view).includes('root:x:0:0')) throw new Error('an external entity was expanded');
    post({ type: 'done', index: input.index, description: input.description, sha256: sha, flagged: stored.unreadable || view.problems.length > 0, size: input.raw.length });
  } catch (err) {
    crash(input, 'read', err);
  }
}

async function runBatch(from: number, to: number): Promise<void> {
  const inputs: FuzzInput[] = [];
  const items: ImportItem[] = [];
  for (let index = from; index < to; index++) {
    if (skip.has(index)) continue;
    post({ type: 'step', index, step: 'mutate' });
    let input: FuzzInput;
    try {
      input = makeInput(seeds, seedNames, job.seed, index, { canaryPort: job.canaryPort });
    } catch (err) {
      // The mutator aims with our own MIME reader: an exception there is a crash of that reader.
      post({ type: 'crash', index, description: 'mutator', step: 'mutate (parseMime)', error: errorText(err) });
      continue;
    }
    const item = await analyzeOne(input);
    if (item) {
      inputs.push(input);
      items.push(item);
    }
  }
  post({ type: 'store', from, to });
  let results;
  try {
    results = await store.importMessages(items);
  } catch (err) {
    for (const input of inputs) crash(input, 'store', err);
    return;
  }
  for (let i = 0; i < inputs.length; i++) {
    const result = results[i];
    if (!result.ok) crash(inputs[i], 'store', new Error(`${result.code}: ${result.detail}`));
    else await readOne(inputs[i], result.messageRowId);
  }
}

async function main(): Promise<void> {
  for (let from = job.from; from < job.to; from += job.batchSize) await runBatch(from, Math.min(job.to, from + job.batchSize));
  store.close();
  post({ type: 'end' });
}

void main();
