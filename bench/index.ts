// `npm run bench`: every figure of the project, one JSON line each (see bench/line.ts).
// Usage: npm run bench [-- NAME...] to run only the named groups.
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
  let failed = 0;
  for (const [name, run] of Object.entries(groups)) {
    if (only.length && !only.includes(name)) continue;
    try {
      for (const line of await run()) process.stdout.write(JSON.stringify(line) + '\n');
    } catch (err) {
      failed++;
      process.stderr.write(`bench ${name} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
