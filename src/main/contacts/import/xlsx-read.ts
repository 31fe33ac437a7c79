// Reads one sheet of an .xlsx with exceljs's streaming reader (one row in memory at a time, about
// twice as fast as loading the workbook), after xlsx-scan.ts measured it. The streaming reader
// ignores merged cells and link targets, so the scan's lists are applied here.
import ExcelJS from 'exceljs';
import type { ProgressCallback } from '../types';
import { cellText } from './cell-text';
import { widthOf, type SheetTable } from './sheet-table';
import type { ScannedSheet } from './xlsx-scan';

/** What exceljs's WorksheetReader has at runtime beyond its declared type. */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
  id: number | string;
}

/** The sheet's rows as text (index = row number - 1), up to `limit` rows when given; throws on a damaged sheet. */
export async function readXlsxSheet(file: string, sheet: ScannedSheet, options: { limit?: number; onProgress?: ProgressCallback } = {}): Promise<SheetTable> {
  const table: SheetTable = { rows: [], problems: new Map() };
  const limit = options.limit ?? Infinity;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const partNumber = /(\d+)\.xml$/.exec(sheet.part)?.[1];
  let found = false;
  try {
    for await (const worksheet of reader as unknown as AsyncIterable<SheetReader>) {
      // exceljs names a sheet from the workbook's relationships; when it cannot match them it
      // falls back to "Sheet<part number>".
      if (worksheet.name !== sheet.name && worksheet.name !== `Sheet${partNumber}`) continue;
      found = true;
      for await (const row of worksheet) {
        if (row.number > limit) break;
        readRow(table, row, sheet.hyperlinks);
        if (options.onProgress && row.number % 2000 === 0) options.onProgress({ phase: 'reading', done: row.number, total: sheet.rows });
      }
      break;
    }
  } finally {
    // Stopping early leaves the zip half read: close the file instead of draining it.
    (reader as unknown as { stream?: { destroy(): void } }).stream?.destroy();
  }
  // exceljs only streams parts named xl/worksheets/sheet<N>.xml; other writers may name them otherwise.
  if (!found) throw new Error(`exceljs non trova il foglio (${sheet.part})`);
  applyMerges(table, sheet.merges);
  return table;
}

function readRow(table: SheetTable, row: ExcelJS.Row, hyperlinks: Map<string, string>): void {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const { text, problem } = cellText(cell.value, hyperlinks.get(cell.address));
    cells[col - 1] = text;
    if (problem) table.problems.set(row.number - 1, [...(table.problems.get(row.number - 1) ?? []), { ...problem, column: cell.address }]);
  });
  // Gaps (rows the file leaves out because they are empty) stay as empty rows.
  while (table.rows.length < row.number - 1) table.rows.push([]);
  table.rows[row.number - 1] = Array.from(cells, (c) => c ?? '');
}

/** Every cell of a merged range shows the range's value, as Excel displays it. */
function applyMerges(table: SheetTable, merges: string[]): void {
  const width = widthOf(table.rows);
  for (const range of merges) {
    const [from, to] = range.split(':').map(cellIndex);
    const master = table.rows[from.row]?.[from.col] ?? '';
    if (!master) continue;
    for (let r = from.row; r <= Math.min(to.row, table.rows.length - 1); r++) {
      const row = table.rows[r];
      for (let c = from.col; c <= Math.min(to.col, width - 1); c++) {
        while (row.length <= c) row.push('');
        if (!row[c]) row[c] = master;
      }
    }
  }
}

/** "D5" → { row: 4, col: 3 } (0-based). */
function cellIndex(ref: string): { row: number; col: number } {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(digits) - 1, col: col - 1 };
}
