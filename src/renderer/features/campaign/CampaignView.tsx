// The view of a started campaign: live D/A/C/E, the pacing, pause/resume/cancel, the recipient
// table (status, times, the provider's error, links to every receipt) with a filter, the "in
// ritardo" flag, resend to the failed ones as a new draft, and the evidence export. Everything is
// queried again when the store says the send queue or the receipts changed (coalesced while the
// campaign sends: useApiQuery's gate); the pacing (live, not stored) is asked with the campaign.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api';
import { RECIPIENT_STATUSES, type CampaignDetail, type Pacing, type RecipientStatus } from '../../../shared/api-send-values';
import { api } from '../../api';
import { EvidenceExportButton } from '../../components/EvidenceExportButton';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { useWorkspace } from '../workspace/workspace';
import { formatDuration } from './CheckPanel';
import { failureText } from './failure-text';
import { RecipientRows } from './RecipientRows';
import './campaign.css';

const PAGE = 100;

/** The campaign and, while it sends, its account's pacing now (the token bucket is not in the store). */
async function campaignWithPacing(id: number): Promise<Result<{ campaign: CampaignDetail; pacing: Pacing | null }>> {
  const campaign = await api.campaignGet({ id });
  if (!campaign.ok) return campaign;
  const { state, accountId } = campaign.value;
  const pacing = state === 'sending' && accountId !== null ? await api.campaignPacing({ accountId: String(accountId) }) : null;
  return { ok: true, value: { campaign: campaign.value, pacing: pacing?.ok ? pacing.value : null } };
}

