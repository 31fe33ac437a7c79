// Column mappings remembered per spreadsheet layout (the store's contact_import_layouts): the
// office that imports the same export every month maps its columns once.
import type { LayoutRows } from '../../store';
import type { ImportMapping } from '../types';

/** Stores and recalls the mapping used for a layout key (hash of the header names). */
export class LayoutMemory {
  constructor(private readonly rows: LayoutRows) {}

  remember(layoutKey: string, mapping: ImportMapping, now: string): void {
    const { sheetIndex, headerRowIndex, columns } = mapping;
    this.rows.put(layoutKey, JSON.stringify({ sheetIndex, headerRowIndex, columns }), now);
  }

  /** The mapping last used for the layout, if any (checked again against the file before use). */
  recall(layoutKey: string): ImportMapping | null {
    const stored = this.rows.get(layoutKey);
    if (stored === null) return null;
    const value = JSON.parse(stored) as Partial<ImportMapping>;
    const valid =
      Number.isInteger(value.sheetIndex) && Number.isInteger(value.headerRowIndex) && Array.isArray(value.columns) && value.columns.every((c) => typeof c === 'string');
    return valid ? (value as ImportMapping) : null;
  }
}
