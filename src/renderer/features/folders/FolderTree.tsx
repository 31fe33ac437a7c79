// Accounts and their folders on the left, with unread counts and each account's sync state.
import type { TFunction } from 'i18next';
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchivedAccountView, FolderRole, FolderView } from '../../../shared/api-values';
import { api } from '../../api';
import { Icon, type IconName } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { RemoveAccountDialog } from '../accounts/RemoveAccountDialog';

const ROLE_ORDER: FolderRole[] = ['inbox', 'receipts', 'sent', 'drafts', 'archive', 'other', 'junk', 'trash'];
const ROLE_ICON: Record<FolderRole, IconName> = {
  inbox: 'inbox',
  receipts: 'receipt',
  sent: 'send',
  drafts: 'compose',
  archive: 'folder',
  other: 'folder',
  junk: 'warning',
  trash: 'trash',
};

/** Folders in the tree's order: INBOX, receipts, Sent … Trash last. */
export function sortFolders(folders: FolderView[]): FolderView[] {
  return [...folders].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.path.localeCompare(b.path));
}

/** A folder's name as the tree shows it: its role in the UI's language ("Cestino"), else its own name. */
export function folderName(folder: Pick<FolderView, 'name' | 'role'>, t: TFunction): string {
  return folder.role === 'other' ? folder.name : t(`folders.role.${folder.role}`);
}

/** The accounts/folders pane. */
export function FolderTree({ selected, onSelect }: { selected: number | null; onSelect(folder: FolderView): void }): ReactElement {
  const { t } = useTranslation();
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const folders = useApiQuery(() => api.listFolders({}), [], ['folders', 'messages', 'accounts']);
  const archives = useApiQuery(() => api.listArchivedAccounts({}), [], ['accounts']);
  const [deleting, setDeleting] = useState<ArchivedAccountView | null>(null);

  // Start on the first account's inbox, as mail clients do.
  useEffect(() => {
    if (selected === null && folders.data?.length) onSelect(sortFolders(folders.data)[0]);
  }, [folders.data, selected, onSelect]);

  if (accounts.data && accounts.data.length === 0 && archives.data?.length === 0) {
    return <div className="pane-empty">{t('folders.noAccounts')}</div>;
  }
  return (
    <nav className="folder-tree" aria-label={t('folders.title')}>
      {(accounts.data ?? []).map((account) => (
        <section key={account.id} className="account">
          <header className="account-header" title={account.address}>
            <span className="account-name">{account.name}</span>
            {account.sync.state === 'syncing' && <Icon name="sync" className="spin" />}
            {account.sync.state === 'error' && (
              <span className="account-error" title={account.sync.error ?? ''}>
                <Icon name="warning" />
              </span>
            )}
          </header>
          <FolderList folders={(folders.data ?? []).filter((f) => f.accountId === account.id)} selected={selected} onSelect={onSelect} />
        </section>
      ))}
      {/* Removed accounts whose mail was kept: readable and exportable, never synced or sent from. */}
      {(archives.data ?? []).map((archive) => (
        <section key={`archive-${archive.id}`} className="account account-archived" data-testid="archived-account">
          <header className="account-header" title={`${archive.address} · ${t('accountRemoval.archiveHint')}`}>
            <span className="account-name">
              {t('accountRemoval.archive')} · {archive.name}
            </span>
            <button type="button" className="icon-button" title={t('accountRemoval.deleteArchive')} aria-label={t('accountRemoval.deleteArchive')} onClick={() => setDeleting(archive)}>
              <Icon name="trash" />
            </button>
          </header>
          <FolderList folders={(folders.data ?? []).filter((f) => f.accountId === archive.id)} selected={selected} onSelect={onSelect} />
        </section>
      ))}
      {deleting && (
        <RemoveAccountDialog accountId={deleting.id} address={deleting.address} archived onClose={() => setDeleting(null)} onRemoved={() => setDeleting(null)} />
      )}
    </nav>
  );
}

function FolderList({ folders, selected, onSelect }: { folders: FolderView[]; selected: number | null; onSelect(folder: FolderView): void }): ReactElement {
  const { t } = useTranslation();
  return (
    <ul>
      {sortFolders(folders).map((folder) => (
        <li key={folder.id}>
          <button
            type="button"
            className={folder.id === selected ? 'folder folder-selected' : 'folder'}
            style={{ paddingLeft: `${0.6 + Math.max(0, folder.path.split(/[/.]/).length - 1) * 0.9}rem` }}
            onClick={() => onSelect(folder)}
            data-role={folder.role}
          >
            <Icon name={ROLE_ICON[folder.role]} />
            <span className="folder-name">{folderName(folder, t)}</span>
            {folder.unread > 0 && <span className="unread-count">{folder.unread}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
