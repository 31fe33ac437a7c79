// Writing sheets of text to an .xlsx with exceljs's streaming writer (rows go to disk as they
// come, so a 50,000-contact export does not build the workbook in memory). Every value is written
// as text: a partita IVA keeps its leading zeros and "=…" stays a string, never a formula.
import ExcelJS from 'exceljs';
import type { ContactsResult } from './types';

/** One sheet: a bold, frozen, filterable header row and rows of text. */
export interface TextSheet {
  name: string;
  header: string[];
  rows: Iterable<string[]>;
  /** Column widths in characters; default 18. */
  widths?: number[];
}

/** Writes the sheets to file (replacing it). */
export async function writeTextSheets(file: string, sheets: TextSheet[]): Promise<ContactsResult<null>> {
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.header.map((_, i) => ({ width: sheet.widths?.[i] ?? 18 }));
      if (sheet.header.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } };
      const head = ws.addRow(sheet.header);
      head.font = { bold: true };
      head.commit();
      for (const row of sheet.rows) ws.addRow(row).commit();
      ws.commit();
    }
    await workbook.commit();
    return { ok: true, value: null };
  } catch (err) {
    return { ok: false, code: 'file-unwritable', detail: `Impossibile scrivere ${file}: ${(err as Error).message}` };
  }
}
