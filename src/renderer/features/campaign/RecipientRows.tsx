// One recipient of a campaign in the recipient table: its own row, then a row for each Cc of its
// message, so a Cc that fails shows its own status and error like a To recipient does. A preavviso
// di mancata consegna is a warning (amber), not an error: the message may still arrive. Each
// receipt carries the verdict on its signature; one that does not count is marked in red.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientReceipt, RecipientView } from '../../../shared/api-send-values';
import { TrustMark } from '../../components/TrustBadge';
import { formatFullDate } from '../../i18n/format';
import { useNotProofText } from '../reader/UnprovenList';
import { useWorkspace } from '../workspace/workspace';
import { failureText } from './failure-text';

function ReceiptLinks({ receipts, address }: { receipts: RecipientReceipt[]; address: string }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const notProof = useNotProofText();
  const name = (rc: RecipientReceipt) => t(`campaign.receipt.${rc.type}`, { defaultValue: rc.type });
  return (
    <>
      {receipts.map((rc) => (
        <span key={rc.receiptId} className="receipt-link" data-proof={rc.proof}>
          <TrustMark level={rc.level} />
          <button
            type="button"
            className={rc.proof ? 'link-button' : 'link-button not-proof'}
            onClick={() => ws.openMessage({ messageId: rc.messageRowId }, `${name(rc)} · ${address}`)}
          >
            {name(rc)}
          </button>
          {!rc.proof && <span className="not-proof" data-testid="not-proof">{notProof(rc)}</span>}
        </span>
      ))}
    </>
  );
}

/** The error cell: amber for a warning (preavviso), red for an error. */
function ErrorCell({ status, text }: { status: string; text: string | null }): ReactElement {
  return <td className={status === 'warning' ? 'campaign-error campaign-warning' : 'campaign-error'}>{text ?? ''}</td>;
}

/** The rows of one recipient and its message's Cc. */
export function RecipientRows({ r }: { r: RecipientView }): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <tr data-status={r.status} data-field="to">
        <td>
          {r.name && <div>{r.name}</div>}
          <div className="muted">{r.address}</div>
        </td>
        <td>
          <span className={`rstatus rstatus-${r.status}`}>{t(`campaign.status.${r.status}`)}</span>
          {r.overdue && <span className="badge badge-overdue">{t('campaign.overdue')}</span>}
          {r.submissions > 1 && (
            <span className="badge badge-duplicate" data-testid="sent-times" title={t('sendDuplicates.sentTimesHint', { count: r.submissions })}>
              {t('sendDuplicates.sentTimes', { count: r.submissions })}
            </span>
          )}
        </td>
        <td>{r.acceptedAt ? formatFullDate(r.acceptedAt) : ''}</td>
        <td>{r.deliveredAt ? formatFullDate(r.deliveredAt) : ''}</td>
        <ErrorCell status={r.status} text={failureText(t, r)} />
        <td>
          <ReceiptLinks receipts={r.receipts} address={r.address} />
        </td>
      </tr>
      {r.copies.map((c) => (
        <tr key={c.address} className="copy-row" data-status={c.status} data-field="cc">
          <td>
            <div className="muted">
              {c.address} <span>(Cc)</span>
            </div>
          </td>
          <td>
            <span className={`rstatus rstatus-${c.status}`}>{t(`deliveryStatus.${c.status}`)}</span>
          </td>
          <td />
          <td>{c.deliveredAt ? formatFullDate(c.deliveredAt) : ''}</td>
          <ErrorCell status={c.status} text={c.error} />
          <td>
            <ReceiptLinks receipts={c.receipts} address={c.address} />
          </td>
        </tr>
      ))}
    </>
  );
}
