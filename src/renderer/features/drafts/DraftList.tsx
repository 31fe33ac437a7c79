// Bozze: the drafts of an account (and those written before an account was chosen), the last
// edited first, each saying whether the server's Drafts has its last version; then the drafts
// other programs (webmail, a phone) left in the server's Drafts, as synced. Opening one puts it
// in a composer with its text and files; another program's draft becomes PecDesk's as it opens.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api';
import type { EditableDraft } from '../../../shared/api-drafts';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { formatListDate } from '../../i18n/format';
import { useWorkspace } from '../workspace/workspace';
import './drafts.css';

/** The Bozze pane of `accountId`. */
export function DraftList({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const drafts = useApiQuery(() => api.draftList({}), [], ['drafts']);
  // A sync brings other programs' drafts; opening one makes it ours (a drafts change).
  const others = useApiQuery(() => api.draftListOthers({ accountId }), [accountId], ['drafts', 'messages']);
  const rows = (drafts.data ?? []).filter((d) => d.accountId === accountId || d.accountId === null);
  const otherRows = others.data ?? [];
  const error = drafts.error ?? others.error;

  const open = async (opening: Promise<Result<EditableDraft>>) => {
    const res = await opening;
    if (res.ok) ws.openComposer(res.value, res.value.subject || t('drafts.noSubject'));
    else window.alert(apiErrorText(t, res.error));
  };

  return (
    <div className="message-list draft-list" data-testid="draft-list">
      <div className="list-header draft-grid" role="row">
        <span>{t('message.to')}</span>
        <span>{t('message.subject')}</span>
        <span>{t('drafts.edited')}</span>
      </div>
      {error && <div className="pane-empty">{apiErrorText(t, error)}</div>}
      {!error && rows.length === 0 && otherRows.length === 0 && <div className="pane-empty">{t('drafts.none')}</div>}
      <ul className="list-scroll" aria-label={t('folders.role.drafts')}>
        {rows.map((d) => (
          <li key={d.draftId}>
            <button type="button" className="draft-grid draft-row" data-testid="draft-row" onClick={() => void open(api.draftOpen({ draftId: d.draftId }))}>
              <DraftCells to={d.to} subject={d.subject} clip={d.attachments > 0} />
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
        {otherRows.map((d) => (
          <li key={`other-${d.messageId}`}>
            <button
              type="button"
              className="draft-grid draft-row"
              data-testid="other-draft-row"
              title={t('drafts.otherProgramHint')}
              onClick={() => void open(api.draftOpenOther({ messageId: d.messageId }))}
            >
              <DraftCells to={d.to} subject={d.subject} clip={d.hasAttachments} />
              <span className="draft-when">
                {d.date ? formatListDate(d.date) : ''}
                <span className="draft-other"> · {t('drafts.otherProgram')}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DraftCells({ to, subject, clip }: { to: string[]; subject: string; clip: boolean }): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <span className="draft-to">{to.join(', ') || t('drafts.noRecipient')}</span>
      <span className="draft-subject">
        {subject || t('drafts.noSubject')}
        {clip && <Icon name="clip" />}
      </span>
    </>
  );
}
