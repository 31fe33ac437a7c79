// "Nuovo da modello": lists the saved templates; picking one makes a new draft of the chosen
// account with its message and files and opens it in the bulk composer (issue #6).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignTemplate } from '../../../shared/api-send-values';
import { api } from '../../api';
import { AccountSelect } from '../../components/AccountSelect';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { useWorkspace } from '../workspace/workspace';
import { TemplateUseButton } from './TemplateUseButton';

/** The button and its picker dialog. */
export function TemplatePicker(): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="campaign-from-template" onClick={() => setOpen(true)}>
        {t('campaign.template.new')}
      </button>
      {open && (
        <Dialog title={t('campaign.template.new')} onClose={() => setOpen(false)} wide>
          <TemplateList onDone={() => setOpen(false)} />
        </Dialog>
      )}
    </>
  );
}

function TemplateList({ onDone }: { onDone(): void }): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const templates = useApiQuery(() => api.campaignTemplateList({}), []);
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const account = accountId ?? accounts.data?.[0]?.id ?? null;

  const use = async (template: CampaignTemplate) => {
    if (!account) return setError(t('composer.noAccount'));
    const res = await api.campaignFromTemplate({ templateId: template.id, accountId: account });
    if (!res.ok) return setError(apiErrorText(t, res.error));
    onDone();
    ws.openBulkComposer(res.value.id, res.value.subject || t('campaign.new'));
  };

  const remove = async (template: CampaignTemplate) => {
    if (!window.confirm(t('campaign.template.confirmRemove', { name: template.name }))) return;
    const res = await api.campaignTemplateRemove({ id: template.id });
    if (!res.ok) return setError(apiErrorText(t, res.error));
    templates.reload();
  };

  return (
    <div className="template-picker">
      <label>
        <span>{t('composer.from')}</span>
        <AccountSelect name="template-account" accounts={accounts.data} value={account ?? ''} onChange={setAccountId} />
      </label>
      {(error ?? templates.error) && <p className="notice notice-bad">{error ?? (templates.error && apiErrorText(t, templates.error))}</p>}
      {templates.data?.length === 0 && <p className="muted">{t('campaign.template.none')}</p>}
      <ul className="template-list">
        {(templates.data ?? []).map((x) => (
          <li key={x.id}>
            <TemplateUseButton template={x} onUse={(chosen) => void use(chosen)} />
            <button type="button" className="icon-button" aria-label={t('common.remove')} onClick={() => void remove(x)}>
              <Icon name="trash" />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
