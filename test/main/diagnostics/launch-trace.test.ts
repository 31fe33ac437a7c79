import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MODULE = path.resolve(__dirname, '../../../src/main/diagnostics/index.ts');

// A process that traces a step, then has a worker thread (as the engine is) trace one after it.
const SCRIPT = `
import { isMainThread, Worker } from 'node:worker_threads';
import { traceLaunch, traceLaunchStep } from ${JSON.stringify(MODULE)};
if (isMainThread) {
  traceLaunch('host step', 'detail');
  new Worker(__filename).once('exit', () => void traceLaunchStep('after the worker', async () => undefined));
} else {
  traceLaunch('engine step');
}
`;

function run(t: { after(fn: () => void): void }, env: Record<string, string>): { stderr: string; status: number | null } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-trace-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'launch.ts');
  fs.writeFileSync(file, SCRIPT);
  const res = spawnSync(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, PECDESK_TRACE_LAUNCH: '', PECDESK_TRACE_LAUNCH_ORIGIN: '', ...env }, encoding: 'utf8' });
  return { stderr: res.stderr, status: res.status };
}

test('with PECDESK_TRACE_LAUNCH=1 every step is a line on stderr, the worker thread timed from the host process start', (t) => {
  const { stderr, status } = run(t, { PECDESK_TRACE_LAUNCH: '1' });
  assert.equal(status, 0, stderr);
  const lines = stderr.trim().split('\n');
  const steps = lines.map((line) => /^launch-trace +(\d+) ms {2}(.*)$/.exec(line));
  assert.deepEqual(
    steps.map((m) => m?.[2]),
    ['host step  (detail)', 'engine step', 'after the worker: start', 'after the worker: end'],
    stderr,
  );
  const ms = steps.map((m) => Number(m?.[1]));
  // On one timeline: the worker's step, though its thread started later, is not counted from zero.
  assert.ok(ms[1] >= ms[0], `the worker's step (${ms[1]} ms) comes after the host's (${ms[0]} ms)`);
  assert.ok(ms[3] >= ms[1]);
});

test('without PECDESK_TRACE_LAUNCH nothing is printed', (t) => {
  const { stderr, status } = run(t, {});
  assert.equal(status, 0, stderr);
  assert.equal(stderr, '');
});