/** One campaign's tab. */
export function CampaignView({ campaignId }: { campaignId: number }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [status, setStatus] = useState<RecipientStatus | ''>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const detail = useApiQuery(() => campaignWithPacing(campaignId), [campaignId], ['campaigns', 'receipts', 'sent']);
  const page = useApiQuery(
    () => api.campaignRecipients({ id: campaignId, statuses: status ? [status] : undefined, overdueOnly: overdueOnly || undefined, offset, limit: PAGE }),
    [campaignId, status, overdueOnly, offset],
    ['campaigns', 'receipts', 'sent'],
  );
  const d = detail.data?.campaign;
  const dac = d?.dac;
  const counts = d?.counts;
  const pacing = detail.data?.pacing ?? null;

  const act = async (run: () => Promise<Result<unknown>>, done?: string) => {
    const res = await run();
    setNotice(res.ok ? (done ? { tone: 'ok', text: done } : null) : { tone: 'bad', text: apiErrorText(t, res.error) });
    detail.reload();
  };
  const resend = async () => {
    const res = await api.campaignResendFailed({ id: campaignId });
    if (!res.ok) return setNotice({ tone: 'bad', text: apiErrorText(t, res.error) });
    ws.openBulkComposer(res.value.id, res.value.subject || t('campaign.new'));
  };

  if (!d) return <div className="campaign-view">{detail.error ? <p className="notice notice-bad">{apiErrorText(t, detail.error)}</p> : t('common.loading')}</div>;
  const failed = (counts?.failed ?? 0) + (counts?.error ?? 0);
  return (
    <div className="campaign-view" data-testid="campaign-view">
      <header className="campaign-head">
        <h2>{d.subject || t('message.noSubject')}</h2>
        <span className={`campaign-state state-${d.state}`} data-testid="campaign-state">
          {t(`campaign.state.${d.state}`)}
        </span>
        {d.stateDetail && <span className="muted" data-testid="campaign-state-detail">{failureText(t, { error: d.stateDetail, errorText: d.stateDetailText, errorParams: d.stateDetailParams })}</span>}
      </header>
      <div className="dac" data-testid="dac">
        {(['D', 'A', 'C', 'E'] as const).map((k) => (
          <div key={k} className={`dac-cell dac-${k}`} title={t(`campaign.dac.${k}`)}>
            <strong data-testid={`dac-${k}`}>{dac?.[k] ?? 0}</strong>
            <span>{t(`campaign.dac.${k}`)}</span>
          </div>
        ))}
        {(counts?.overdue ?? 0) > 0 && (
          <div className="dac-cell dac-overdue" data-testid="overdue-count">
            <strong>{counts?.overdue}</strong>
            <span>{t('campaign.overdue')}</span>
          </div>
        )}
      </div>
      <p className="muted campaign-pacing" data-testid="campaign-pacing">
        {counts && t('campaign.progress', { sent: counts.submitted + counts.accepted + counts.delivered + counts.warning + counts.error, total: counts.total })}{' '}
        {pacing && (pacing.perMinute || pacing.perHour) ? t('campaign.rateLimit', { perMinute: pacing.perMinute ?? '—', perHour: pacing.perHour ?? '—' }) : ''}{' '}
        {pacing?.nextSendAt ? t('campaign.nextSend', { at: formatFullDate(pacing.nextSendAt) }) : ''}
        {pacing?.slowedUntil ? ` ${t('campaign.slowed', { until: formatFullDate(pacing.slowedUntil) })}` : ''}
        {d.state === 'sending' && counts ? ` ${t('campaign.remaining', { duration: formatDuration(((counts.pending + counts['retry-wait']) * 60_000) / (pacing?.perMinute || 60), t) })}` : ''}
      </p>
      <div className="campaign-actions">
        {d.state === 'sending' && <button type="button" onClick={() => void act(() => api.campaignPause({ id: campaignId }))}>{t('campaign.pause')}</button>}
        {d.state === 'paused' && <button type="button" onClick={() => void act(() => api.campaignResume({ id: campaignId }))}>{t('campaign.resume')}</button>}
        {(d.state === 'sending' || d.state === 'paused') && (
          <button type="button" onClick={() => window.confirm(t('campaign.confirmCancel')) && void act(() => api.campaignCancel({ id: campaignId }), t('campaign.cancelled'))}>
            {t('campaign.cancel')}
          </button>
        )}
        <button type="button" disabled={failed === 0} onClick={() => void resend()}>
          {t('campaign.resendFailed', { count: failed })}
        </button>
        <EvidenceExportButton testId="campaign-export" run={() => api.campaignExport({ id: campaignId })} onNotice={setNotice} />
        <span className="tool-spacer" />
        <select aria-label={t('campaign.filter')} value={status} onChange={(e) => { setStatus(e.target.value as RecipientStatus | ''); setOffset(0); }}>
          <option value="">{t('campaign.allStatuses')}</option>
          {RECIPIENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`campaign.status.${s}`)} ({counts?.[s] ?? 0})
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={overdueOnly} onChange={(e) => { setOverdueOnly(e.target.checked); setOffset(0); }} /> {t('campaign.overdueOnly')}
        </label>
      </div>
      {notice && <p className={`notice notice-${notice.tone}`} role="status">{notice.text}</p>}
      <div className="campaign-table-wrap">
        <table className="campaign-table" data-testid="campaign-recipients">
          <thead>
            <tr>
              <th>{t('campaign.col.recipient')}</th>
              <th>{t('campaign.col.status')}</th>
              <th>{t('campaign.col.accepted')}</th>
              <th>{t('campaign.col.delivered')}</th>
              <th>{t('campaign.col.error')}</th>
              <th>{t('campaign.col.receipts')}</th>
            </tr>
          </thead>
          <tbody>
            {(page.data?.rows ?? []).map((r) => (
              <RecipientRows key={r.id} r={r} />
            ))}
          </tbody>
        </table>
      </div>
      {page.data && page.data.total > PAGE && (
        <div className="campaign-pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>‹</button>
          <span>{t('campaign.pageOf', { from: offset + 1, to: Math.min(offset + PAGE, page.data.total), total: page.data.total })}</span>
          <button type="button" disabled={offset + PAGE >= page.data.total} onClick={() => setOffset(offset + PAGE)}>›</button>
        </div>
      )}
    </div>
  );
}
