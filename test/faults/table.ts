// The fault table: every fault test prints one line per scenario in one fixed format, so CI's log
// (and `grep '^faults |'`) shows every fault injected and what it cost:
//   faults | <scenario> | <injected> | lost 0 | duplicated 0 | <outcome>
// and each file ends with a summary line for its scenarios. A row is printed only after the test
// asserted its numbers: a failing scenario fails its test, it never prints a row with lost > 0.

/** One scenario's outcome. */
export interface FaultRow {
  scenario: string;
  /** What was injected and how often, e.g. "kill -9 x5 at 10..90 %". */
  injected: string;
  lost: number;
  duplicated: number;
  /** What happened after the faults, e.g. "D/A/C/E 300/300/300/0". */
  outcome: string;
}

/** The fixed line of a row. */
export function faultLine(row: FaultRow): string {
  return `faults | ${row.scenario} | ${row.injected} | lost ${row.lost} | duplicated ${row.duplicated} | ${row.outcome}`;
}

/** Collects a file's rows: each is printed at once, and summary() prints the file's total line. */
export class FaultTable {
  private readonly rows: FaultRow[] = [];

  constructor(private readonly suite: string) {}

  record(row: FaultRow): void {
    this.rows.push(row);
    console.log(faultLine(row));
  }

  /** The summary line of the file's scenarios (call it in `after`). */
  summary(): void {
    const lost = this.rows.reduce((n, r) => n + r.lost, 0);
    const duplicated = this.rows.reduce((n, r) => n + r.duplicated, 0);
    console.log(faultLine({ scenario: `${this.suite} total`, injected: `${this.rows.length} scenarios`, lost, duplicated, outcome: this.rows.length ? 'all recovered' : 'none ran' }));
  }
}
