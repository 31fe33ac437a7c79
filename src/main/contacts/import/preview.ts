// The wizard's first page: the file's sheets, its first rows, the header row found and a
// mapping to start from (the one remembered for this layout, when there is one).
import type { ContactsFailure, ImportMapping, ImportPreview } from '../types';
import { columnLabel, detectHeaderRow, headersOf, layoutKeyOf, suggestColumns } from './header';
import { widthOf } from './sheet-table';
import { loadTable, type LoadOptions } from './table';

/** How many rows from the top the preview shows (header detection looks at as many). */
export const PREVIEW_ROWS = 20;

/** Reads the top of the file and proposes a mapping; `recall` gives the mapping remembered for a layout key. */
export async function previewFile(
  file: string,
  options: Pick<LoadOptions, 'sheetIndex' | 'maxRows' | 'readAhead'>,
  recall: (layoutKey: string) => ImportMapping | null,
): Promise<{ ok: true; preview: ImportPreview } | ContactsFailure> {
  const read = await loadTable(file, { ...options, limit: PREVIEW_ROWS });
  if (!read.ok) return read;
  const { loaded } = read;
  const rows = loaded.table.rows;
  const headerRowIndex = detectHeaderRow(rows);
  const width = widthOf(rows);
  const headers = headersOf(rows, headerRowIndex, width);
  const layoutKey = layoutKeyOf(headers);
  const remembered = recall(layoutKey);
  return {
    ok: true,
    preview: {
      file,
      format: loaded.format,
      sheets: loaded.sheets,
      sheetIndex: loaded.sheetIndex,
      encoding: loaded.encoding,
      delimiter: loaded.delimiter,
      headerRowIndex,
      columns: headers.map((header, index) => ({ index, header: header || columnLabel(headers, index) })),
      rows: rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')),
      dataRowCount: Math.max(0, loaded.totalRows - headerRowIndex - 1),
      suggestedMapping: { sheetIndex: loaded.sheetIndex, headerRowIndex, columns: suggestColumns(headers, rows.slice(headerRowIndex + 1)) },
      rememberedMapping: remembered && remembered.sheetIndex === loaded.sheetIndex && remembered.columns.length <= width ? remembered : null,
      layoutKey,
    },
  };
}
