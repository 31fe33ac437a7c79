// One saved template in a list to choose from: its name, subject and how many files it brings.
// The bulk-send picker and "Nuovo da modello" for a single PEC list the same templates.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignTemplate } from '../../../shared/api-send-values';
import { Icon } from '../../components/Icon';

/** The button that uses `template`. */
export function TemplateUseButton({ template, onUse }: { template: CampaignTemplate; onUse(template: CampaignTemplate): void }): ReactElement {
  const { t } = useTranslation();
  return (
    <button type="button" className="template-use" onClick={() => onUse(template)}>
      <strong>{template.name}</strong> <span className="muted">{template.subject || t('message.noSubject')}</span>
      {template.attachments.length > 0 && (
        <span className="muted">
          {' '}
          <Icon name="clip" /> {template.attachments.length}
        </span>
      )}
    </button>
  );
}
