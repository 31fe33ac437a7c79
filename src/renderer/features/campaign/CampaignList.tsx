// Every campaign, newest first: drafts open in the bulk composer, started ones in their view.
// D/A/C/E and late deliveries at a glance, queried again as the send queue and the receipts change.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { useWorkspace } from '../workspace/workspace';
import { TemplatePicker } from './TemplatePicker';
import './campaign.css';

/** The campaigns tab. */
export function CampaignList(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const list = useApiQuery(() => api.campaignList({}), [], ['campaigns', 'receipts', 'sent']);
  const open = (id: number, subject: string, draft: boolean) =>
    draft ? ws.openBulkComposer(id, subject || t('campaign.new')) : ws.openCampaign(id, subject || t('campaign.title'));
  return (
    <div className="campaign-view" data-testid="campaign-list">
      <header className="campaign-head">
        <h2>{t('campaign.list')}</h2>
        <TemplatePicker />
        <button type="button" className="primary" onClick={() => ws.openBulkComposer(null, t('campaign.new'))}>
          {t('campaign.new')}
        </button>
      </header>
      {list.error && <p className="notice notice-bad">{apiErrorText(t, list.error)}</p>}
      {list.data?.length === 0 && <p className="muted">{t('campaign.none')}</p>}
      <table className="campaign-table">
        <thead>
          <tr>
            <th>{t('message.subject')}</th>
            <th>{t('campaign.col.state')}</th>
            <th>{t('campaign.col.created')}</th>
            <th title={t('campaign.dacTitle')}>D / A / C / E</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((c) => {
            const draft = c.state === 'draft' || c.state === 'ready';
            return (
              <tr key={c.id} className="clickable" onClick={() => open(c.id, c.subject, draft)}>
                <td>
                  {c.subject || t('message.noSubject')}
                  {c.counts.overdue > 0 && <span className="badge badge-overdue">{t('campaign.overdueCount', { count: c.counts.overdue })}</span>}
                </td>
                <td>{t(`campaign.state.${c.state}`)}</td>
                <td>{formatFullDate(c.createdAt)}</td>
                <td>{draft ? c.counts.total : `${c.dac.D} / ${c.dac.A} / ${c.dac.C} / ${c.dac.E}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
