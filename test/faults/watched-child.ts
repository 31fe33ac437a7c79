// A child process the fault tests kill: its output collected, and `done` once it has ended (by
// itself or by the signal), with its code, signal and everything it printed.
import type { ChildProcess } from 'node:child_process';

/** How a watched child ended. */
export type Ended = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** `proc` (spawned with piped stdout and stderr) with `done` and `out()`, its stdout so far. */
export function watched(proc: ChildProcess): ChildProcess & { done: Promise<Ended>; out(): string } {
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Ended>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(proc, { done, out: () => stdout });
}
