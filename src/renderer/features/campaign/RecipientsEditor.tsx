// The recipients of a bulk send: typed with autocomplete, pasted one a line, or a whole contacts
// group (with each contact's fields for the placeholders). Each recipient gets a PEC of its own,
// so the list is never shown to the others.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignRecipientView } from '../../../shared/api-send';
import { api } from '../../api';
import { AddressInput } from '../../components/AddressInput';
import { useApiQuery } from '../../hooks/useApiQuery';
import { mergeRecipients, parsePasted, parseTyped } from './recipients';

/** Shown rows before "and N more" (a campaign can have thousands). */
const SHOWN = 200;

/** Edits the recipient list; every change goes to onChange. */
export function RecipientsEditor({
  recipients,
  onChange,
  onError,
}: {
  recipients: CampaignRecipientView[];
  onChange(next: CampaignRecipientView[]): void;
  onError(message: string): void;
}): ReactElement {
  const { t } = useTranslation();
  const groups = useApiQuery(() => api.groupsList({}), [], ['contacts']);
  const [typed, setTyped] = useState('');
  const [pasted, setPasted] = useState('');
  const [groupId, setGroupId] = useState('');

  const add = (added: CampaignRecipientView[]) => onChange(mergeRecipients(recipients, added));
  const addGroup = async () => {
    if (!groupId) return;
    const res = await api.recipientsFromContacts({ contactIds: [], groupIds: [Number(groupId)] });
    if (!res.ok) return onError(res.error.message);
    add(res.value);
  };

  return (
    <div className="bulk-recipients" data-testid="bulk-recipients">
      <div className="bulk-add-row">
        <AddressInput name="bulk-typed" value={typed} onChange={setTyped} aria-label={t('campaign.typeRecipients')} placeholder={t('campaign.typeRecipients')} />
        <button
          type="button"
          onClick={() => {
            add(parseTyped(typed));
            setTyped('');
          }}
        >
          {t('campaign.add')}
        </button>
      </div>
      <div className="bulk-add-row">
        <textarea
          name="bulk-pasted"
          rows={3}
          value={pasted}
          aria-label={t('campaign.pasteRecipients')}
          placeholder={t('campaign.pasteRecipients')}
          onChange={(e) => setPasted(e.target.value)}
        />
        <button
          type="button"
          onClick={() => {
            add(parsePasted(pasted));
            setPasted('');
          }}
        >
          {t('campaign.add')}
        </button>
      </div>
      <div className="bulk-add-row">
        <select aria-label={t('campaign.group')} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
          <option value="">{t('campaign.chooseGroup')}</option>
          {(groups.data ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({g.memberCount})
            </option>
          ))}
        </select>
        <button type="button" disabled={!groupId} onClick={() => void addGroup()}>
          {t('campaign.addGroup')}
        </button>
      </div>
      <div className="bulk-recipient-list">
        <div className="bulk-recipient-head">
          <strong data-testid="bulk-recipient-count">{t('campaign.recipientCount', { count: recipients.length })}</strong>
          {recipients.length > 0 && (
            <button type="button" className="link-button" onClick={() => onChange([])}>
              {t('campaign.clearRecipients')}
            </button>
          )}
        </div>
        <ul>
          {recipients.slice(0, SHOWN).map((r) => (
            <li key={r.address}>
              <span>
                {r.name ? `${r.name} ` : ''}&lt;{r.address}&gt;
              </span>
              <button type="button" aria-label={t('common.remove')} onClick={() => onChange(recipients.filter((x) => x !== r))}>
                ×
              </button>
            </li>
          ))}
          {recipients.length > SHOWN && <li>{t('campaign.andMore', { count: recipients.length - SHOWN })}</li>}
        </ul>
      </div>
    </div>
  );
}
