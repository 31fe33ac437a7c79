// One folder of the tree: its name and counts (unread of total), a drop target for messages from
// the list (moved on the server through moveMessages) and for another folder of the account
// (moved inside it), draggable itself unless it is INBOX or PecDesk's own, with its actions menu.
import { useState, type DragEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderView } from '../../../shared/api-values';
import { Icon, type IconName } from '../../components/Icon';
import { dragged, endDrag, startDrag } from '../organize/dnd';
import { folderName } from './FolderTree';

/** What dropping something on a folder asks for. */
export type FolderDrop = { kind: 'messages'; fromFolderId: number; messageIds: number[]; to: FolderView } | { kind: 'folder'; folderId: number; to: FolderView };

function accepts(folder: FolderView): boolean {
  const what = dragged();
  if (!what || what.accountId !== folder.accountId || folder.localOnly) return false;
  if (what.kind === 'messages') return what.fromFolderId !== folder.id;
  // A folder never goes into itself or below itself.
  return what.folderId !== folder.id && !folder.path.startsWith(`${what.path}/`) && !folder.path.startsWith(`${what.path}.`);
}

/** One row of the folder tree. */
export function FolderItem(props: {
  folder: FolderView;
  icon: IconName;
  depth: number;
  selected: boolean;
  onSelect(): void;
  onMenu(): void;
  onDrop(drop: FolderDrop): void;
  /** A removed account's archive: no menu, nothing dropped or dragged. */
  readOnly: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const { folder } = props;
  const [over, setOver] = useState(false);
  const movable = !props.readOnly && folder.role !== 'inbox' && folder.role !== 'receipts' && !folder.localOnly;

  const onDragOver = (e: DragEvent) => {
    if (props.readOnly || !accepts(folder)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    const what = dragged();
    if (!what || props.readOnly || !accepts(folder)) return;
    e.preventDefault();
    endDrag();
    props.onDrop(what.kind === 'messages' ? { kind: 'messages', fromFolderId: what.fromFolderId, messageIds: what.messageIds, to: folder } : { kind: 'folder', folderId: what.folderId, to: folder });
  };

  return (
    <li className="folder-item">
      <button
        type="button"
        className={['folder', props.selected ? 'folder-selected' : '', over ? 'folder-drop' : ''].join(' ')}
        style={{ paddingLeft: `${0.6 + props.depth * 0.9}rem` }}
        onClick={props.onSelect}
        onContextMenu={(e) => {
          if (props.readOnly) return;
          e.preventDefault();
          props.onMenu();
        }}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        draggable={movable}
        onDragStart={(e) => startDrag(e, { kind: 'folder', accountId: folder.accountId, folderId: folder.id, path: folder.path })}
        onDragEnd={endDrag}
        data-role={folder.role}
        data-folder-path={folder.path}
        title={t('organize.counts', { unread: folder.unread, total: folder.total })}
      >
        <Icon name={props.icon} />
        <span className="folder-name">{folderName(folder, t)}</span>
        {folder.unread > 0 && <span className="unread-count">{folder.unread}</span>}
        <span className="total-count" data-testid="folder-total">
          {folder.total}
        </span>
      </button>
      {!folder.localOnly && !props.readOnly && (
        <button type="button" className="icon-button folder-menu-button" aria-label={t('organize.folderMenu', { name: folderName(folder, t) })} onClick={props.onMenu} data-testid="folder-menu">
          ⋯
        </button>
      )}
    </li>
  );
}
