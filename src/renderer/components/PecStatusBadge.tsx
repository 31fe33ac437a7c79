// The PEC badge of an address (contacts list, autocomplete, duplicates): how sure PecDesk is that
// it is a certified mailbox — proved by a receipt, likely from its domain, the user's word — or
// that a daticert called it an ordinary mailbox. Nothing is shown when nothing is known.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PecStatus } from '../../shared/api-contacts';
import './pec-status-badge.css';

const TONE: Record<Exclude<PecStatus, 'unknown'>, string> = {
  confirmed: 'badge-pec',
  user: 'badge-pec',
  likely: 'badge-pec badge-pec-likely',
  no: 'badge-warn',
};

/** A small badge for a PEC status. */
export function PecStatusBadge({ status }: { status: PecStatus }): ReactElement | null {
  const { t } = useTranslation();
  if (status === 'unknown') return null;
  return (
    <span className={`badge ${TONE[status]}`} title={t(`contacts.pecStatus.${status}`)} data-pec-status={status}>
      {t(`contacts.pecBadge.${status}`)}
    </span>
  );
}
