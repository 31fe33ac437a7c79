// "Salva come modello" in the bulk composer: asks a name, saves the draft first (so the template
// gets what is on screen) and keeps its message, files and options as a template (issue #6).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { apiErrorText } from '../../i18n/api-error';

/** The button and its name dialog; `save` saves the draft and resolves to its id (null without an account). */
export function SaveTemplateButton({
  save,
  defaultName,
  onStatus,
}: {
  save(): Promise<number | null>;
  defaultName: string;
  onStatus(status: { tone: 'ok' | 'bad'; text: string }): void;
}): ReactElement {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (chosen: string) => {
    setBusy(true);
    const id = await save();
    const res = id === null ? null : await api.campaignTemplateSave({ campaignId: id, name: chosen });
    setBusy(false);
    setName(null);
    if (!res) return onStatus({ tone: 'bad', text: t('composer.noAccount') });
    onStatus(res.ok ? { tone: 'ok', text: t('campaign.template.saved', { name: res.value.name }) } : { tone: 'bad', text: apiErrorText(t, res.error) });
  };

  return (
    <>
      <button type="button" data-testid="bulk-save-template" onClick={() => setName(defaultName)}>
        <Icon name="save" /> {t('campaign.template.save')}
      </button>
      {name !== null && (
        <Dialog title={t('campaign.template.save')} onClose={() => setName(null)}>
          <form
            className="template-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) void submit(name.trim());
            }}
          >
            <label>
              <span>{t('campaign.template.name')}</span>
              <input name="template-name" autoFocus maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <p className="muted">{t('campaign.template.hint')}</p>
            <div className="dialog-actions">
              <button type="button" onClick={() => setName(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" disabled={busy || !name.trim()}>
                {t('common.save')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
