// The contacts pane beside the folders: search by name, organization or address (accents
// ignored), each contact with its PEC badge; a click starts a message to that contact, its envelope
// button lists all the correspondence with it ("Tutta la corrispondenza con…"). The whole
// address book (groups, editing, import, export) opens in a tab of its own.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { PecStatusBadge } from '../../components/PecStatusBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { newDraft } from '../composer/draft';
import { useWorkspace } from '../workspace/workspace';

// The pane is a quick list; the address book tab pages through all of them.
const PANE_LIMIT = 200;

/** Contacts list with search. */
export function ContactsPane(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [query, setQuery] = useState('');
  const contacts = useApiQuery(() => api.contactsList({ query: query.trim() || undefined, offset: 0, limit: PANE_LIMIT }), [query], ['contacts']);
  return (
    <section className="contacts-pane" aria-label={t('contacts.title')} data-testid="contacts-pane">
      <header>
        <h2>
          <Icon name="user" /> {t('contacts.title')}
          <button type="button" className="link-button open-book" onClick={() => ws.openContacts(t('contacts.book'))}>
            {t('contacts.openBook')}
          </button>
        </h2>
        <input type="search" placeholder={t('contacts.search')} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('contacts.search')} />
      </header>
      <ul>
        {(contacts.data?.rows ?? []).map((c) => {
          const address = c.pec || c.email;
          const name = c.name || c.organization;
          return (
            <li key={c.id}>
              <button type="button" className="contact" title={t('contacts.write', { address })} onClick={() => ws.openComposer(newDraft({ to: [address] }), name || address)}>
                <span className="contact-name">{name || address}</span>
                <PecStatusBadge status={c.pec ? c.pecStatus : 'unknown'} />
                {name && <span className="contact-address">{address}</span>}
              </button>
              {address && (
                <button
                  type="button"
                  className="contact-correspondence"
                  title={t('searchSyntax.correspondenceTitle', { address })}
                  aria-label={t('searchSyntax.correspondenceTitle', { address })}
                  data-testid="contact-correspondence"
                  onClick={() => ws.showCorrespondence(address.toLowerCase())}
                >
                  <Icon name="mail" />
                </button>
              )}
            </li>
          );
        })}
        {contacts.data?.total === 0 && <li className="muted">{t('contacts.empty')}</li>}
      </ul>
    </section>
  );
}
