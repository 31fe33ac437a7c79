// The recipients of a bulk send: typed with autocomplete, pasted one a line (also rows copied from
// a spreadsheet), or a whole contacts group (with each contact's fields for the placeholders). The
// list lives in the engine (issue #14 §3): additions go there in chunks as they are made, and the
// window shows a virtualised page of it with the count. Each recipient gets a PEC of its own, so the
// list is never shown to the others.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignRecipientView } from '../../../shared/api-send';
import type { DraftRecipientsChangeView } from '../../../shared/api-campaign-drafts';
import type { Result } from '../../../shared/api';
import { api } from '../../api';
import { AddressInput } from '../../components/AddressInput';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { DraftRecipientList } from './DraftRecipientList';
import { parsePasted, parseTyped } from './recipients';

/** Recipients sent to the engine per call (a 100,000-row paste goes in 20 quick steps). */
const CHUNK = 5_000;

/** Edits the list of the draft; ensureDraft saves the draft first when it has no id yet. */
export function RecipientsEditor({
  campaignId,
  total,
  ensureDraft,
  onTotal,
  onError,
}: {
  campaignId: number | null;
  total: number;
  ensureDraft(): Promise<number | null>;
  onTotal(total: number): void;
  onError(message: string): void;
}): ReactElement {
  const { t } = useTranslation();
  const groups = useApiQuery(() => api.groupsList({}), [], ['contacts']);
  const [typed, setTyped] = useState('');
  const [pasted, setPasted] = useState('');
  const [groupId, setGroupId] = useState('');
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);

  /** Runs one change of the list (or several chunks); the count and the page follow its answers. */
  const change = async (steps: (id: number) => AsyncIterable<Result<DraftRecipientsChangeView>>): Promise<boolean> => {
    setBusy(true);
    try {
      const id = campaignId ?? (await ensureDraft());
      if (id === null) {
        onError(t('composer.noAccount'));
        return false;
      }
      for await (const res of steps(id)) {
        if (!res.ok) {
          onError(apiErrorText(t, res.error));
          return false;
        }
        onTotal(res.value.total);
      }
      return true;
    } finally {
      setVersion((v) => v + 1);
      setBusy(false);
    }
  };

  const add = (rows: CampaignRecipientView[]) =>
    change(async function* (id) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const recipients = rows.slice(i, i + CHUNK).map((r) => ({ address: r.address, name: r.name ?? undefined, contactId: r.contactId, fields: r.fields }));
        yield await api.campaignDraftRecipientsAdd({ id, recipients });
      }
    });

  const addGroup = () =>
    change(async function* (id) {
      yield await api.campaignDraftRecipientsAddContacts({ id, contactIds: [], groupIds: [Number(groupId)] });
    });

  const clear = () =>
    change(async function* (id) {
      yield await api.campaignDraftRecipientsReplace({ id, recipients: [] });
    });

  const remove = (address: string) =>
    change(async function* (id) {
      yield await api.campaignDraftRecipientsRemove({ id, addresses: [address] });
    });

  return (
    <div className="bulk-recipients" data-testid="bulk-recipients">
      <div className="bulk-add-row">
        <AddressInput name="bulk-typed" value={typed} onChange={setTyped} aria-label={t('campaign.typeRecipients')} placeholder={t('campaign.typeRecipients')} />
        <button type="button" disabled={busy} onClick={() => void add(parseTyped(typed)).then((done) => done && setTyped(''))}>
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
        <button type="button" disabled={busy} onClick={() => void add(parsePasted(pasted)).then((done) => done && setPasted(''))}>
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
        <button type="button" disabled={!groupId || busy} onClick={() => void addGroup()}>
          {t('campaign.addGroup')}
        </button>
      </div>
      <div className="bulk-recipient-list">
        <div className="bulk-recipient-head">
          <strong data-testid="bulk-recipient-count">{t('campaign.recipientCount', { count: total })}</strong>
          {total > 0 && (
            <button type="button" className="link-button" disabled={busy} onClick={() => void clear()}>
              {t('campaign.clearRecipients')}
            </button>
          )}
        </div>
        <DraftRecipientList campaignId={campaignId} total={total} version={version} onRemove={(address) => void remove(address)} />
      </div>
    </div>
  );
}
