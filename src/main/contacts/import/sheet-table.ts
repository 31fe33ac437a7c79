// A sheet as rows of text, and the few facts about rows that reading and planning share.
import type { RowProblem } from '../types';

/** Rows of text (index = row number - 1) and the problems met reading cells, by row index. */
export interface SheetTable {
  rows: string[][];
  problems: Map<number, RowProblem[]>;
  /** Cells whose text is a formula's saved result: row index → column indexes (xlsx only). */
  formulas?: Map<number, Set<number>>;
}

/** Empty rows after the last one with data are formatting, not data: they are not rows to list. */
export function trimTrailingEmptyRows(table: SheetTable): void {
  while (table.rows.length && isEmptyRow(table.rows[table.rows.length - 1]) && !table.problems.has(table.rows.length - 1)) table.rows.pop();
}

/** Cells in the widest row (a loop: spreading 200,000 lengths into Math.max overflows the stack). */
export function widthOf(rows: string[][]): number {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  return width;
}

/** A row with no text in any cell. */
export function isEmptyRow(row: string[] | undefined): boolean {
  return !row || row.every((cell) => cell.trim() === '');
}
