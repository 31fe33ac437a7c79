// The pre-send report and the confirmation: every finding with its severity (errors block), then
// the numbers the user agrees to before anything leaves: how many messages, how long at the
// account's rate limit, how much data. "Invia" is the user's explicit start.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CheckReport } from '../../../shared/api-send-values';
import { Icon } from '../../components/Icon';
import { formatSize } from '../../i18n/format';
import { findingText } from './finding-text';
import './campaign.css';

/** A duration in minutes or hours, as the confirmation says it. */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 1) return t('campaign.underAMinute');
  if (minutes < 120) return t('campaign.minutes', { count: minutes });
  return t('campaign.hours', { count: Math.round(minutes / 60) });
}

/** Props of CheckPanel; single: the report of one PEC (checkMessage), one submission to every recipient. */
export interface CheckPanelProps {
  report: CheckReport;
  sending: boolean;
  single?: boolean;
  onSend(): void;
  onClose(): void;
}

/** The report of campaignCheck (or checkMessage) with the send button. */
export function CheckPanel({ report, sending, single = false, onSend, onClose }: CheckPanelProps): ReactElement {
  const { t } = useTranslation();
  const e = report.estimate;
  return (
    <section className="bulk-check" data-testid="bulk-check" aria-label={t('campaign.checkTitle')}>
      <h3>{t('campaign.checkTitle')}</h3>
      {report.findings.length === 0 && <p className="notice notice-ok">{t('campaign.noFindings')}</p>}
      <ul className="findings">
        {report.findings.map((f, i) => (
          <li key={`${f.code}-${i}`} className={`finding finding-${f.severity}`} data-code={f.code}>
            <Icon name={f.severity === 'error' ? 'cross' : f.severity === 'warning' ? 'warning' : 'info'} />
            <span>
              <strong>{t(`campaign.severity.${f.severity}`)}</strong> {findingText(t, f)}
              {f.missing && (
                <ul>
                  {f.missing.map((m) => (
                    <li key={m.address}>
                      {m.address}: {m.fields.map((k) => `{{${k}}}`).join(', ')}
                    </li>
                  ))}
                </ul>
              )}
              {f.addresses && !f.missing && <span className="finding-addresses"> {f.addresses.join(', ')}</span>}
            </span>
          </li>
        ))}
      </ul>
      <div className="bulk-confirm" data-testid="bulk-confirm">
        {single ? (
          <p>
            {t('sendCheck.confirmText', { count: e.recipients, size: formatSize(e.messageBytes) })}{' '}
            <span className="muted">{t('campaign.receiptQuota', { size: formatSize(e.receiptQuotaBytes) })}</span>
          </p>
        ) : (
          <>
            <p>
              {t('campaign.confirmText', {
                count: e.recipients,
                duration: formatDuration(e.durationMs, t),
                size: formatSize(e.messageBytes),
                total: formatSize(e.totalBytes),
              })}
            </p>
            <p className="muted">
              {e.perMinute || e.perHour ? t('campaign.rateLimit', { perMinute: e.perMinute ?? '—', perHour: e.perHour ?? '—' }) : t('campaign.noRateLimit')}{' '}
              {t('campaign.receiptQuota', { size: formatSize(e.receiptQuotaBytes) })}
            </p>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('campaign.backToEdit')}
          </button>
          <button type="button" className="primary" disabled={report.blocked || sending} onClick={onSend}>
            <Icon name="send" /> {single ? t('sendCheck.sendAnyway') : t('campaign.sendCount', { count: e.recipients })}
          </button>
        </div>
        {report.blocked && <p className="notice notice-bad">{t('campaign.blocked')}</p>}
      </div>
    </section>
  );
}
