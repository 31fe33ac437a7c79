// Late deliveries ("in ritardo"): the engine's send-notice tells each late recipient once; the desktop
// app also shows a system notification, and here the browser build gets an in-app notice. The
// badge counts every late recipient of every campaign, from the store, so it survives restarts.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onEvent } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useAppInfo } from '../../hooks/useAppInfo';
import { useWorkspace } from '../workspace/workspace';

/** Late recipients across all campaigns, kept current. */
export function useOverdueCount(): number {
  const list = useApiQuery(() => api.campaignList({}), [], ['campaigns', 'receipts', 'sent']);
  return (list.data ?? []).reduce((sum, c) => sum + c.counts.overdue, 0);
}

/** The in-app notice of new late deliveries (browser build; the app has system notifications). */
export function OverdueNotice(): ReactElement | null {
  const { t } = useTranslation();
  const info = useAppInfo();
  const ws = useWorkspace();
  const [late, setLate] = useState<{ campaignId: number; count: number } | null>(null);
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'send-notice' && e.notice.kind === 'overdue') setLate({ campaignId: e.notice.campaignId, count: e.notice.recipients.length });
      }),
    [],
  );
  if (!late || info.host !== 'web') return null;
  return (
    <div className="toast" role="alert" data-testid="overdue-toast">
      <span>{t('campaign.overdueToast', { count: late.count })}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          ws.openCampaign(late.campaignId, t('campaign.title'));
          setLate(null);
        }}
      >
        {t('campaign.show')}
      </button>
      <button type="button" aria-label={t('common.close')} onClick={() => setLate(null)}>
        ×
      </button>
    </div>
  );
}
