// Reads a CSV (or "Testo Unicode") file as rows of text. Encodings as Excel writes them: UTF-8
// with or without BOM ("CSV UTF-8"), Windows-1252 ("CSV" on an Italian Windows), UTF-16LE with
// BOM ("Testo Unicode", TAB-separated). Valid UTF-8 is taken as UTF-8, anything else as
// Windows-1252, which maps every byte (so à = 0xE0 and € = 0x80 come out right).
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { worded } from '../problem-words';
import type { ContactsFailure, ImportPreview } from '../types';
import { tooLarge } from './limits';
import type { SheetTable } from './sheet-table';

/** A decoded CSV: its rows, and how it was written. */
export interface CsvTable {
  table: SheetTable;
  encoding: NonNullable<ImportPreview['encoding']>;
  delimiter: string;
}

/** Decodes and parses the bytes; at most maxRows + 2 records are read, so a caller can tell "too many". */
export function readCsv(bytes: Buffer, maxRows: number, maxColumns: number): { ok: true; csv: CsvTable } | ContactsFailure {
  const { text, encoding } = decode(bytes);
  if (text.includes('\u0000')) {
    return { ok: false, code: 'unsupported-format', detail: 'Il file non è un foglio di calcolo né un file di testo CSV. Salva i contatti come .xlsx o .csv e riprova.' };
  }
  // Empty lines are kept so that row numbers stay those the user sees.
  const delimiter = guessDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, preview: maxRows + 2 });
  const wide = parsed.data.findIndex((row) => row.length > maxColumns && row.slice(maxColumns).some((cell) => cell !== ''));
  if (wide >= 0) return tooLarge(`la riga ${wide + 1} ha più di ${maxColumns.toLocaleString('it-IT')} colonne`);
  const table: SheetTable = { rows: parsed.data.map((row) => row.map(unguard)), problems: new Map() };
  for (const error of parsed.errors) {
    if (error.row === undefined || error.type !== 'Quotes') continue;
    table.problems.set(error.row, [
      ...(table.problems.get(error.row) ?? []),
      { code: 'csv-malformed', column: null, ...worded('csv-malformed') },
    ]);
  }
  return { ok: true, csv: { table, encoding, delimiter: parsed.meta.delimiter } };
}

const delimiters = [';', ',', '\t', '|'];

function guessDelimiter(text: string): string {
  // Papa Parse guesses from the field counts of the first rows, and an empty line (the usual
  // final newline) spoils the guess in a short file: guess on the filled lines only. When rows
  // disagree (an unclosed quote), take the delimiter the first line, the header, uses most.
  const guess = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: delimiters, skipEmptyLines: 'greedy', preview: 50 });
  if (!guess.errors.some((e) => e.code === 'UndetectableDelimiter')) return guess.meta.delimiter;
  const firstLine = text.split(/\r?\n|\r/).find((line) => line.trim()) ?? '';
  const counts = delimiters.map((d) => firstLine.split(d).length - 1);
  const best = Math.max(...counts);
  return best > 0 ? delimiters[counts.indexOf(best)] : ',';
}

function decode(bytes: Buffer): { text: string; encoding: CsvTable['encoding'] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(body, 'win1252'), encoding: 'windows-1252' };
  }
}

/**
 * PecDesk's CSV export puts an apostrophe before a value a spreadsheet would run as a formula
 * (OWASP "CSV Injection"); reading it back takes that one apostrophe away, so an exported value
 * comes back exactly as it was.
 */
function unguard(cell: string): string {
  return guarded.test(cell) ? cell.slice(1) : cell;
}

// What Excel, LibreOffice and Google Sheets take for a formula: a cell starting with = + - @
// (also after leading spaces or line breaks, which some of them trim first), or with TAB or CR.
const formulaStart = /^(?:\s*[=+\-@]|[\t\r])/;
const guarded = /^'+(?:\s*[=+\-@]|[\t\r])/;

/**
 * The guard itself, for the export: a value a spreadsheet would take for a formula gets an
 * apostrophe, which Excel reads as "this cell is text" and does not show. Phone numbers too:
 * Excel turns "+39 06 1234" into a formula (and an error), with the apostrophe it shows the
 * number as written. A value already starting with apostrophes gets one more, so reading strips only ours.
 */
export function guardCsvCell(value: string): string {
  return formulaStart.test(value) || guarded.test(value) ? `'${value}` : value;
}
