// D/A/C/E of a sent message, where each recipient stands, every receipt received for it (each
// openable, with the verdict on its signature), and its evidence as one .zip. A receipt that does
// not count is named in red on its recipient's row. Shown under a sent message and under each of its receipts.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { EvidenceExportButton, type ExportNotice } from '../../components/EvidenceExportButton';
import { DacBadge } from '../../components/PecBadges';
import { TrustBadge } from '../../components/TrustBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { formatFullDate } from '../../i18n/format';
import { useWorkspace } from '../workspace/workspace';
import { SubmissionState } from './SubmissionState';
import { UnprovenList } from './UnprovenList';

/** The deliveries panel of one sent message. */
export function Deliveries({ sentMessageId }: { sentMessageId: number }): ReactElement | null {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const deliveries = useApiQuery(() => api.getDeliveries({ sentMessageId }), [sentMessageId], ['receipts', 'sent', 'campaigns']);
  const receipts = useApiQuery(() => api.listReceipts({ sentMessageId }), [sentMessageId], ['receipts']);
  const [notice, setNotice] = useState<ExportNotice | null>(null);
  const d = deliveries.data;
  if (!d) return null;
  return (
    <section className="deliveries" data-testid="deliveries" aria-label={t('deliveries.title')}>
      <header>
        <h3>{t('deliveries.title')}</h3>
        <DacBadge dac={d.counters} />
        <EvidenceExportButton testId="sent-export" run={() => api.exportSentEvidence({ sentMessageId })} onNotice={setNotice} />
      </header>
      {d.submission && <SubmissionState submission={d.submission} />}
      {notice && <p className={`notice notice-${notice.tone}`} role="status">{notice.text}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('deliveries.recipient')}</th>
            <th>{t('deliveries.status')}</th>
            <th>{t('deliveries.accepted')}</th>
            <th>{t('deliveries.delivered')}</th>
            <th>{t('deliveries.error')}</th>
          </tr>
        </thead>
        <tbody>
          {d.recipients.map((r) => (
            <tr key={`${r.field}:${r.address}`} data-status={r.status}>
              <td>
                {r.address}
                {r.field === 'cc' && <span className="muted"> (Cc)</span>}
              </td>
              <td>
                <span className={`status status-${r.status}`}>{t(`deliveryStatus.${r.status}`)}</span>
              </td>
              <td>{formatFullDate(r.acceptedAt)}</td>
              <td>{formatFullDate(r.deliveredAt)}</td>
              <td>
                <span className={r.status === 'warning' ? 'warn' : 'bad'}>{r.errorDetail ?? ''}</span>
                <UnprovenList receipts={r.unproven} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {receipts.data && receipts.data.length > 0 && (
        <>
          <h4>{t('deliveries.receipts')}</h4>
          <ul className="receipt-list" data-testid="receipt-list">
            {receipts.data.map((r, i) => (
              <li key={`${r.messageId ?? 'x'}:${i}`}>
                <button
                  type="button"
                  className="link-button"
                  disabled={r.messageId === null}
                  onClick={() => r.messageId !== null && ws.openMessage({ messageId: r.messageId }, t(`receipt.long.${r.type}`))}
                >
                  {t(`receipt.long.${r.type}`)}
                </button>
                {r.recipient && <span> · {r.recipient}</span>}
                {r.timestamp && <span className="muted"> · {formatFullDate(r.timestamp)}</span>}
                {r.errorDetail && <span className={r.type === 'preavviso-errore-consegna' ? 'warn' : 'bad'}> · {r.errorDetail}</span>}{' '}
                {r.trust && <TrustBadge level={r.trust.level} testId="receipt-trust" />}
                {!r.proof && <span className="not-proof"> {t('trust.notProofShort')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
