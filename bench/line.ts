// The one output format of `npm run bench`: one JSON object per line, with a baseline measured
// in the same run so that figures from different machines compare as ratios.

/** One benchmark figure; ratio = value / baseline (lower is better unless the unit says per second). */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target?: string;
}

/** Builds a line, rounding to something readable and computing the ratio. */
export function benchLine(name: string, value: number, unit: string, baseline: number | null, target?: string): BenchLine {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { name, value: round(value), unit, baseline: baseline === null ? null : round(baseline), ratio: baseline ? round(value / baseline) : null, ...(target ? { target } : {}) };
}

/** Milliseconds spent in fn. */
export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
