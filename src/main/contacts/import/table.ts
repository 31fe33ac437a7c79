// Any importable file as one table of text: which format it is, its sheets, and the rows of the
// chosen sheet. Everything past this point (header detection, mapping, the plan) sees only text.
import fs from 'node:fs';
import path from 'node:path';
import type { ContactsFailure, ImportPreview, ProgressCallback, RowProblem, SheetInfo } from '../types';
import { readCsv } from './csv-read';
import { sniffFormat, type SheetFormat } from './sniff';
import { readXlsxSheet } from './xlsx-read';
import { scanXlsx } from './xlsx-scan';

/** Rows of text (index = row number - 1) and the problems met reading cells, by row index. */
export interface SheetTable {
  rows: string[][];
  problems: Map<number, RowProblem[]>;
}

/** A file read as a table. */
export interface LoadedTable {
  format: SheetFormat;
  sheets: SheetInfo[];
  sheetIndex: number;
  sheetName: string;
  encoding: ImportPreview['encoding'];
  delimiter: string | null;
  table: SheetTable;
  /** Rows of the chosen sheet, even when only the first ones were read. */
  totalRows: number;
}

/** The largest sheet imported unless the caller says otherwise. */
export const DEFAULT_MAX_ROWS = 200_000;

export interface LoadOptions {
  /** Index into the file's sheets; default the first visible one. */
  sheetIndex?: number;
  maxRows?: number;
  /** Read only this many rows from the top (the wizard's preview). */
  limit?: number;
  onProgress?: ProgressCallback;
}

/** Reads the file's chosen sheet, refusing one over the row limit before reading its rows. */
export async function loadTable(file: string, options: LoadOptions = {}): Promise<{ ok: true; loaded: LoadedTable } | ContactsFailure> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const sniffed = await sniffFormat(file);
  if (!sniffed.ok) return sniffed;
  return sniffed.format === 'csv' ? loadCsv(file, maxRows, options) : loadXlsx(file, maxRows, options);
}

async function loadXlsx(file: string, maxRows: number, options: LoadOptions): Promise<{ ok: true; loaded: LoadedTable } | ContactsFailure> {
  const scanned = await scanXlsx(file, maxRows);
  if (!scanned.ok) return scanned;
  const sheets: SheetInfo[] = scanned.sheets.map(({ index, name, hidden, rows, tooManyRows }) => ({ index, name, hidden, rows, tooManyRows }));
  const sheet = options.sheetIndex === undefined ? scanned.sheets.find((s) => !s.hidden) : scanned.sheets[options.sheetIndex];
  if (!sheet) {
    const names = sheets.map((s) => `${s.index + 1}. ${s.name}${s.hidden ? ' (nascosto)' : ''}`).join(', ');
    return { ok: false, code: 'sheet-not-found', detail: `Il foglio scelto non esiste. Fogli nel file: ${names}.` };
  }
  if (sheet.tooManyRows) return tooManyRows(sheet.name, sheet.rows, maxRows);
  const table = await readXlsxSheet(file, sheet, { limit: options.limit, onProgress: options.onProgress });
  trimTrailingEmptyRows(table);
  return { ok: true, loaded: { format: 'xlsx', sheets, sheetIndex: sheet.index, sheetName: sheet.name, encoding: null, delimiter: null, table, totalRows: sheet.rows } };
}

async function loadCsv(file: string, maxRows: number, options: LoadOptions): Promise<{ ok: true; loaded: LoadedTable } | ContactsFailure> {
  if (options.sheetIndex) return { ok: false, code: 'sheet-not-found', detail: 'Un file CSV ha un solo foglio.' };
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (err) {
    return { ok: false, code: 'file-unreadable', detail: `Impossibile leggere il file: ${(err as Error).message}` };
  }
  const read = readCsv(bytes, maxRows);
  if (!read.ok) return read;
  const { table, encoding, delimiter } = read.csv;
  trimTrailingEmptyRows(table);
  const name = path.basename(file);
  if (table.rows.length > maxRows) return tooManyRows(name, table.rows.length, maxRows);
  const totalRows = table.rows.length;
  if (options.limit !== undefined) table.rows = table.rows.slice(0, options.limit);
  return {
    ok: true,
    loaded: { format: 'csv', sheets: [{ index: 0, name, hidden: false, rows: totalRows, tooManyRows: false }], sheetIndex: 0, sheetName: name, encoding, delimiter, table, totalRows },
  };
}

/** Empty rows after the last one with data are formatting, not data: they are not rows to list. */
export function trimTrailingEmptyRows(table: SheetTable): void {
  while (table.rows.length && isEmptyRow(table.rows[table.rows.length - 1]) && !table.problems.has(table.rows.length - 1)) table.rows.pop();
}

/** A row with no text in any cell. */
export function isEmptyRow(row: string[] | undefined): boolean {
  return !row || row.every((cell) => cell.trim() === '');
}

function tooManyRows(sheetName: string, rows: number, maxRows: number): ContactsFailure {
  const n = (x: number) => x.toLocaleString('it-IT');
  return {
    ok: false,
    code: 'too-many-rows',
    detail:
      `Il foglio «${sheetName}» ha o dichiara ${n(rows)} righe, oltre il massimo di ${n(maxRows)} per un'importazione. ` +
      'Spesso sono righe vuote ma formattate fino in fondo al foglio: in Excel seleziona le righe sotto i dati, eliminale ' +
      '(Elimina righe, non solo Canc), salva e riprova; oppure copia i soli dati in un file nuovo o dividi l\u2019elenco in più file.',
  };
}
