// The left side of the address book: all contacts, the duplicates, and the groups (liste) with
// their member counts; a new group is named in place; the chosen group can be renamed or deleted
// (its contacts stay).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupView } from '../../../shared/api-contacts';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { apiErrorText } from '../../i18n/api-error';

/** What the list on the right shows. */
export type ContactsScope = { kind: 'all' } | { kind: 'group'; groupId: number } | { kind: 'duplicates' };

/** The scopes and groups. */
export function GroupList(props: { groups: GroupView[]; scope: ContactsScope; onScope(scope: ContactsScope): void; onError(message: string): void }): ReactElement {
  const { t } = useTranslation();
  const [naming, setNaming] = useState<{ groupId: number | null; name: string } | null>(null);
  const current = props.scope.kind === 'group' ? props.scope.groupId : null;

  const submit = async () => {
    if (!naming || !naming.name.trim()) return setNaming(null);
    const res = naming.groupId === null ? await api.groupCreate({ name: naming.name }) : await api.groupRename({ groupId: naming.groupId, name: naming.name });
    if (!res.ok) return props.onError(apiErrorText(t, res.error));
    setNaming(null);
    props.onScope({ kind: 'group', groupId: res.value.id });
  };

  const remove = async (group: GroupView) => {
    if (!window.confirm(t('contacts.confirmRemoveGroup', { name: group.name }))) return;
    const res = await api.groupRemove({ groupId: group.id });
    if (!res.ok) return props.onError(apiErrorText(t, res.error));
    props.onScope({ kind: 'all' });
  };

  const nameInput = (
    <form
      className="group-name-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        autoFocus
        aria-label={t('contacts.groupName')}
        value={naming?.name ?? ''}
        onChange={(e) => setNaming((n) => n && { ...n, name: e.target.value })}
        onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
      />
    </form>
  );

  const scopeButton = (scope: ContactsScope, label: string, icon: 'user' | 'warning', active: boolean) => (
    <button type="button" className={active ? 'folder folder-selected' : 'folder'} onClick={() => props.onScope(scope)}>
      <Icon name={icon} />
      <span className="folder-name">{label}</span>
    </button>
  );

  return (
    <nav className="group-list" aria-label={t('contacts.groups')} data-testid="group-list">
      {scopeButton({ kind: 'all' }, t('contacts.all'), 'user', props.scope.kind === 'all')}
      {scopeButton({ kind: 'duplicates' }, t('contacts.duplicates'), 'warning', props.scope.kind === 'duplicates')}
      <h3>{t('contacts.groups')}</h3>
      <ul>
        {props.groups.map((g) => (
          <li key={g.id}>
            {naming?.groupId === g.id ? (
              nameInput
            ) : (
              <button type="button" className={g.id === current ? 'folder folder-selected' : 'folder'} onClick={() => props.onScope({ kind: 'group', groupId: g.id })} data-testid="group">
                <Icon name="folder" />
                <span className="folder-name">{g.name}</span>
                <span className="group-count">{g.memberCount}</span>
              </button>
            )}
            {g.id === current && naming === null && (
              <div className="group-actions">
                <button type="button" className="link-button" onClick={() => setNaming({ groupId: g.id, name: g.name })}>
                  {t('contacts.renameGroup')}
                </button>
                <button type="button" className="link-button" onClick={() => void remove(g)}>
                  {t('contacts.removeGroup')}
                </button>
              </div>
            )}
          </li>
        ))}
        <li>
          {naming?.groupId === null ? (
            nameInput
          ) : (
            <button type="button" className="link-button new-group" onClick={() => setNaming({ groupId: null, name: '' })}>
              + {t('contacts.newGroup')}
            </button>
          )}
        </li>
      </ul>
    </nav>
  );
}
