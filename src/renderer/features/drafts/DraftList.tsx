// Bozze: the drafts of an account (and those written before an account was chosen), the last
// edited first, each saying whether the server's Drafts has its last version. Opening one puts it
// back in a composer with its text and files.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSummary } from '../../../shared/api-drafts';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { formatListDate } from '../../i18n/format';
import { useWorkspace } from '../workspace/workspace';
import './drafts.css';

/** The Bozze pane of `accountId`. */
export function DraftList({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const drafts = useApiQuery(() => api.draftList({}), [], ['drafts']);
  const rows = (drafts.data ?? []).filter((d) => d.accountId === accountId || d.accountId === null);

  const open = async (d: DraftSummary) => {
    const res = await api.draftOpen({ draftId: d.draftId });
    if (res.ok) ws.openComposer(res.value, res.value.subject || t('drafts.noSubject'));
    else window.alert(res.error.message);
  };

  return (
    <div className="message-list draft-list" data-testid="draft-list">
      <div className="list-header draft-grid" role="row">
        <span>{t('message.to')}</span>
        <span>{t('message.subject')}</span>
        <span>{t('drafts.edited')}</span>
      </div>
      {drafts.error && <div className="pane-empty">{drafts.error.message}</div>}
      {!drafts.error && rows.length === 0 && <div className="pane-empty">{t('drafts.none')}</div>}
      <ul className="list-scroll" aria-label={t('folders.role.drafts')}>
        {rows.map((d) => (
          <li key={d.draftId}>
            <button type="button" className="draft-grid draft-row" data-testid="draft-row" onClick={() => void open(d)}>
              <span className="draft-to">{d.to.join(', ') || t('drafts.noRecipient')}</span>
              <span className="draft-subject">
                {d.subject || t('drafts.noSubject')}
                {d.attachments > 0 && <Icon name="clip" />}
              </span>
              <span className="draft-when">
                {formatListDate(d.updatedAt)}
                {!d.onServer && (
                  <span className="draft-local" title={t('drafts.localOnlyHint')}>
                    {' '}
                    · {t('drafts.localOnly')}
                  </span>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
