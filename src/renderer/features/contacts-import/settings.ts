// What the user decides on the mapping page: the column mapping, the target group and what to do
// with duplicates. Kept by the wizard so "back" from the report finds them as they were.
import { fieldKeyOf, type ColumnTarget, type DuplicatePolicy, type GroupView, type ImportMappingView, type ImportPreviewView } from '../../../shared/api-contacts';

/** The group the imported contacts join. */
export type GroupChoice = { kind: 'none' } | { kind: 'new'; name: string } | { kind: 'existing'; groupId: number };

/** The mapping page's choices. */
export interface ImportSettings {
  mapping: ImportMappingView;
  group: GroupChoice;
  policy: DuplicatePolicy;
}

/** "A", "B" … "AA", as the spreadsheet names columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The free field a column becomes when the user picks "free field": named after its header. */
export function freeTarget(header: string, index: number): ColumnTarget {
  return `free:${fieldKeyOf(header) || `colonna_${columnLetter(index).toLowerCase()}`}`;
}

/** Header texts of the chosen header row (none for -1), one per preview column. */
export function headersAt(preview: ImportPreviewView, headerRowIndex: number): string[] {
  const row = headerRowIndex >= 0 ? (preview.rows[headerRowIndex] ?? []) : [];
  return preview.columns.map((_, i) => (row[i] ?? '').trim());
}

/** The mapping to start from (the remembered one when this layout was imported before), one target per column. */
export function startingMapping(preview: ImportPreviewView): ImportMappingView {
  const base = preview.rememberedMapping ?? preview.suggestedMapping;
  return { ...base, columns: preview.columns.map((_, i) => base.columns[i] ?? 'ignore') };
}

/** First settings for a file: a new group named after it, duplicates left as they are. */
export function initialSettings(preview: ImportPreviewView): ImportSettings {
  const name = preview.name.replace(/\.[^.]+$/, '').trim();
  return { mapping: startingMapping(preview), group: name ? { kind: 'new', name } : { kind: 'none' }, policy: 'skip' };
}

/** The group name the import request carries, if any. */
export function groupNameOf(choice: GroupChoice, groups: GroupView[]): string | undefined {
  if (choice.kind === 'new') return choice.name.trim() || undefined;
  if (choice.kind === 'existing') return groups.find((g) => g.id === choice.groupId)?.name;
  return undefined;
}
