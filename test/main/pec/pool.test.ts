import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { analyzeWithText, createAnalyzerPool, type AnalyzerPool, type PooledAnalysis } from '../../../src/main/pec';
import { REAL_DIR, REAL_FIXTURES } from './helpers/real-fixtures';

const execFileAsync = promisify(execFile);
const FAULTY = path.join(__dirname, 'helpers', 'faulty-pool-worker.ts');

/** Every real provider file, a message of no PEC kind, and bytes that are no message at all. */
function mixedMessages(): Buffer[] {
  const real = REAL_FIXTURES.map((e) => readFileSync(path.join(REAL_DIR, e.file)));
  const ordinary = Buffer.from('From: a@b.it\r\nTo: c@d.it\r\nSubject: ciao\r\n\r\ntesto\r\n');
  return [...real, ordinary, Buffer.alloc(0), Buffer.from('%PDF-1.7 not a message'), ...real];
}

async function here(raws: Buffer[]): Promise<PooledAnalysis[]> {
  const out: PooledAnalysis[] = [];
  for (const raw of raws) out.push(await analyzeWithText(raw));
  return out;
}

function marked(marker: 'throw' | 'exit' | 'memory', raw: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`X-Test-Crash: ${marker}\r\n`, 'latin1'), raw]);
}

function usePool(t: { after(fn: () => Promise<void>): void }, pool: AnalyzerPool): AnalyzerPool {
  t.after(() => pool.close());
  return pool;
}

test('the pool answers in the order given, exactly what analyzeWithText answers on this thread', async (t) => {
  const pool = usePool(t, createAnalyzerPool({ size: 2 }));
  const raws = mixedMessages();
  assert.deepEqual(await pool.analyze(raws), await here(raws));
  // Several chunks at once, as a sync's pipeline asks: each keeps its own order.
  const [a, b] = await Promise.all([pool.analyze(raws.slice(0, 7)), pool.analyze(raws.slice(7))]);
  assert.deepEqual([...a, ...b], await here(raws));
});

test('a message the classifier throws on is answered "analysis-crashed"; the others are analysed as usual', async (t) => {
  const pool = usePool(t, createAnalyzerPool({ size: 1, entry: FAULTY }));
  const raws = mixedMessages();
  const given = [raws[0], marked('throw', raws[1]), raws[2]];
  const answers = await pool.analyze(given);
  assert.deepEqual(answers[1], { result: { ok: false, code: 'analysis-crashed', detail: 'the classifier failed on this message' }, text: null });
  assert.deepEqual([answers[0], answers[2]], await here([raws[0], raws[2]]));
});

test('a message that kills its thread is answered "analysis-crashed"; a new thread analyses the rest, in order', async (t) => {
  const pool = usePool(t, createAnalyzerPool({ size: 2, entry: FAULTY }));
  const raws = mixedMessages();
  const given = raws.map((raw, i) => (i === 3 || i === 4 || i === 11 ? marked('exit', raw) : raw));
  const answers = await pool.analyze(given);
  const expected = await here(raws);
  for (const [i, answer] of answers.entries()) {
    if (i === 3 || i === 4 || i === 11) {
      assert.equal(answer.result.ok, false);
      assert.equal(!answer.result.ok && answer.result.code, 'analysis-crashed');
      assert.match(!answer.result.ok ? answer.result.detail : '', /thread stopped on this message \(exit code 3\)/);
      assert.equal(answer.text, null);
    } else assert.deepEqual(answer, expected[i], `message ${i}`);
  }
  // The pool still works after its threads died.
  assert.deepEqual(await pool.analyze(raws.slice(0, 3)), expected.slice(0, 3));
});

test('a message that exhausts its thread\'s memory is answered "analysis-crashed" and the engine\'s thread lives on', async (t) => {
  const pool = usePool(t, createAnalyzerPool({ size: 1, entry: FAULTY, resourceLimits: { maxOldGenerationSizeMb: 96 } }));
  const raws = mixedMessages();
  const answers = await pool.analyze([marked('memory', raws[0]), raws[1]]);
  assert.deepEqual(answers[0], { result: { ok: false, code: 'analysis-crashed', detail: 'the analysis ran out of memory on this message' }, text: null });
  assert.deepEqual(answers[1], (await here([raws[1]]))[0]);
});

test('when no thread can start, this thread analyses, with the same answers', async (t) => {
  const pool = usePool(t, createAnalyzerPool({ size: 2, entry: path.join(__dirname, 'helpers', 'no-such-worker.ts') }));
  const raws = mixedMessages();
  assert.deepEqual(await pool.analyze(raws), await here(raws));
});

test('warm() starts the threads before any analysis: a warmed pool answers the same, and idle it keeps no process alive', async (t) => {
  const pool = usePool(t, createAnalyzerPool({ size: 2 }));
  pool.warm();
  const raws = mixedMessages();
  assert.deepEqual(await pool.analyze(raws), await here(raws));

  // A process whose only pool was warmed and never closed still ends by itself.
  const script = `require(${JSON.stringify(path.resolve(__dirname, '../../../src/main/pec'))}).createAnalyzerPool({ size: 2 }).warm(); console.log('warmed');`;
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '-e', script], { timeout: 60_000 });
  assert.equal(stdout.trim(), 'warmed');
});

test('a warmed pool whose threads cannot start analyses on this thread, with the same answers', async (t) => {
  const pool = usePool(t, createAnalyzerPool({ size: 2, entry: path.join(__dirname, 'helpers', 'no-such-worker.ts') }));
  pool.warm();
  const raws = mixedMessages();
  assert.deepEqual(await pool.analyze(raws), await here(raws));
});

test('close() ends the threads: analyses under way and any asked later reject, none is answered as crashed', async () => {
  const pool = createAnalyzerPool({ size: 2 });
  const raws = mixedMessages();
  await pool.analyze(raws.slice(0, 2));
  const running = assert.rejects(pool.analyze(Array.from({ length: 50 }, () => raws).flat()), /closed during the analysis/);
  await pool.close();
  await running;
  await assert.rejects(pool.analyze(raws), /the analyzer pool is closed/);
});
