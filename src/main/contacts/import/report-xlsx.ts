// The import report as an .xlsx the user can keep, filter and send on: a summary sheet and one
// line per row of the imported sheet with what happened to it and why.
import { writeTextSheets } from '../xlsx-write';
import type { ContactsResult, ImportPlan } from '../types';
import { columnLabel } from './header';
import { OUTCOME_LABELS, rowDetails, targetLabel } from './report-text';

/** Writes the report of a plan (before or after it was committed) to an .xlsx file. */
export async function writeReportXlsx(plan: ImportPlan, file: string): Promise<ContactsResult<null>> {
  const { counts } = plan;
  const summary: string[][] = [
    ['File', plan.file],
    ['Foglio', plan.sheetName],
    ['Data del riepilogo', plan.createdAt],
    ['Gruppo', plan.options.groupName ?? ''],
    ['Righe di dati', String(counts.rows)],
    ['Nuovi contatti', String(counts.create)],
    ['Contatti aggiornati', String(counts.update)],
    ['Già presenti, non modificati', String(counts.link)],
    ['Righe non importate', String(counts.invalid)],
    ['Righe vuote', String(counts.empty)],
    ['Duplicati nel file', String(counts.duplicatesInFile)],
    ['Duplicati già in rubrica', String(counts.duplicatesExisting)],
    [],
    ['Colonna', 'Importata come'],
    ...plan.mapping.columns.map((target, i) => [columnLabel(plan.headers, i), targetLabel(target)]),
  ];
  const rows = function* (): Generator<string[]> {
    for (const row of plan.rows) {
      const c = row.contact;
      yield [String(row.row), OUTCOME_LABELS[row.outcome], rowDetails(row), c?.name ?? '', c?.organization ?? '', c?.pec ?? '', c?.email ?? '', row.cells?.join(' | ') ?? ''];
    }
  };
  return writeTextSheets(file, [
    { name: 'Riepilogo', header: ['Voce', 'Valore'], rows: summary, widths: [32, 60] },
    {
      name: 'Righe',
      header: ['Riga', 'Esito', 'Dettagli', 'Nominativo', 'Ragione sociale', 'PEC', 'E-mail', 'Contenuto della riga'],
      rows: rows(),
      widths: [8, 26, 70, 26, 26, 32, 32, 60],
    },
  ]);
}
