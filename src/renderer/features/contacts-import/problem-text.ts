// A row problem or note of the import report in the window's language: its text, worded by the
// window's own translation (the importProblem section, from src/shared/import-problem-texts.ts),
// inner wordings (the column, the reason inside "PEC: …") included. A problem without a text has
// only its message (Italian), shown as it came.
import type { TFunction } from 'i18next';
import type { RowProblemView } from '../../../shared/api-contacts';
import { wordImportProblem } from '../../../shared/import-problem-texts';

/** What the user reads for a row's problem or note. */
export function importProblemText(t: TFunction, problem: RowProblemView): string {
  return problem.text ? wordImportProblem((key, values) => t(key, values), { text: problem.text, params: problem.params }) : problem.message;
}
