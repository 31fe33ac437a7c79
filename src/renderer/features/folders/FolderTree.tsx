// Accounts and their folders on the left, with unread and total counts and each account's sync
// state. Folders are created, renamed, moved and deleted here (on the server, FolderDialog), and
// take messages and other folders dropped on them (FolderItem).
import type { TFunction } from 'i18next';
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchivedAccountView, FolderRole, FolderView } from '../../../shared/api-values';
import { api } from '../../api';
import { Icon, type IconName } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { Dialog } from '../../components/Dialog';
import { RemoveAccountDialog } from '../accounts/RemoveAccountDialog';
import { withDrafts } from './drafts-folder';
import { FolderDialog, type FolderAction } from './FolderDialog';
import { folderErrorText } from './folder-errors';
import { FolderItem, type FolderDrop } from './FolderItem';
import '../organize/organize.css';
import { ArchiveDialog } from '../keeping/ArchiveDialog';
import { syncStateText } from '../shell/sync-problem';

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

/**
 * The accounts/folders pane; `selected` is a folder id or 'imported' ("Importati", the local folder
 * of the messages brought in from files, listed under the accounts once it holds any).
 */
export function FolderTree({ selected, onSelect, onSelectImported }: { selected: number | 'imported' | null; onSelect(folder: FolderView): void; onSelectImported(): void }): ReactElement {
  const { t } = useTranslation();
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const folders = useApiQuery(() => api.listFolders({}), [], ['folders', 'messages', 'accounts']);
  const archives = useApiQuery(() => api.listArchivedAccounts({}), [], ['accounts']);
  const [deleting, setDeleting] = useState<ArchivedAccountView | null>(null);
  const [menuFor, setMenuFor] = useState<FolderView | null>(null);
  const [action, setAction] = useState<FolderAction | null>(null);
  const [dropError, setDropError] = useState<string | null>(null);
  const [archiving, setArchiving] = useState<FolderView | null>(null);
  const imported = useApiQuery(() => api.getImportedFolder({}), [], ['messages']);
  const all = folders.data ?? [];

  const onDrop = (drop: FolderDrop) => {
    const moved =
      drop.kind === 'messages'
        ? api.moveMessages({ fromFolderId: drop.fromFolderId, messageIds: drop.messageIds, toFolderId: drop.to.id })
        : api.renameFolder({ folderId: drop.folderId, name: all.find((f) => f.id === drop.folderId)?.name ?? '', parentFolderId: drop.to.id });
    void moved.then((res) => !res.ok && setDropError(drop.kind === 'folder' ? folderErrorText(res.error, t) : apiErrorText(t, res.error)));
  };
  const listOf = (accountId: string) => (
    <FolderList folders={withDrafts(all.filter((f) => f.accountId === accountId), accountId)} selected={selected} onSelect={onSelect} onMenu={setMenuFor} onDrop={onDrop} />
  );

  // Start on the first account's inbox, as mail clients do.
  useEffect(() => {
    if (selected === null && folders.data?.length) onSelect(sortFolders(folders.data)[0]);
  }, [folders.data, selected, onSelect]);

  if (accounts.data && accounts.data.length === 0 && archives.data?.length === 0 && !imported.data?.total) {
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
              <span className="account-error" title={syncStateText(t, account.sync)}>
                <Icon name="warning" />
              </span>
            )}
            <button type="button" className="icon-button" title={t('organize.newFolder')} aria-label={`${t('organize.newFolder')} · ${account.name}`} onClick={() => setAction({ kind: 'create', accountId: account.id, parent: null })} data-testid="new-folder">
              +
            </button>
          </header>
          {listOf(account.id)}
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
          <FolderList folders={all.filter((f) => f.accountId === archive.id)} selected={selected} onSelect={onSelect} />
        </section>
      ))}
      {(imported.data?.total ?? 0) > 0 && (
        <section className="account account-local" data-testid="local-folders">
          <header className="account-header" title={t('keeping.localHint')}>
            <span className="account-name">{t('keeping.local')}</span>
          </header>
          <ul>
            <li>
              <button type="button" className={selected === 'imported' ? 'folder folder-selected' : 'folder'} onClick={onSelectImported} data-role="imported" data-testid="folder-imported">
                <Icon name="folder" />
                <span className="folder-name">{t('keeping.imported')}</span>
                {(imported.data?.unread ?? 0) > 0 && <span className="unread-count">{imported.data?.unread}</span>}
              </button>
            </li>
          </ul>
        </section>
      )}
      {menuFor && (
        <FolderMenu
          folder={menuFor}
          onClose={() => setMenuFor(null)}
          onArchive={() => {
            setArchiving(menuFor);
            setMenuFor(null);
          }}
          onChoose={(chosen) => {
            setMenuFor(null);
            setAction(chosen);
          }}
        />
      )}
      {action && (
        <FolderDialog
          action={action}
          folders={all.filter((f) => f.accountId === (action.kind === 'create' ? action.accountId : action.folder.accountId))}
          onClose={() => setAction(null)}
        />
      )}
      {archiving && <ArchiveDialog target={{ folder: { id: archiving.id, name: folderName(archiving, t) }, messageIds: [] }} onClose={() => setArchiving(null)} />}
      {dropError && (
        <Dialog title={t('common.error')} onClose={() => setDropError(null)}>
          <p className="pre-line" data-testid="drop-error">
            {dropError}
          </p>
        </Dialog>
      )}
      {deleting && (
        <RemoveAccountDialog accountId={deleting.id} address={deleting.address} archived onClose={() => setDeleting(null)} onRemoved={() => setDeleting(null)} />
      )}
    </nav>
  );
}

