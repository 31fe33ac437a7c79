// "Ricevute da verificare": every stored receipt that does not count as proof (alterata, non
// firmata, integra once an index is imported, or contradicting the message it speaks of), with
// its reason; a click opens the receipt in place, beside the list. Such receipts never count in
// D/A/C/E: this is where the user sees them.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptToVerify } from '../../../shared/api-trust';
import { api } from '../../api';
import { KindBadge } from '../../components/PecBadges';
import { TrustBadge } from '../../components/TrustBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { Reader } from '../reader/Reader';
import './to-verify.css';

const PAGE = 100;

/** Receipts to verify re-query when receipts change (a new one, a verdict judged again). */
export const TO_VERIFY_REFRESH = ['receipts'] as const;

/** Why a row is not proof: what contradicts it, then the verdict's own reasons (its level has a column of its own). */
function Reason({ row }: { row: ReceiptToVerify }): ReactElement {
  const { t } = useTranslation();
  const reasons = [...row.problems.map((p) => t(`trust.problem.${p}`)), ...(row.trust?.reasons ?? [])];
  return (
    <ul className="trust-reasons">
      {(reasons.length ? reasons : [t('trust.notProofShort')]).map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

/** The tab. */
export function ToVerifyView(): ReactElement {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const page = useApiQuery(() => api.listReceiptsToVerify({ offset, limit: PAGE }), [offset], [...TO_VERIFY_REFRESH]);
  const rows = page.data?.rows ?? [];
  const total = page.data?.total ?? 0;
  return (
    <div className="to-verify" data-testid="to-verify">
      <section className="to-verify-list">
        <header className="campaign-head">
          <h2>{t('trust.toVerify.title')}</h2>
        </header>
        <p className="muted">{t('trust.toVerify.hint')}</p>
        {page.error && <p className="notice notice-bad">{apiErrorText(t, page.error)}</p>}
        {page.data && total === 0 && <p className="muted">{t('trust.toVerify.empty')}</p>}
        {rows.length > 0 && (
          <table className="campaign-table">
            <thead>
              <tr>
                <th>{t('trust.toVerify.col.type')}</th>
                <th>{t('trust.toVerify.col.level')}</th>
                <th>{t('trust.toVerify.col.reason')}</th>
                <th>{t('trust.toVerify.col.recipient')}</th>
                <th>{t('trust.toVerify.col.message')}</th>
                <th>{t('trust.toVerify.col.date')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.receiptId}
                  className={r.messageRowId === selected ? 'clickable row-selected' : 'clickable'}
                  data-testid="to-verify-row"
                  data-trust={r.level ?? ''}
                  onClick={() => setSelected(r.messageRowId)}
                >
                  <td>
                    <KindBadge row={{ kind: 'receipt', receiptType: r.type }} />
                  </td>
                  <td>{r.level && <TrustBadge level={r.level} testId="to-verify-level" />}</td>
                  <td>
                    <Reason row={r} />
                  </td>
                  <td>{r.recipient ?? ''}</td>
                  <td>{r.sentSubject ?? r.refMessageId ?? ''}</td>
                  <td>{formatFullDate(r.timestamp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {total > PAGE && (
          <div className="campaign-pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>‹</button>
            <span>{t('campaign.pageOf', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
            <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>›</button>
          </div>
        )}
      </section>
      <section className="preview" aria-label={t('reader.preview')}>
        {selected !== null ? <Reader messageRef={{ messageId: selected }} /> : <div className="pane-empty">{t('trust.toVerify.choose')}</div>}
      </section>
    </div>
  );
}

/** How many receipts are to verify, for the toolbar's badge. */
export function useToVerifyCount(): number {
  const page = useApiQuery(() => api.listReceiptsToVerify({ offset: 0, limit: 1 }), [], [...TO_VERIFY_REFRESH]);
  return page.data?.total ?? 0;
}
