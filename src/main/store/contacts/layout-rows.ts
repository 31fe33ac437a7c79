// Column mappings remembered per spreadsheet layout (table contact_import_layouts, migration 2),
// kept as the JSON text the contacts domain gives; it checks them again when it reads them back.
import type Database from 'better-sqlite3';

/** Prepared statements over contact_import_layouts. */
export class LayoutRows {
  private readonly select: Database.Statement<[string], { mapping: string }>;
  private readonly upsert: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT mapping FROM contact_import_layouts WHERE layout_key = ?');
    this.upsert = db.prepare(
      `INSERT INTO contact_import_layouts (layout_key, mapping, used_at) VALUES (?, ?, ?)
       ON CONFLICT (layout_key) DO UPDATE SET mapping = excluded.mapping, used_at = excluded.used_at`,
    );
  }

  /** The JSON text stored for a layout key, or null. */
  get(layoutKey: string): string | null {
    return this.select.get(layoutKey)?.mapping ?? null;
  }

  put(layoutKey: string, mappingJson: string, now: string): void {
    this.upsert.run(layoutKey, mappingJson, now);
  }
}
