// A pool thread that analyses like the real one (pool-worker.ts) except for messages a test marks
// in their first header: "X-Test-Crash: throw" makes the analysis throw, "X-Test-Crash: exit" ends
// the thread mid-analysis (as a native crash would), "X-Test-Crash: memory" exhausts its heap.
import { analyzeWithText, serveAnalyzer } from '../../../../src/main/pec';

const hoard: unknown[] = [];

serveAnalyzer(async (raw) => {
  const first = raw.subarray(0, 40).toString('latin1');
  if (first.startsWith('X-Test-Crash: throw')) throw new Error('the classifier failed on this message');
  if (first.startsWith('X-Test-Crash: exit')) process.exit(3);
  if (first.startsWith('X-Test-Crash: memory')) for (;;) hoard.push(new Array(100_000).fill({ raw }));
  return analyzeWithText(raw);
});
