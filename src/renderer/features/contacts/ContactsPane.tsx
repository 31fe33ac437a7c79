// The contacts pane: search by name or address; a click starts a message to that contact.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { newDraft } from '../composer/draft';
import { useWorkspace } from '../workspace/workspace';

/** Contacts list with search. */
export function ContactsPane(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [query, setQuery] = useState('');
  const contacts = useApiQuery(() => api.listContacts({ query, limit: 200 }), [query], ['contacts']);
  return (
    <section className="contacts-pane" aria-label={t('contacts.title')} data-testid="contacts-pane">
      <header>
        <h2>
          <Icon name="user" /> {t('contacts.title')}
        </h2>
        <input type="search" placeholder={t('contacts.search')} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('contacts.search')} />
      </header>
      <ul>
        {(contacts.data ?? []).map((c) => (
          <li key={c.id}>
            <button type="button" className="contact" title={t('contacts.write', { address: c.address })} onClick={() => ws.openComposer(newDraft({ to: [c.address] }), c.name ?? c.address)}>
              <span className="contact-name">{c.name ?? c.address}</span>
              {c.name && <span className="contact-address">{c.address}</span>}
              {c.isPec && <span className="badge badge-pec">PEC</span>}
            </button>
          </li>
        ))}
        {contacts.data?.length === 0 && <li className="muted">{t('contacts.empty')}</li>}
      </ul>
    </section>
  );
}
