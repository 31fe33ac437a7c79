// Writing sheets of text to an .xlsx with exceljs's streaming writer (rows go to disk as they
// come, so a 50,000-contact export does not build the workbook in memory). Every value is written
// as text: a partita IVA keeps its leading zeros and "=…" stays a string, never a formula. The
// columns are also formatted as Text ("@"), as Excel does for a cell typed with a leading
// apostrophe: a user who edits "+39 06 1234" or "=HYPERLINK(…)" and presses Enter keeps text,
// where a General cell would turn it into a formula. The values themselves are not altered, so the
// import reads them back as they were.
import ExcelJS from 'exceljs';
import type { ContactsResult } from './types';

const TEXT = '@';

/**
 * A value as OOXML text (ST_Xstring, ECMA-376 Part 1 §22.9.2.19): an XML reader turns a bare CR
 * into LF, so CR is written as _x000D_ (as Excel does), and text that already looks like such an
 * escape has its underscore escaped (_x005F_), so readers, exceljs included, give back exactly the value.
 */
function xstring(value: string): string {
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/\r/g, '_x000D_');
}

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
      ws.columns = sheet.header.map((_, i) => ({ width: sheet.widths?.[i] ?? 18, style: { numFmt: TEXT } }));
      if (sheet.header.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } };
      const head = ws.addRow(sheet.header);
      head.font = { bold: true };
      head.commit();
      for (const row of sheet.rows) ws.addRow(row.map(xstring)).commit();
      ws.commit();
    }
    await workbook.commit();
    return { ok: true, value: null };
  } catch (err) {
    return { ok: false, code: 'file-unwritable', detail: `Impossibile scrivere ${file}: ${(err as Error).message}` };
  }
}
