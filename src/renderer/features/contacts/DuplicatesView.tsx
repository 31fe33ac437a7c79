// Contacts sharing an address (same normalized PEC or e-mail), side by side; "keep this one"
// merges the others into it: every field, tag, note and group membership survives the merge.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail, GroupView } from '../../../shared/api-contacts';
import { api } from '../../api';
import { PecStatusBadge } from '../../components/PecStatusBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';

function ContactCard({ contact, groups }: { contact: ContactDetail; groups: GroupView[] }): ReactElement {
  const { t } = useTranslation();
  const groupNames = groups.filter((g) => contact.groupIds.includes(g.id)).map((g) => g.name);
  const fields = Object.entries(contact.fields);
  return (
    <dl className="contact-card">
      <dt>{t('contacts.field.name')}</dt>
      <dd>{contact.name || '—'}</dd>
      <dt>{t('contacts.field.organization')}</dt>
      <dd>{contact.organization || '—'}</dd>
      <dt>{t('contacts.field.pec')}</dt>
      <dd>
        {contact.pec || '—'} {contact.pec && <PecStatusBadge status={contact.pecStatus} />}
      </dd>
      <dt>{t('contacts.field.email')}</dt>
      <dd>{contact.email || '—'}</dd>
      {contact.taxCode && (
        <>
          <dt>{t('contacts.field.taxCode')}</dt>
          <dd>{contact.taxCode}</dd>
        </>
      )}
      {fields.map(([key, value]) => (
        <div key={key} className="contents">
          <dt>{`{{${key}}}`}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {groupNames.length > 0 && (
        <>
          <dt>{t('contacts.groups')}</dt>
          <dd>{groupNames.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

/** The duplicates of the address book with a merge action. */
export function DuplicatesView({ groups, onError }: { groups: GroupView[]; onError(message: string): void }): ReactElement {
  const { t } = useTranslation();
  const sets = useApiQuery(() => api.contactsDuplicates({}), [], ['contacts']);
  const [busy, setBusy] = useState(false);

  const keep = async (keepId: number, others: ContactDetail[]) => {
    setBusy(true);
    for (const other of others) {
      const merged = await api.contactsMerge({ keepId, otherId: other.id });
      if (!merged.ok) {
        onError(apiErrorText(t, merged.error));
        break;
      }
    }
    setBusy(false);
    sets.reload();
  };

  if (sets.data?.length === 0) return <div className="pane-empty">{t('contacts.noDuplicates')}</div>;
  return (
    <div className="duplicates" data-testid="duplicates">
      <p className="muted">{t('contacts.duplicatesHint')}</p>
      {(sets.data ?? []).map((set) => (
        <section key={set.address} className="duplicate-set" data-testid="duplicate-set">
          <h3>{set.address}</h3>
          <div className="duplicate-cards">
            {set.contacts.map((c) => (
              <div key={c.id} className="duplicate-card">
                <ContactCard contact={c} groups={groups} />
                <button type="button" className="primary" disabled={busy} onClick={() => void keep(c.id, set.contacts.filter((o) => o.id !== c.id))}>
                  {t('contacts.keepAndMerge')}
                </button>
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
