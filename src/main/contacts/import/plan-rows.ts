// Which rows of an import plan the report shows under each filter (the wizard's tabs): the rows with
// a problem, the ones that will be imported, those not imported, the duplicates, the empty ones.
import type { PlanRowFilter } from '../../../shared/api-contacts';
import type { ImportPlan, PlannedRow } from '../types';

const ROW_FILTERS: Record<PlanRowFilter, (row: PlannedRow) => boolean> = {
  all: () => true,
  problems: (r) => r.outcome === 'invalid' || r.outcome === 'empty' || r.problems.length > 0,
  valid: (r) => r.outcome !== 'invalid' && r.outcome !== 'empty',
  invalid: (r) => r.outcome === 'invalid',
  duplicates: (r) => r.duplicateOfRow !== null || r.existingContactId !== null,
  empty: (r) => r.outcome === 'empty',
};

/** The plan's rows under one filter, in file order. */
export function planRowsMatching(plan: ImportPlan, filter: PlanRowFilter): PlannedRow[] {
  return plan.rows.filter(ROW_FILTERS[filter]);
}