/** The actions on one folder; INBOX and the receipts folder only take subfolders and the rules. */
function FolderMenu({ folder, onClose, onChoose, onArchive }: { folder: FolderView; onClose(): void; onChoose(action: FolderAction): void; onArchive(): void }): ReactElement {
  const { t } = useTranslation();
  const fixed = folder.role === 'inbox' || folder.role === 'receipts';
  const item = (label: string, chosen: FolderAction, testId: string) => (
    <button type="button" role="menuitem" onClick={() => onChoose(chosen)} data-testid={testId}>
      {label}
    </button>
  );
  return (
    <Dialog title={folderName(folder, t)} onClose={onClose}>
      <div className="folder-menu" role="menu">
        {item(t('organize.newSubfolder'), { kind: 'create', accountId: folder.accountId, parent: folder }, 'folder-new-sub')}
        {!fixed && item(t('organize.rename'), { kind: 'rename', folder }, 'folder-rename')}
        {!fixed && item(t('organize.moveFolder'), { kind: 'move', folder }, 'folder-move')}
        {!fixed && item(t('organize.deleteFolder'), { kind: 'delete', folder }, 'folder-delete')}
        {item(t('organize.applyRules'), { kind: 'apply-rules', folder }, 'folder-apply-rules')}
        <button type="button" role="menuitem" onClick={onArchive} data-testid="folder-archive">
          {t('keeping.archive.menu')}
        </button>
      </div>
    </Dialog>
  );
}

function FolderList(props: {
  folders: FolderView[];
  selected: number | 'imported' | null;
  onSelect(folder: FolderView): void;
  /** Absent for a removed account's archive: read-only. */
  onMenu?(folder: FolderView): void;
  onDrop?(drop: FolderDrop): void;
}): ReactElement {
  return (
    <ul>
      {sortFolders(props.folders).map((folder) => (
        <FolderItem
          key={folder.id}
          folder={folder}
          icon={ROLE_ICON[folder.role]}
          depth={Math.max(0, folder.path.split(/[/.]/).length - 1)}
          selected={folder.id === props.selected}
          onSelect={() => props.onSelect(folder)}
          onMenu={() => props.onMenu?.(folder)}
          onDrop={(drop) => props.onDrop?.(drop)}
          readOnly={!props.onMenu}
        />
      ))}
    </ul>
  );
}
