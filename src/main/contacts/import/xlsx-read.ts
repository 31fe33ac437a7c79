// Reads one sheet of an .xlsx with exceljs's streaming reader (one row in memory at a time, about
// twice as fast as loading the workbook), after xlsx-scan.ts measured it; exceljs's in-memory
// reader takes over when the streaming one fails. The streaming reader ignores merged cells and
// link targets, so the scan's lists are applied here.
import ExcelJS from 'exceljs';
import type { ProgressCallback } from '../types';
import { cellText } from './cell-text';
import { DEFAULT_LIMITS, LimitExceeded } from './limits';
import { widthOf, type SheetTable } from './sheet-table';
import type { ScannedSheet } from './xlsx-scan';

/** What exceljs's WorksheetReader has at runtime beyond its declared type. */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
  id: number | string;
}

/** How much of the sheet to read: up to `limit` rows, cells up to column `maxColumns` (DEFAULT_LIMITS'). */
export interface ReadSheetOptions {
  limit?: number;
  maxColumns?: number;
  onProgress?: ProgressCallback;
  /** Stops the read (it rejects with ReadAborted). */
  signal?: AbortSignal;
  /** Handed a copy of the first `rows` rows as soon as they are read, while the rest is read on. */
  onTop?: { rows: number; take(table: SheetTable): void };
}

/** A read stopped by its signal. */
export class ReadAborted extends Error {
  constructor() {
    super('read aborted');
    this.name = 'ReadAborted';
  }
}

/** The sheet's rows as text (index = row number - 1); throws on a damaged sheet, LimitExceeded past maxColumns. */
export async function readXlsxSheet(file: string, sheet: ScannedSheet, options: ReadSheetOptions = {}): Promise<SheetTable> {
  const top = options.onTop;
  if (!top) return readSheet(file, sheet, options);
  // Taken once: by the stream as it passes the rows, else from the whole table at the end.
  let taken = false;
  const take = (table: SheetTable) => {
    if (!taken) top.take(table);
    taken = true;
  };
  const table = await readSheet(file, sheet, { ...options, onTop: { rows: top.rows, take } });
  if (!taken) take(topOf(table, top.rows));
  return table;
}

async function readSheet(file: string, sheet: ScannedSheet, options: ReadSheetOptions): Promise<SheetTable> {
  try {
    const table = await streamSheet(file, sheet, options);
    // The same race can also drop the sheet's rows without an error: fewer rows than the scan
    // counted in the very same bytes means the stream lost them, so read the file again whole.
    const expected = Math.min(options.limit ?? Infinity, sheet.rows);
    if (table.rows.length < expected) throw new Error(`the streaming reader gave ${table.rows.length} of ${expected} rows`);
    return table;
  } catch (streamed) {
    // A cap passed is the file's doing, not a read that went wrong: loading it whole would only cost more.
    if (streamed instanceof LimitExceeded || streamed instanceof ReadAborted) throw streamed;
    // exceljs's streaming reader sometimes loses a part of the zip on a busy machine (xl/workbook.xml
    // read as empty: "Cannot read properties of undefined (reading 'sheets')", seen in CI about once
    // in a dozen runs with the same file that reads fine otherwise). The in-memory reader has no
    // such race: the file is read again with it before the sheet is called damaged. Its size was
    // bounded by the scan (maxRows), so loading it whole is safe.
    return loadSheet(file, sheet, options).catch(() => {
      throw streamed;
    });
  }
}

