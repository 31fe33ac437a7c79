// `npm run bench`: every figure of the project, one JSON line each (see bench/line.ts).
// Usage: npm run bench [-- NAME...] to run only the named groups, each in a process of its own.
import { spawn } from 'node:child_process';
import type { BenchLine } from './line';

const groups: Record<string, () => Promise<BenchLine[]>> = {
  classify: async () => (await import('./classify')).benchClassify(),
  store: async () => (await import('./store')).benchStore(),
  search: async () => (await import('./search')).benchSearch(),
  contacts: async () => (await import('./contacts')).benchContacts(),
  ui: async () => (await import('./ui')).benchUi(),
  sync: async () => (await import('./sync')).benchSync(),
  send: async () => (await import('./send')).benchSend(),
  engine: async () => (await import('./engine')).benchEngine(),
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const chosen = Object.keys(groups).filter((name) => only.length === 0 || only.includes(name));
  // Each group runs in a process of its own: a group measured in a heap the earlier ones filled
  // pays for their garbage (a memory-reducing GC of the earlier groups' 100 MB stopped the engine
  // group's host for ~0.5 s), which the process it stands for (the app's host) never holds.
  if (chosen.length > 1) return runEachInItsOwnProcess(chosen);
  let failed = 0;
  for (const name of chosen) {
    try {
      for (const line of await groups[name]()) process.stdout.write(JSON.stringify(line) + '\n');
    } catch (err) {
      failed++;
      process.stderr.write(`bench ${name} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

async function runEachInItsOwnProcess(names: string[]): Promise<void> {
  let failed = 0;
  for (const name of names) {
    const child = spawn(process.execPath, [...process.execArgv, __filename, name], { stdio: 'inherit' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) failed++;
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
