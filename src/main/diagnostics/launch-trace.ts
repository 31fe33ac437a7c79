// Where a launch spends its time, printed only when PECDESK_TRACE_LAUNCH=1: one line on stderr per
// step, in milliseconds since the launching process started (the engine's worker thread counts from
// its host's start too, handed over in the environment it inherits), so the lines of both threads
// read as one timeline. Off, it costs one environment lookup per step.
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const ORIGIN_VAR = 'PECDESK_TRACE_LAUNCH_ORIGIN';

/** Whether launch tracing is on (PECDESK_TRACE_LAUNCH=1). */
export function launchTraceOn(): boolean {
  return process.env.PECDESK_TRACE_LAUNCH === '1';
}

function origin(): number {
  const inherited = Number(process.env[ORIGIN_VAR]);
  if (Number.isFinite(inherited) && inherited > 0) return inherited;
  // The first thread to trace is the host: its start is the launch's start, for the workers it spawns too.
  if (isMainThread) process.env[ORIGIN_VAR] = String(performance.timeOrigin);
  return performance.timeOrigin;
}

/** Notes that a launch step ended (or began: say which in `step`), with optional detail. */
export function traceLaunch(step: string, detail?: string): void {
  if (!launchTraceOn()) return;
  const ms = Date.now() - origin();
  process.stderr.write(`launch-trace ${String(Math.round(ms)).padStart(6)} ms  ${step}${detail ? `  (${detail})` : ''}\n`);
}

/** Runs `fn`, noting its start and end as steps named `step`. */
export async function traceLaunchStep<T>(step: string, fn: () => Promise<T>): Promise<T> {
  traceLaunch(`${step}: start`);
  try {
    return await fn();
  } finally {
    traceLaunch(`${step}: end`);
  }
}
