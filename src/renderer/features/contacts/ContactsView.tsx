// The address book tab: groups on the left; on the right the contacts of the chosen group (or all,
// or the duplicates) with search, create/edit, delete, group membership, "write to", export to
// .xlsx/.csv and the spreadsheet import wizard.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../shared/api-contacts';
import { api } from '../../api';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { newDraft } from '../composer/draft';
import { ImportWizard } from '../contacts-import/ImportWizard';
import { useWorkspace } from '../workspace/workspace';
import { ContactEditor } from './ContactEditor';
import { ContactTable } from './ContactTable';
import './contacts.css';
import { DuplicatesView } from './DuplicatesView';
import { receiveFile } from '../../components/fileOutput';
import { GroupList, type ContactsScope } from './GroupList';

type Notice = { tone: 'ok' | 'bad'; text: string };

/** The contacts tab. */
export function ContactsView(): ReactElement {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const groups = useApiQuery(() => api.groupsList({}), [], ['contacts']);
  const [scope, setScope] = useState<ContactsScope>({ kind: 'all' });
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<ContactDetail | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const groupId = scope.kind === 'group' ? scope.groupId : null;
  const group = groups.data?.find((g) => g.id === groupId) ?? null;
  const showError = (text: string) => setNotice({ tone: 'bad', text });

  const chooseScope = (next: ContactsScope) => {
    setScope(next);
    setSelected(new Set());
    setNotice(null);
  };
  const select = (id: number, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const ids = [...selected];

  const exportAs = async (format: 'xlsx' | 'csv') => {
    const res = await api.contactsExport({ groupId: groupId ?? undefined, format });
    if (!res.ok) return showError(apiErrorText(t, res.error));
    const where = receiveFile(res.value);
    if (where) setNotice({ tone: 'ok', text: t('contacts.exported', { count: res.value.count, file: where }) });
  };

  const removeSelected = async () => {
    if (!window.confirm(t('contacts.confirmRemove', { count: ids.length }))) return;
    const res = await api.contactsRemove({ contactIds: ids });
    if (!res.ok) return showError(apiErrorText(t, res.error));
    setSelected(new Set());
    setNotice({ tone: 'ok', text: t('contacts.removed', { count: res.value.removed }) });
  };

  const addToGroup = async (target: number) => {
    const res = await api.groupAddMembers({ groupId: target, contactIds: ids });
    if (!res.ok) return showError(apiErrorText(t, res.error));
    const name = groups.data?.find((g) => g.id === target)?.name ?? '';
    setNotice({ tone: 'ok', text: t('contacts.addedToGroup', { count: res.value.added, name }) });
  };

  const removeFromGroup = async () => {
    if (groupId === null) return;
    const res = await api.groupRemoveMembers({ groupId, contactIds: ids });
    if (!res.ok) return showError(apiErrorText(t, res.error));
    setSelected(new Set());
  };

  const writeTo = async () => {
    const addresses: string[] = [];
    for (const id of ids) {
      const res = await api.contactGet({ contactId: id });
      if (res.ok && (res.value.pec || res.value.email)) addresses.push(res.value.pec || res.value.email);
    }
    ws.openComposer(newDraft({ to: addresses }), t('composer.new'));
  };

  return (
    <div className="contacts-view" data-testid="contacts-view">
      <aside className="sidebar">
        <GroupList groups={groups.data ?? []} scope={scope} onScope={chooseScope} onError={showError} />
      </aside>
      <section className="contacts-main">
        <div className="contacts-actions" role="toolbar" aria-label={t('contacts.actions')}>
          <input type="search" className="contacts-search" placeholder={t('contacts.search')} aria-label={t('contacts.search')} value={query} onChange={(e) => setQuery(e.target.value)} disabled={scope.kind === 'duplicates'} />
          <button type="button" onClick={() => setEditing('new')}>
            <Icon name="userPlus" /> {t('contacts.new')}
          </button>
          <button type="button" onClick={() => setImporting(true)}>
            <Icon name="file" /> {t('contacts.import')}
          </button>
          <button type="button" onClick={() => void exportAs('xlsx')} title={group ? t('contacts.exportGroup', { name: group.name }) : t('contacts.exportAll')}>
            <Icon name="save" /> {t('contacts.exportXlsx')}
          </button>
          <button type="button" onClick={() => void exportAs('csv')} title={group ? t('contacts.exportGroup', { name: group.name }) : t('contacts.exportAll')}>
            <Icon name="save" /> {t('contacts.exportCsv')}
          </button>
          {ids.length > 0 && (
            <span className="selection-actions">
              <span className="muted">{t('contacts.selected', { count: ids.length })}</span>
              <button type="button" onClick={() => void writeTo()}>
                <Icon name="compose" /> {t('contacts.writeTo')}
              </button>
              <select aria-label={t('contacts.addToGroup')} value="" onChange={(e) => e.target.value && void addToGroup(Number(e.target.value))}>
                <option value="">{t('contacts.addToGroup')}</option>
                {(groups.data ?? []).map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
              {groupId !== null && (
                <button type="button" onClick={() => void removeFromGroup()}>
                  {t('contacts.removeFromGroup')}
                </button>
              )}
              <button type="button" className="danger" onClick={() => void removeSelected()}>
                <Icon name="trash" /> {t('contacts.remove')}
              </button>
            </span>
          )}
        </div>
        {notice && (
          <p className={`notice notice-${notice.tone}`} role="status">
            {notice.text}
          </p>
        )}
        {scope.kind === 'duplicates' ? (
          <DuplicatesView groups={groups.data ?? []} onError={showError} />
        ) : (
          <ContactTable groupId={groupId} query={query} selected={selected} onSelect={select} onEdit={setEditing} />
        )}
      </section>
      {editing && (
        <ContactEditor
          contact={editing === 'new' ? null : editing}
          groupId={groupId}
          groups={groups.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            setNotice({ tone: 'ok', text: t('contacts.saved', { name: c.name || c.pec || c.email }) });
          }}
        />
      )}
      {importing && (
        <ImportWizard
          groups={groups.data ?? []}
          onClose={() => setImporting(false)}
          onShowGroup={(id) => {
            setImporting(false);
            chooseScope({ kind: 'group', groupId: id });
          }}
        />
      )}
    </div>
  );
}
