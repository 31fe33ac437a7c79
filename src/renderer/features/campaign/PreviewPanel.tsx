// One recipient's message as it will leave, placeholders filled (campaignPreview), with the
// placeholders this recipient has no value for: what the user checks before sending hundreds.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { mailboxText } from '../../../shared/mailbox-text';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { sanitizeForEditor } from '../reader/sanitize';

/** How many recipients the preview's chooser lists. */
const CHOOSABLE = 500;

/** The preview of a saved draft; `version` changes after every save so it follows the edits. */
export function PreviewPanel({ campaignId, version }: { campaignId: number; version: number }): ReactElement {
  const { t } = useTranslation();
  const recipients = useApiQuery(() => api.campaignRecipients({ id: campaignId, offset: 0, limit: CHOOSABLE }), [campaignId, version]);
  const [chosen, setChosen] = useState<number | null>(null);
  const rows = recipients.data?.rows ?? [];
  const recipientId = rows.some((r) => r.id === chosen) ? chosen : (rows[0]?.id ?? null);
  const preview = useApiQuery(
    () => (recipientId === null ? Promise.resolve({ ok: true as const, value: null }) : api.campaignPreview({ id: campaignId, recipientId })),
    [campaignId, recipientId, version],
  );
  const p = preview.data;
  return (
    <section className="bulk-preview" data-testid="bulk-preview" aria-label={t('campaign.preview')}>
      <label className="bulk-preview-for">
        <span>{t('campaign.previewFor')}</span>
        <select value={recipientId ?? ''} onChange={(e) => setChosen(Number(e.target.value))} aria-label={t('campaign.previewFor')}>
          {rows.map((r) => (
            <option key={r.id} value={r.id}>
              {mailboxText(r)}
            </option>
          ))}
        </select>
      </label>
      {preview.error && <p className="notice notice-bad">{apiErrorText(t, preview.error)}</p>}
      {p && (
        <>
          {p.missing.length > 0 && (
            <p className="notice notice-bad" data-testid="preview-missing">
              {t('campaign.missingFields', { fields: p.missing.map((k) => `{{${k}}}`).join(', ') })}
            </p>
          )}
          <p>
            <strong>{t('message.to')}:</strong> {p.to} · <strong>{t('message.subject')}:</strong> <span data-testid="preview-subject">{p.subject}</span>
          </p>
          <div className="bulk-preview-body" data-testid="preview-body" dangerouslySetInnerHTML={{ __html: sanitizeForEditor(p.html ?? '') }} />
          {p.attachments.length > 0 && <p className="muted">{p.attachments.map((a) => a.filename).join(', ')}</p>}
        </>
      )}
    </section>
  );
}
