// Each account's mailbox quota in the status bar (used / limit), amber from 80 % and red from
// 95 %, with a link to archive old mail. A server without quota shows nothing. The quota is asked of
// the servers when the window opens and after syncs, at most once a minute.
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuotaView } from '../../../shared/api-organize';
import { api, onEvent } from '../../api';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { formatSize } from '../../i18n/format';

const ASK_AT_MOST_EVERY_MS = 60_000;

/** The DOM event "Archivia…" raises: whoever owns archiving listens for it (detail: the account). */
export const ARCHIVE_ACTION_EVENT = 'pecdesk:action';

/** The quota part of the status bar. */
export function QuotaStatus(): ReactElement | null {
  const { t } = useTranslation();
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const [quotas, setQuotas] = useState<QuotaView[]>([]);
  const askedAt = useRef(0);

  const ask = useCallback(() => {
    if (Date.now() - askedAt.current < ASK_AT_MOST_EVERY_MS) return;
    askedAt.current = Date.now();
    void api.listQuotas({}).then((res) => res.ok && setQuotas(res.value));
  }, []);
  useEffect(() => {
    ask();
    return onEvent((event) => {
      if (event.type === 'sync-progress' && event.state === 'done') ask();
    });
  }, [ask]);

  const shown = quotas.filter((q): q is Extract<QuotaView, { state: 'ok' }> => q.state === 'ok');
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((q) => {
        const account = accounts.data?.find((a) => a.id === q.accountId);
        const text = t('organize.quota', { account: account?.name ?? q.accountId, used: formatSize(q.usedBytes), limit: formatSize(q.limitBytes), percent: q.percent });
        return (
          <span key={q.accountId} className={`quota quota-${q.level}`} data-testid="quota" data-level={q.level}>
            {q.level !== 'normal' && <Icon name="warning" />} {text}
            {q.level !== 'normal' && (
              <>
                {' · '}
                <span>{q.level === 'critical' ? t('organize.quotaCritical', { percent: q.percent }) : t('organize.quotaWarning')}</span>{' '}
                <button
                  type="button"
                  className="link-button"
                  data-action="archive"
                  data-testid="quota-archive"
                  onClick={() => window.dispatchEvent(new CustomEvent(ARCHIVE_ACTION_EVENT, { detail: { action: 'archive', accountId: q.accountId } }))}
                >
                  {t('organize.archive')}
                </button>
              </>
            )}
          </span>
        );
      })}
    </>
  );
}
