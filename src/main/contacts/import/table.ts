// Any importable file as one table of text: which format it is, its sheets, and the rows of the
// chosen sheet. Everything past this point (header detection, mapping, the plan) sees only text.
import fs from 'node:fs';
import path from 'node:path';
import type { ContactsFailure, ImportPreview, ProgressCallback, SheetInfo } from '../types';
import { readCsv } from './csv-read';
import { DEFAULT_LIMITS, LimitExceeded, megabytes, tooLarge, type ReadLimits } from './limits';
import { trimTrailingEmptyRows, type SheetTable } from './sheet-table';
import { sniffFormat, type SheetFormat } from './sniff';
import { fileIdentity } from './scan-cache';
import { ReadAborted, readXlsxSheet } from './xlsx-read';
import { scanXlsx, type ScannedSheet } from './xlsx-scan';

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
  /** Caps on the file's size and shape; DEFAULT_LIMITS unless a test says otherwise. */
  limits?: ReadLimits;
  /** Read only this many rows from the top (the wizard's preview). */
  limit?: number;
  /**
   * With limit, an .xlsx sheet: answer with the top rows as soon as they are read, and read the
   * rest on, for a read of the whole sheet that follows (the wizard's plan) to take over: one pass
   * of exceljs (its shared strings, its copy of the sheet to a temporary file) instead of two, and
   * the plan, after the user has looked at the preview, finds the rows read already.
   */
  readAhead?: boolean;
  onProgress?: ProgressCallback;
}

type LoadResult = { ok: true; loaded: LoadedTable } | ContactsFailure;

/**
 * The whole-sheet read a preview started (one at a time: a new one stops the one before), kept
 * for the read of the same sheet of the very same file (fileIdentity) with the same caps.
 */
interface ReadAhead {
  key: string;
  full: Promise<LoadResult>;
  abort: AbortController;
  /** Where the rest of the read reports its progress, once a reader took it over. */
  progress: { to?: ProgressCallback };
}

let ahead: ReadAhead | null = null;

/** Stops the read ahead, if any: nothing will take it over. */
function dropReadAhead(): void {
  ahead?.abort.abort();
  ahead = null;
}

/** Reads the file's chosen sheet, refusing one over the row limit before reading its rows. */
export async function loadTable(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const sniffed = await sniffFormat(file);
  if (!sniffed.ok) return sniffed;
  return sniffed.format === 'csv' ? loadCsv(file, maxRows, options) : loadXlsx(file, maxRows, options);
}

async function loadXlsx(file: string, maxRows: number, options: LoadOptions): Promise<LoadResult> {
  const scanned = await scanXlsx(file, maxRows, options.limits ?? DEFAULT_LIMITS);
  if (!scanned.ok) return scanned;
  const sheets: SheetInfo[] = scanned.sheets.map(({ index, name, hidden, rows, rowsAtLeast, tooManyRows }) => ({ index, name, hidden, rows, rowsAtLeast, tooManyRows }));
  const sheet = options.sheetIndex === undefined ? scanned.sheets.find((s) => !s.hidden) : scanned.sheets[options.sheetIndex];
  if (!sheet) {
    const names = sheets.map((s) => `${s.index + 1}. ${s.name}${s.hidden ? ' (nascosto)' : ''}`).join(', ');
    const why = options.sheetIndex === undefined ? 'Il file non ha fogli visibili: scegline uno.' : 'Il foglio scelto non esiste.';
    return { ok: false, code: 'sheet-not-found', detail: `${why} Fogli nel file: ${names}.` };
  }
  if (sheet.tooManyRows) return tooManyRows(sheet.name, sheet.rowsAtLeast ? null : sheet.rows, maxRows);
  const loaded = (table: SheetTable): LoadResult => {
    trimTrailingEmptyRows(table);
    return { ok: true, loaded: { format: 'xlsx', sheets, sheetIndex: sheet.index, sheetName: sheet.name, encoding: null, delimiter: null, table, totalRows: sheet.rows } };
  };
  const maxColumns = (options.limits ?? DEFAULT_LIMITS).maxColumns;
  const aheadKey = async () => {
    const identity = await fileIdentity(file);
    return identity && `${identity}\u0000${sheet.index}\u0000${maxRows}\u0000${JSON.stringify(options.limits ?? DEFAULT_LIMITS)}`;
  };
  if (options.limit === undefined && ahead) {
    const read = ahead;
    ahead = null;
    // Taken over by the read it was started for; any other read means the wizard moved on.
    if (read.key === (await aheadKey())) {
      read.progress.to = options.onProgress;
      return read.full;
    }
    read.abort.abort();
  }
  if (options.limit !== undefined && options.readAhead) {
    const key = await aheadKey();
    if (key) return readTopAndAhead(file, sheet, key, options.limit, maxColumns, loaded);
  }
  try {
    return loaded(await readXlsxSheet(file, sheet, { limit: options.limit, onProgress: options.onProgress, maxColumns }));
  } catch (err) {
    return unreadable(sheet, err);
  }
}

