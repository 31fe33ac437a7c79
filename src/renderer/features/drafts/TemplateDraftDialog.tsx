// "Nuovo da modello" and "Rispondi con modello": picks a template of the bulk send and opens a
// composer with its text and files. The recipient (the one typed here, or the sender replied to)
// fills the placeholders when it is a contact; the composer names those left without a value.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignTemplate } from '../../../shared/api-send-values';
import type { MessageRef } from '../../../shared/api-values';
import { api } from '../../api';
import { AccountSelect } from '../../components/AccountSelect';
import { AddressInput } from '../../components/AddressInput';
import { Dialog } from '../../components/Dialog';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { useWorkspace } from '../workspace/workspace';
import { TemplateUseButton } from '../campaign/TemplateUseButton';
import '../campaign/campaign.css';
import './drafts.css';

/** The template chooser; replyTo set makes it "Rispondi con modello". */
export function TemplateDraftDialog({ replyTo, onClose }: { replyTo: MessageRef | null; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const templates = useApiQuery(() => api.campaignTemplateList({}), []);
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const title = replyTo ? t('drafts.template.reply') : t('drafts.template.new');

  const use = async (template: CampaignTemplate) => {
    const res = await api.draftFromTemplate({
      templateId: template.id,
      // A reply is written from the account the message arrived in, as a plain reply is.
      accountId: replyTo ? null : (accountId ?? accounts.data?.[0]?.id ?? null),
      replyTo,
      to: replyTo ? [] : to.split(/[,;\s]+/).filter(Boolean),
    });
    if (!res.ok) return setError(apiErrorText(t, res.error));
    onClose();
    ws.openComposer(res.value, res.value.subject || t('composer.new'));
  };

  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="template-picker" data-testid="template-draft-dialog">
        {!replyTo && (
          <>
            <label>
              <span>{t('composer.from')}</span>
              <AccountSelect name="template-draft-account" accounts={accounts.data} value={accountId ?? accounts.data?.[0]?.id ?? ''} onChange={setAccountId} />
            </label>
            <label className="template-to">
              <span>{t('drafts.template.to')}</span>
              <AddressInput name="template-to" value={to} onChange={setTo} />
            </label>
          </>
        )}
        <p className="muted">{t('drafts.template.hint', { example: '{{nome}}' })}</p>
        {(error ?? templates.error) && <p className="notice notice-bad">{error ?? (templates.error && apiErrorText(t, templates.error))}</p>}
        {templates.data?.length === 0 && <p className="muted">{t('drafts.template.none')}</p>}
        <ul className="template-list">
          {(templates.data ?? []).map((x) => (
            <li key={x.id}>
              <TemplateUseButton template={x} onUse={(chosen) => void use(chosen)} />
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