/** The rows as exceljs's streaming reader gives them, merged ranges filled in. */
export async function streamSheet(file: string, sheet: ScannedSheet, options: ReadSheetOptions): Promise<SheetTable> {
  const table: SheetTable = { rows: [], problems: new Map() };
  const limit = options.limit ?? Infinity;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const partNumber = /(\d+)\.xml$/.exec(sheet.part)?.[1];
  let found = false;
  let topTaken = false;
  try {
    for await (const worksheet of reader as unknown as AsyncIterable<SheetReader>) {
      // exceljs names a sheet from the workbook's relationships; when it cannot match them it
      // falls back to "Sheet<part number>".
      if (worksheet.name !== sheet.name && worksheet.name !== `Sheet${partNumber}`) {
        // A sheet passed over must still be read to its end. exceljs spools the sheets that come
        // before the shared strings in the zip (Excel and exceljs itself write them so) to temp
        // files and deletes each as soon as the loop moves on: a sheet left unread is deleted
        // while its read stream is still opening, and that read fails (ENOENT) at random.
        for await (const _row of worksheet) void _row;
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        if (row.number > limit) break;
        if (options.signal?.aborted) throw new ReadAborted();
        // The first row past the top: the top is what a read limited to it would have given.
        if (options.onTop && !topTaken && row.number > options.onTop.rows) {
          topTaken = true;
          options.onTop.take(withMerges(topOf(table, options.onTop.rows), sheet.merges));
        }
        readRow(table, row, sheet.hyperlinks, options.maxColumns ?? DEFAULT_LIMITS.maxColumns, unescapeXstring);
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

/** The same rows read by exceljs's in-memory reader (the whole workbook at once): readXlsxSheet's fallback. */
export async function loadSheet(file: string, sheet: ScannedSheet, options: ReadSheetOptions): Promise<SheetTable> {
  const table: SheetTable = { rows: [], problems: new Map() };
  const limit = options.limit ?? Infinity;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const worksheet = workbook.worksheets.find((w) => w.name === sheet.name);
  if (!worksheet) throw new Error(`exceljs non trova il foglio «${sheet.name}»`);
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    if (row.number > limit) return;
    readRow(table, row, sheet.hyperlinks, options.maxColumns ?? DEFAULT_LIMITS.maxColumns);
    // This reader also lists the styled empty cells at the end of a row, which the streaming one
    // leaves out: without them the two give the same table.
    const cells = table.rows[row.number - 1];
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  });
  options.onProgress?.({ phase: 'reading', done: Math.min(limit, sheet.rows), total: sheet.rows });
  applyMerges(table, sheet.merges);
  return table;
}

/**
 * OOXML text escapes (_x000D_ for CR, _x005F_ for a literal underscore, ECMA-376 Part 1
 * §22.9.2.19) as exceljs's in-memory reader decodes them; its streaming reader hands them over raw.
 */
function unescapeXstring(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

function readRow(table: SheetTable, row: ExcelJS.Row, hyperlinks: Map<string, string>, maxColumns: number, decode: (text: string) => string = (text) => text): void {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const read = cellText(cell.value, hyperlinks.get(cell.address));
    const { problem } = read;
    const text = decode(read.text);
    if (col > maxColumns && text !== '') {
      throw new LimitExceeded(`la riga ${row.number} ha dati nella colonna ${cell.address.replace(/\d+$/, '')}, oltre la colonna ${maxColumns.toLocaleString('it-IT')}`);
    }
    cells[col - 1] = text;
    if (isFormula(cell.value)) {
      table.formulas ??= new Map();
      const columns = table.formulas.get(row.number - 1) ?? new Set<number>();
      table.formulas.set(row.number - 1, columns.add(col - 1));
    }
    if (problem) table.problems.set(row.number - 1, [...(table.problems.get(row.number - 1) ?? []), { ...problem, column: cell.address }]);
  });
  // Gaps (rows the file leaves out because they are empty) stay as empty rows.
  while (table.rows.length < row.number - 1) table.rows.push([]);
  table.rows[row.number - 1] = Array.from(cells, (c) => c ?? '');
}

function isFormula(value: ExcelJS.CellValue): boolean {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

/** A copy of the table's first `rows` rows, with their problems and formulas. */
function topOf(table: SheetTable, rows: number): SheetTable {
  const inTop = <V>(map: Map<number, V>) => new Map([...map].filter(([index]) => index < rows));
  return {
    rows: table.rows.slice(0, rows).map((cells) => cells.slice()),
    problems: inTop(table.problems),
    ...(table.formulas ? { formulas: inTop(table.formulas) } : {}),
  };
}

function withMerges(table: SheetTable, merges: string[]): SheetTable {
  applyMerges(table, merges);
  return table;
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
