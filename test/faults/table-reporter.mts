// A node:test reporter that gathers the fault table: every `faults | …` line the test files print
// (see table.ts) is collected from their output, and once the run ends the rows are printed again
// together, as one table, with one summary line. It runs beside the spec reporter in `npm test`
// and `npm run test:faults`; without fault rows in the run it prints nothing.
import type { TestEvent } from 'node:test/reporters';

const ROW = /^faults \| (.+?) \| (.+?) \| lost (\d+) \| duplicated (\d+) \| (.+)$/;

export default async function* faultTable(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const pending = new Map<string, string>();
  const rows: string[] = [];
  const take = (file: string, text: string) => {
    const lines = ((pending.get(file) ?? '') + text).split('\n');
    pending.set(file, lines.pop() ?? '');
    for (const line of lines) {
      const row = ROW.exec(line.trim());
      // The per-file totals are summed again below.
      if (row && !row[1].endsWith(' total')) rows.push(line.trim());
    }
  };
  let failed = 0;
  for await (const event of source) {
    if (event.type === 'test:stdout') take(event.data.file ?? '', event.data.message);
    if (event.type === 'test:fail' && event.data.file?.includes('/test/faults/')) failed++;
  }
  for (const [file, rest] of pending) if (rest) take(file, '\n');
  if (rows.length === 0) return;
  const sum = (i: number) => rows.reduce((n, line) => n + Number(ROW.exec(line)![i]), 0);
  const outcome = failed === 0 ? 'every scenario recovered' : `${failed} fault tests FAILED (their rows are missing)`;
  yield `\nFault table: ${rows.length} scenarios\n${rows.join('\n')}\nfaults | all | ${rows.length} scenarios | lost ${sum(3)} | duplicated ${sum(4)} | ${outcome}\n`;
}
