// Column mappings remembered per spreadsheet layout (table contact_import_layouts, migration 2):
// the office that imports the same export every month maps its columns once.
import type Database from 'better-sqlite3';
import type { ImportMapping } from '../types';

/** Stores and recalls the mapping used for a layout key (hash of the header names). */
export class LayoutMemory {
  private readonly select: Database.Statement<[string], { mapping: string }>;
  private readonly upsert: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT mapping FROM contact_import_layouts WHERE layout_key = ?');
    this.upsert = db.prepare(
      `INSERT INTO contact_import_layouts (layout_key, mapping, used_at) VALUES (?, ?, ?)
       ON CONFLICT (layout_key) DO UPDATE SET mapping = excluded.mapping, used_at = excluded.used_at`,
    );
  }

  remember(layoutKey: string, mapping: ImportMapping, now: string): void {
    const { sheetIndex, headerRowIndex, columns } = mapping;
    this.upsert.run(layoutKey, JSON.stringify({ sheetIndex, headerRowIndex, columns }), now);
  }

  /** The mapping last used for the layout, if any (checked again against the file before use). */
  recall(layoutKey: string): ImportMapping | null {
    const row = this.select.get(layoutKey);
    if (!row) return null;
    const value = JSON.parse(row.mapping) as Partial<ImportMapping>;
    const valid =
      Number.isInteger(value.sheetIndex) && Number.isInteger(value.headerRowIndex) && Array.isArray(value.columns) && value.columns.every((c) => typeof c === 'string');
    return valid ? (value as ImportMapping) : null;
  }
}
