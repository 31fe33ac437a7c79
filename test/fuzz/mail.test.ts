// Hostile mail through classify, store and the reader: thousands of mutated real messages, each
// run in a worker thread with a memory cap while this thread watches the clock. An exception
// escaping a path, or the thread dying, is a crash; a step over its budget is a hang, and the
// worker is restarted past that input. Every input must be stored byte-exact and read or flagged.
// FUZZ_SEED and FUZZ_N run other or longer corpora locally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openStore } from '../../src/main/store';
import type { FuzzJob, FuzzMessage } from './worker';
import { countRows } from '../helpers/store-db';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const COUNT = Number(process.env.FUZZ_N ?? 10_000);
/** One worker per core of the CI machine, each with its share of the inputs and its own store. */
const WORKERS = Number(process.env.FUZZ_WORKERS ?? 2);
/** Per input step; the store step of a whole batch gets three times as much (it fsyncs). */
const STEP_BUDGET_MS = 10_000;
const BATCH = 250;
const FIXTURES = path.resolve(__dirname, '../fixtures');

interface Failure {
  index: number;
  kind: 'crash' | 'hang';
  description: string;
  step: string;
  error: string;
}

/** Counts every request that reaches it: an external entity or DTD fetched would land here. */
async function canary(): Promise<{ port: number; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.end('<!ENTITY x "fetched">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type Done = FuzzMessage & { type: 'done' };

/** Runs inputs [start, base.to) in a worker, restarting it past any input that hangs or kills it. */
async function runShard(base: Omit<FuzzJob, 'from' | 'skip'>, start: number): Promise<{ done: Map<number, Done>; failures: Failure[] }> {
  const done = new Map<number, Done>();
  const failures: Failure[] = [];
  const skip: number[] = [];
  let from = start;
  while (from < base.to) {
    const outcome = await new Promise<{ ended: true } | { ended: false; failure: Failure; batchFrom: number; skip: number[] }>((resolve) => {
      const worker = new Worker(path.join(__dirname, 'worker.ts'), { workerData: { ...base, from, skip }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      // What the worker is doing, and which inputs a restart must leave out if it never finishes.
      let current = { index: from, step: 'start', description: '', budget: STEP_BUDGET_MS, culprits: [from] };
      // Runs start at a batch's first input, so an input's batch starts at the multiple below it.
      const batchFrom = () => current.index - (current.index % base.batchSize);
      let since = Date.now();
      let settled = false;
      const finish = (result: Parameters<typeof resolve>[0]) => {
        if (settled) return;
        settled = true;
        clearInterval(watchdog);
        resolve(result);
      };
      const watchdog = setInterval(() => {
        if (Date.now() - since <= current.budget) return;
        const failure: Failure = { index: current.index, kind: 'hang', description: current.description, step: current.step, error: `no progress for ${current.budget} ms` };
        void worker.terminate();
        finish({ ended: false, failure, batchFrom: batchFrom(), skip: current.culprits });
      }, 250);
      worker.on('message', (message: FuzzMessage) => {
        since = Date.now();
        if (message.type === 'step') current = { index: message.index, step: message.step, description: message.description ?? '', budget: STEP_BUDGET_MS, culprits: [message.index] };
        else if (message.type === 'store') {
          // The import of a batch is one call: any of its inputs may be the culprit, so all are left out.
          const culprits = Array.from({ length: message.to - message.from }, (_, i) => message.from + i);
          current = { index: message.from, step: `store ${message.from}–${message.to - 1}`, description: '', budget: 3 * STEP_BUDGET_MS, culprits };
        }
        else if (message.type === 'done') done.set(message.index, message);
        else if (message.type === 'crash') failures.push({ index: message.index, kind: 'crash', description: message.description, step: message.step, error: message.error });
        else finish({ ended: true });
      });
      worker.on('error', (err) => finish({ ended: false, failure: { index: current.index, kind: 'crash', description: current.description, step: current.step, error: `the worker died: ${err.message}` }, batchFrom: batchFrom(), skip: current.culprits }));
      worker.on('exit', (code) => finish({ ended: false, failure: { index: current.index, kind: 'crash', description: current.description, step: current.step, error: `the worker exited with code ${code}` }, batchFrom: batchFrom(), skip: current.culprits }));
    });
    if (outcome.ended) break;
    failures.push(outcome.failure);
    // A failure that leaving its inputs out cannot avoid (none is new) would restart forever: stop the shard.
    const fresh = outcome.skip.filter((i) => !skip.includes(i));
    if (fresh.length === 0) break;
    skip.push(...fresh);
    // The batch is redone without the input that failed: its other inputs are not stored yet.
    from = outcome.batchFrom;
  }
  return { done, failures };
}

test('hostile mail: mutated real messages never crash or hang classify, store or the reader, and every one is stored', { timeout: 20 * 60_000 }, async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-fuzz-'));
  const server = await canary();
  t.after(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const seedDirs = [path.join(FIXTURES, 'pec-real'), path.join(FIXTURES, 'store')];
  // Shards of whole batches, so a restart always resumes at a batch start.
  const perShard = Math.ceil(COUNT / WORKERS / BATCH) * BATCH;
  const shards = await Promise.all(
    Array.from({ length: WORKERS }, (_, k) => ({ from: k * perShard, to: Math.min(COUNT, (k + 1) * perShard), storeDir: path.join(tmp, `store-${k}`) }))
      .filter((s) => s.from < s.to)
      .map(async (s) => ({ ...s, ...(await runShard({ seed: SEED, to: s.to, batchSize: BATCH, storeDir: s.storeDir, seedDirs, canaryPort: server.port }, s.from)) })),
  );
  const done = new Map(shards.flatMap((s) => [...s.done]));
  const failures = shards.flatMap((s) => s.failures);

  // A batch redone after a restart may report the same crash twice: counted once per input.
  const crashes = [...new Map(failures.filter((f) => f.kind === 'crash').map((f) => [f.index, f])).values()];
  const hangs = failures.filter((f) => f.kind === 'hang');
  console.log(`fuzz: ${COUNT} inputs, ${crashes.length} crashes, ${hangs.length} hangs`);
  for (const f of failures.slice(0, 20)) console.log(`  #${f.index} ${f.kind} in ${f.step} (${f.description}): ${f.error.split('\n').slice(0, 3).join(' | ')}`);
  const first = [...failures].sort((a, b) => a.index - b.index)[0];
  const reproduce = first ? `seed ${SEED}, first failing input #${first.index} (${first.description}): ${first.kind} in ${first.step}: ${first.error}` : '';
  assert.equal(crashes.length + hangs.length, 0, reproduce);
  assert.equal(server.hits(), 0, 'something fetched an external entity or DTD');

  // Every input is stored (identical mutants once), byte-exact (checked by the worker against its SHA-256), and read or flagged.
  assert.equal(done.size, COUNT, `seed ${SEED}: only ${done.size} of ${COUNT} inputs went all the way through`);
  for (const shard of shards) {
    const store = openStore(shard.storeDir);
    try {
      const rows = countRows(store, 'SELECT count(*) AS n FROM messages');
      assert.equal(rows, new Set([...shard.done.values()].map((d) => d.sha256)).size, `seed ${SEED}: rows of inputs ${shard.from}–${shard.to - 1}`);
    } finally {
      store.close();
    }
  }
  // A sanity check of the corpus itself (a few inputs may all land on one side).
  const flagged = [...done.values()].filter((d) => d.flagged).length;
  if (COUNT >= 1000) assert.ok(flagged > 0 && flagged < COUNT, `${flagged} of ${COUNT} flagged: the mutations should leave some messages readable and break others`);
});
