// Exporting contacts to .xlsx or .csv in a layout the import reads back to the same contacts:
// the built-in columns first under headers the import recognises, then one column per free field
// named by its key (a free field "nome" stays a free field because "Nominativo" comes first).
//
// CSV is written as Excel on an Italian Windows expects to open it with a double click: UTF-8
// with a BOM (without it Excel reads the bytes as Windows-1252 and "Nicolò" turns into
// "NicolÃ²"), ";" between fields (the Italian list separator, since "," is the decimal
// separator), CRLF line ends, and an apostrophe before values Excel would run as formulas (phone
// numbers such as "+39 06 1234" included), which the import takes away again.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { guardCsvCell } from './import/csv-read';
import type { Contact, ContactsResult } from './types';
import { writeTextSheets } from './xlsx-write';

/** Headers of the built-in columns, in the order written. */
export const EXPORT_HEADERS = ['Nominativo', 'Ragione sociale', 'PEC', 'E-mail', 'Codice fiscale / P.IVA', 'Tag', 'Note'];

/** The header row and the rows of text for these contacts. */
export function exportTable(contacts: Contact[]): { header: string[]; rows: string[][] } {
  const keys = [...new Set(contacts.flatMap((c) => Object.keys(c.fields)))].sort();
  return {
    header: [...EXPORT_HEADERS, ...keys],
    rows: contacts.map((c) => [c.name, c.organization, c.pec, c.email, c.taxCode, c.tags.join(', '), c.notes, ...keys.map((k) => c.fields[k] ?? '')]),
  };
}

/** Writes the contacts to file; the format follows the extension (.xlsx or .csv). */
export async function exportContacts(file: string, contacts: Contact[]): Promise<ContactsResult<{ count: number }>> {
  const ext = path.extname(file).toLowerCase();
  const { header, rows } = exportTable(contacts);
  if (ext === '.xlsx') {
    const written = await writeTextSheets(file, [{ name: 'Contatti', header, rows, widths: [28, 28, 34, 34, 22, 20, 40] }]);
    return written.ok ? { ok: true, value: { count: rows.length } } : written;
  }
  if (ext !== '.csv') return { ok: false, code: 'unsupported-format', detail: `Formato di esportazione sconosciuto «${ext || file}»: usa un nome che finisce in .xlsx o .csv.` };
  const text = Papa.unparse({ fields: header, data: rows.map((r) => r.map(guardCsvCell)) }, { delimiter: ';', newline: '\r\n' });
  try {
    await fs.promises.writeFile(file, `\ufeff${text}\r\n`, 'utf8');
  } catch (err) {
    return { ok: false, code: 'file-unwritable', detail: `Impossibile scrivere ${file}: ${(err as Error).message}` };
  }
  return { ok: true, value: { count: rows.length } };
}
