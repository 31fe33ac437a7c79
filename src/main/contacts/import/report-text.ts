// The import report in words: the same facts the wizard shows and the .xlsx report lists, for
// `pecdesk contacts import` and for logs. Italian, like the rest of what office users read.
import type { ColumnTarget, ImportPlan, PlannedRow, RowOutcome } from '../types';
import { columnLabel } from './header';

const fieldNames: Record<string, string> = {
  name: 'nominativo',
  firstName: 'nome',
  lastName: 'cognome',
  organization: 'ragione sociale',
  pec: 'PEC',
  email: 'e-mail',
  taxCode: 'codice fiscale / P.IVA',
  notes: 'note',
  tags: 'tag',
  ignore: 'ignorata',
};

/** What a column becomes, in words ("PEC", "campo libero {{comune}}", "ignorata"). */
export function targetLabel(target: ColumnTarget): string {
  return target.startsWith('free:') ? `campo libero {{${target.slice(5)}}}` : fieldNames[target];
}

/** What happens to a row, in words. */
export const OUTCOME_LABELS: Record<RowOutcome, string> = {
  create: 'nuovo contatto',
  update: 'aggiorna un contatto',
  link: 'già presente, non modificato',
  invalid: 'non importata',
  empty: 'riga vuota',
};

/** The row's problems and notes joined for one line or one cell. */
export function rowDetails(row: PlannedRow): string {
  return row.problems.map((p) => p.message).join('; ');
}

/** The report as lines of text. */
export function importReportLines(plan: ImportPlan): string[] {
  const { counts, mapping } = plan;
  const lines = [`Importazione di ${plan.file}${plan.format === 'xlsx' ? `, foglio «${plan.sheetName}»` : ''}`];
  lines.push(mapping.headerRowIndex >= 0 ? `Intestazione alla riga ${mapping.headerRowIndex + 1}; righe di dati: ${counts.rows}` : `Nessuna riga di intestazione; righe di dati: ${counts.rows}`);
  lines.push('Colonne:');
  mapping.columns.forEach((target, i) => lines.push(`  ${columnLabel(plan.headers, i)} → ${targetLabel(target)}`));
  if (plan.options.groupName) lines.push(`Gruppo: ${plan.options.groupName}`);
  lines.push(
    `Nuovi contatti: ${counts.create}  aggiornati: ${counts.update}  già presenti: ${counts.link}  non valide: ${counts.invalid}  vuote: ${counts.empty}`,
    `Duplicati nel file: ${counts.duplicatesInFile}  già in rubrica: ${counts.duplicatesExisting}`,
  );
  const section = (title: string, rows: PlannedRow[]) => {
    if (!rows.length) return;
    lines.push('', `${title}:`);
    for (const row of rows) lines.push(`  riga ${row.row}: ${rowDetails(row)}`);
  };
  section('Righe non importate', plan.rows.filter((r) => r.outcome === 'invalid'));
  section('Duplicati', plan.rows.filter((r) => r.duplicateOfRow !== null || r.existingContactId !== null));
  const empty = plan.rows.filter((r) => r.outcome === 'empty').map((r) => r.row);
  if (empty.length) lines.push('', `Righe vuote: ${rowRanges(empty)}`);
  section('Note', plan.rows.filter((r) => r.outcome !== 'invalid' && r.duplicateOfRow === null && r.existingContactId === null && r.problems.length));
  return lines;
}

/** [3, 4, 5, 9] → "3-5, 9". */
function rowRanges(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    parts.push(i === j ? `${rows[i]}` : `${rows[i]}-${rows[j]}`);
    i = j;
  }
  return parts.join(', ');
}
