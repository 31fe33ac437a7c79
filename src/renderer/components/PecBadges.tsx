// The PEC badges of a message: what it is (envelope, anomaly, which receipt), the verdict on the
// provider's signature (drawn by TrustMark), and for a sent message its D/A/C/E counters.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRow, SignatureBadge } from '../../shared/api-values';
import type { DacCounters, ReceiptType } from '../../shared/pec';
import type { TrustLevel } from '../../shared/trust';

const RECEIPT_TONE: Record<ReceiptType, 'ok' | 'bad' | 'warn' | 'info'> = {
  accettazione: 'info',
  'non-accettazione': 'bad',
  'presa-in-carico': 'info',
  'avvenuta-consegna': 'ok',
  'errore-consegna': 'bad',
  'preavviso-errore-consegna': 'warn',
  'rilevazione-virus': 'bad',
};

/** Kind badge: PEC envelope, anomaly, or the receipt type. */
export function KindBadge({ row }: { row: Pick<MessageRow, 'kind' | 'receiptType'> }): ReactElement | null {
  const { t } = useTranslation();
  if (row.kind === 'envelope') return <span className="badge badge-pec" title={t('kind.envelope')}>PEC</span>;
  if (row.kind === 'anomaly') return <span className="badge badge-bad" title={t('kind.anomaly')}>{t('badge.anomaly')}</span>;
  if (row.kind === 'unreadable') return <span className="badge badge-warn" title={t('kind.unreadable')}>?</span>;
  if (row.kind === 'receipt' && row.receiptType) {
    return (
      <span className={`badge badge-${RECEIPT_TONE[row.receiptType]}`} title={t(`receipt.long.${row.receiptType}`)} data-receipt={row.receiptType}>
        {t(`receipt.short.${row.receiptType}`)}
      </span>
    );
  }
  return null;
}

const LEVEL_OF_BADGE: Record<SignatureBadge, TrustLevel> = { trusted: 'attendibile', valid: 'integra', invalid: 'alterata', absent: 'non-firmata' };

/**
 * The verdict on a row's signed PEC object: the stored level, or for one stored before verdicts
 * (not re-checked yet) what its signature badge amounts to; none for ordinary mail.
 */
export function rowTrust(row: Pick<MessageRow, 'kind' | 'trust' | 'signature'>): TrustLevel | null {
  if (row.trust) return row.trust;
  return row.kind === 'envelope' || row.kind === 'anomaly' || row.kind === 'receipt' ? LEVEL_OF_BADGE[row.signature] : null;
}

/** D/A/C/E counters (Destinatari, Accettazioni, Consegne, Errori). */
export function DacBadge({ dac }: { dac: DacCounters }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className="dac" title={t('dac.title')} data-testid="dac">
      <span className="dac-d" title={t('dac.D')}>D{dac.D}</span>
      <span className="dac-a" title={t('dac.A')}>A{dac.A}</span>
      <span className={dac.C === dac.D && dac.D > 0 ? 'dac-c dac-done' : 'dac-c'} title={t('dac.C')}>C{dac.C}</span>
      <span className={dac.E > 0 ? 'dac-e dac-bad' : 'dac-e'} title={t('dac.E')}>E{dac.E}</span>
    </span>
  );
}
