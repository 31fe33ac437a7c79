// The folder actions of the tree: new folder (at the top of an account or inside a folder),
// rename, move under another folder, delete, and "apply the rules" to its messages. Each is done
// on the server first; the dialog stays open with the reason in words when the server says no.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api';
import type { FolderView } from '../../../shared/api-values';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { folderErrorText } from './folder-errors';

/** Which action the dialog carries out. */
export type FolderAction =
  | { kind: 'create'; accountId: string; parent: FolderView | null }
  | { kind: 'rename' | 'move' | 'delete' | 'apply-rules'; folder: FolderView };

/** The dialog of one folder action; `folders` are the account's, for the "move" choice. */
export function FolderDialog({ action, folders, onClose }: { action: FolderAction; folders: FolderView[]; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const folder = action.kind === 'create' ? null : action.folder;
  const [name, setName] = useState(folder?.name ?? '');
  const [parentId, setParentId] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (call: () => Promise<Result<unknown>>, after?: (value: unknown) => string) => {
    setBusy(true);
    setError(null);
    const res = await call();
    setBusy(false);
    if (!res.ok) return setError(folderErrorText(res.error, t));
    if (after) setDone(after(res.value));
    else onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (action.kind === 'create') void run(() => api.createFolder({ accountId: action.accountId, parentFolderId: action.parent?.id ?? null, name }));
    else if (action.kind === 'rename') void run(() => api.renameFolder({ folderId: action.folder.id, name }));
    else if (action.kind === 'move') void run(() => api.renameFolder({ folderId: action.folder.id, name: action.folder.name, parentFolderId: parentId === '' ? null : Number(parentId) }));
    else if (action.kind === 'delete') void run(() => api.deleteFolder({ folderId: action.folder.id }));
    else void run(() => api.applyRules({ folderId: action.folder.id }), (v) => t('organize.applied', v as Record<string, number>));
  };

  const titles = {
    create: t('organize.newFolderTitle', { parent: action.kind === 'create' ? (action.parent?.name ?? t('organize.topLevel')) : '' }),
    rename: t('organize.renameTitle', { name: folder?.name }),
    move: t('organize.moveTitle', { name: folder?.name }),
    delete: t('organize.deleteTitle', { name: folder?.name }),
    'apply-rules': t('organize.applyTitle'),
  };
  const submitLabel = { create: 'organize.create', rename: 'organize.save', move: 'organize.move', delete: 'organize.delete', 'apply-rules': 'organize.apply' }[action.kind];
  // A folder cannot go inside itself or one of its subfolders.
  const parents = folder ? folders.filter((f) => f.id !== folder.id && !f.path.startsWith(`${folder.path}/`) && !f.path.startsWith(`${folder.path}.`) && !f.localOnly) : [];

  return (
    <Dialog title={titles[action.kind]} onClose={onClose}>
      <form onSubmit={submit} className="folder-dialog" data-testid="folder-dialog">
        {(action.kind === 'create' || action.kind === 'rename') && (
          <label className="field">
            <span>{t('organize.folderName')}</span>
            <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="folder-name" aria-invalid={error !== null} />
          </label>
        )}
        {action.kind === 'move' && (
          <label className="field">
            <span>{t('organize.newParent')}</span>
            <select value={parentId} onChange={(e) => setParentId(e.target.value)} data-testid="folder-parent">
              <option value="">{t('organize.topLevel')}</option>
              {parents.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.path}
                </option>
              ))}
            </select>
          </label>
        )}
        {action.kind === 'delete' && <p>{t('organize.deleteText')}</p>}
        {action.kind === 'apply-rules' && <p>{t('organize.rulesIntro')}</p>}
        {error && (
          <p className="field-error" role="alert" data-testid="folder-error">
            {error}
          </p>
        )}
        {done && (
          <p className="notice notice-ok" role="status" data-testid="folder-done">
            {done}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('organize.cancel')}
          </button>
          {!done && (
            <button type="submit" className={action.kind === 'delete' ? 'danger' : 'primary'} disabled={busy} data-testid="folder-submit">
              {busy ? t('organize.working') : t(submitLabel)}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