/** Starts reading the whole sheet; answers with its top rows (or the failure of the read) and keeps the rest coming in `ahead`. */
function readTopAndAhead(file: string, sheet: ScannedSheet, key: string, limit: number, maxColumns: number, loaded: (table: SheetTable) => LoadResult): Promise<LoadResult> {
  dropReadAhead();
  const abort = new AbortController();
  let answerTop: (result: LoadResult) => void = () => undefined;
  const top = new Promise<LoadResult>((resolve) => (answerTop = resolve));
  const progress: ReadAhead['progress'] = {};
  const full = readXlsxSheet(file, sheet, {
    maxColumns,
    onProgress: (p) => progress.to?.(p),
    signal: abort.signal,
    onTop: { rows: limit, take: (table) => answerTop(loaded(table)) },
  }).then(loaded, (err: unknown) => unreadable(sheet, err));
  // A read that failed before its top rows answers the preview with the same failure.
  void full.then(answerTop);
  ahead = { key, full, abort, progress };
  return top;
}

function unreadable(sheet: ScannedSheet, err: unknown): ContactsFailure {
  if (err instanceof LimitExceeded) return tooLarge(err.why);
  if (err instanceof ReadAborted) return { ok: false, code: 'file-unreadable', detail: 'La lettura del file è stata interrotta: sceglilo di nuovo.' };
  return { ok: false, code: 'xlsx-unreadable', detail: `Il foglio «${sheet.name}» è danneggiato (${(err as Error).message}). Riaprilo in Excel e salvalo di nuovo.` };
}

async function loadCsv(file: string, maxRows: number, options: LoadOptions): Promise<{ ok: true; loaded: LoadedTable } | ContactsFailure> {
  if (options.sheetIndex) return { ok: false, code: 'sheet-not-found', detail: 'Un file CSV ha un solo foglio.' };
  const limits = options.limits ?? DEFAULT_LIMITS;
  let bytes: Buffer;
  try {
    // A CSV is decoded whole: its size is checked before a byte of it is read.
    const { size } = await fs.promises.stat(file);
    if (size > limits.maxCsvBytes) return tooLarge(`${megabytes(size)}, più del massimo di ${megabytes(limits.maxCsvBytes)} per un file CSV`);
    bytes = await fs.promises.readFile(file);
  } catch (err) {
    return { ok: false, code: 'file-unreadable', detail: `Impossibile leggere il file: ${(err as Error).message}` };
  }
  // The file may have grown between the two calls.
  if (bytes.length > limits.maxCsvBytes) return tooLarge(`più di ${megabytes(limits.maxCsvBytes)} per un file CSV`);
  const read = readCsv(bytes, maxRows, limits.maxColumns);
  if (!read.ok) return read;
  const { table, encoding, delimiter } = read.csv;
  trimTrailingEmptyRows(table);
  const name = path.basename(file);
  if (table.rows.length > maxRows) return tooManyRows(name, null, maxRows);
  const totalRows = table.rows.length;
  if (options.limit !== undefined) table.rows = table.rows.slice(0, options.limit);
  return {
    ok: true,
    loaded: { format: 'csv', sheets: [{ index: 0, name, hidden: false, rows: totalRows, rowsAtLeast: false, tooManyRows: false }], sheetIndex: 0, sheetName: name, encoding, delimiter, table, totalRows },
  };
}

/** claimedRows: what the sheet declares; null when counting stopped past the limit. */
function tooManyRows(sheetName: string, claimedRows: number | null, maxRows: number): ContactsFailure {
  const n = (x: number) => x.toLocaleString('it-IT');
  const size = claimedRows === null ? `ha più di ${n(maxRows)} righe` : `dichiara ${n(claimedRows)} righe, più del massimo di ${n(maxRows)}`;
  return {
    ok: false,
    code: 'too-many-rows',
    values: { sheet: sheetName, max: maxRows },
    detail:
      `Il foglio «${sheetName}» ${size}: troppe per un'importazione. ` +
      'Spesso sono righe vuote ma formattate fino in fondo al foglio: in Excel seleziona le righe sotto i dati, eliminale ' +
      '(Elimina righe, non solo Canc), salva e riprova; oppure copia i soli dati in un file nuovo o dividi l\u2019elenco in più file.',
  };
}
