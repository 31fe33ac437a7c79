// Step 3 of the import wizard: the report before anything is written. The counts, then every row
// that needs attention — invalid addresses with the row number and why, duplicates inside the
// file and against the address book, empty rows — page by page; "all rows" lists the rest too.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlanView, PlanRowFilter, PlanRowsPage } from '../../../shared/api-contacts';
import { api } from '../../api';
import { apiErrorText } from '../../i18n/api-error';
import { importProblemText } from './problem-text';

const PAGE = 100;
const FILTERS: PlanRowFilter[] = ['problems', 'invalid', 'duplicates', 'empty', 'valid', 'all'];

/** How many rows each filter has, from the plan's counts ('problems' is known once listed). */
function filterCount(plan: ImportPlanView, filter: PlanRowFilter): number | null {
  const c = plan.counts;
  const counts: Record<PlanRowFilter, number | null> = {
    problems: null,
    invalid: c.invalid,
    duplicates: c.duplicatesInFile + c.duplicatesExisting,
    empty: c.empty,
    valid: c.create + c.update + c.link,
    all: c.rows,
  };
  return counts[filter];
}

/** The counts at the top of the report. */
export function ReportCounts({ plan }: { plan: ImportPlanView }): ReactElement {
  const { t } = useTranslation();
  const c = plan.counts;
  const items: [string, number, string][] = [
    ['create', c.create, 'ok'],
    ['update', c.update, 'info'],
    ['link', c.link, 'info'],
    ['invalid', c.invalid, c.invalid ? 'bad' : 'muted'],
    ['empty', c.empty, 'muted'],
    ['duplicatesInFile', c.duplicatesInFile, c.duplicatesInFile ? 'warn' : 'muted'],
    ['duplicatesExisting', c.duplicatesExisting, c.duplicatesExisting ? 'warn' : 'muted'],
  ];
  return (
    <dl className="report-counts" data-testid="report-counts">
      <div className="count-total">
        <dt>{t('contactsImport.count.rows')}</dt>
        <dd>{c.rows}</dd>
      </div>
      {items.map(([key, n, tone]) => (
        <div key={key} className={`count-${tone}`} data-count={key}>
          <dt>{t(`contactsImport.count.${key}`)}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The rows of the report, filtered and paged. */
export function ReportRows({ plan }: { plan: ImportPlanView }): ReactElement {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<PlanRowFilter>('problems');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<PlanRowsPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api.importPlanRows({ planId: plan.planId, filter, offset, limit: PAGE }).then((res) => {
      if (!current) return;
      setPage(res.ok ? res.value : null);
      setError(res.ok ? null : apiErrorText(t, res.error));
    });
    return () => {
      current = false;
    };
  }, [plan.planId, filter, offset]);

  const total = page?.total ?? 0;
  return (
    <div className="report-rows">
      <div className="report-filters" role="tablist" aria-label={t('contactsImport.rowsShown')}>
        {FILTERS.map((f) => {
          const n = f === filter && page ? page.total : filterCount(plan, f);
          return (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={f === filter}
              className={f === filter ? 'report-filter report-filter-active' : 'report-filter'}
              onClick={() => {
                setFilter(f);
                setOffset(0);
              }}
            >
              {t(`contactsImport.filter.${f}`)}
              {n !== null && <span className="filter-count">{n}</span>}
            </button>
          );
        })}
      </div>
      {error && <p className="notice notice-bad">{error}</p>}
      {page && page.total === 0 ? (
        <p className="muted report-none">{t(`contactsImport.none.${filter}`)}</p>
      ) : (
        <table className="report-table" data-testid="report-rows">
          <thead>
            <tr>
              <th>{t('contactsImport.col.row')}</th>
              <th>{t('contactsImport.col.outcome')}</th>
              <th>{t('contactsImport.col.details')}</th>
              <th>{t('contactsImport.col.contact')}</th>
            </tr>
          </thead>
          <tbody>
            {(page?.rows ?? []).map((r) => (
              <tr key={r.row} data-testid="report-row" data-row={r.row} data-outcome={r.outcome}>
                <td className="report-rownum">{r.row}</td>
                <td>
                  <span className={`outcome outcome-${r.outcome}`}>{t(`contactsImport.outcome.${r.outcome}`)}</span>
                </td>
                <td className="report-details">
                  {r.problems.length > 0 ? (
                    <ul>
                      {r.problems.map((p, i) => (
                        <li key={i} data-problem={p.code}>
                          {importProblemText(t, p)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    r.outcome === 'empty' && <span className="muted">{t('contactsImport.emptyRow')}</span>
                  )}
                </td>
                <td className="report-contact">
                  {r.contact ? (
                    <>
                      <span>{r.contact.name || r.contact.organization}</span> <span className="muted">{r.contact.pec || r.contact.email}</span>
                    </>
                  ) : (
                    <span className="muted" title={r.cells?.join(' | ')}>
                      {r.cells?.filter(Boolean).join(' | ')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <div className="report-pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            ‹ {t('contactsImport.previous')}
          </button>
          <span>{t('contactsImport.pageOf', { from: offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('contactsImport.next')} ›
          </button>
        </div>
      )}
    </div>
  );
}
