// "Elimina" and "Sposta in…" on the message selected in the mailbox list, for the toolbar and the
// Delete key. The server does the work (through the API); the list changes when the store says
// so, and the selection goes on to the next message. Only a deletion for good asks first: from the
// Trash, or in an account that has none.
import type { TFunction } from 'i18next';
import { useCallback, useMemo, useState, type ReactElement, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../../shared/api';
import type { MessageRow, MoveReport } from '../../../shared/api-values';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { sortFolders } from '../folders/FolderTree';
import type { MessageListHandle } from '../message-list/MessageList';
import type { MessageCommands } from '../workspace/workspace';

/** Why a move or deletion failed, in the UI's language where the code says it all. */
function explain(error: ApiError, t: TFunction): string {
  if (error.code === 'local-only') return t('messageActions.localOnly');
  if (error.code === 'not-found') return t('messageActions.notFound');
  const detail = apiErrorText(t, error);
  return error.code === 'server' ? t('messageActions.serverError', { detail }) : detail;
}

/** The commands on `selected` (null: nothing selected) and the dialog they may show (confirmation, error). */
export function useMessageCommands(selected: MessageRow | null, list: RefObject<MessageListHandle | null>): { commands: MessageCommands | null; dialog: ReactElement | null } {
  const { t } = useTranslation();
  const folders = useApiQuery(() => api.listFolders({}), [], ['folders', 'accounts']);
  const [confirming, setConfirming] = useState<MessageRow | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Runs a move or deletion of the selected message through the list, which then selects the next one. */
  const perform = useCallback(
    (call: () => Promise<Result<MoveReport>>) => {
      const action = async () => {
        const res = await call();
        if (!res.ok) setError(explain(res.error, t));
        return res.ok;
      };
      void (list.current ? list.current.removeSelected(action) : action());
    },
    [list, t],
  );

  const commands = useMemo((): MessageCommands | null => {
    const all = folders.data ?? [];
    const folder = selected ? all.find((f) => f.id === selected.folderId) : undefined;
    if (!selected || !folder) return null;
    const account = all.filter((f) => f.accountId === folder.accountId);
    const trash = account.find((f) => f.role === 'trash');
    return {
      // PecDesk's local receipts folder has no mailbox on the server to move to.
      moveTargets: sortFolders(account.filter((f) => f.id !== folder.id && !f.localOnly)),
      remove() {
        // The server refuses the local receipts folder in plain words: no confirmation before that.
        if (!folder.localOnly && (folder.role === 'trash' || !trash)) setConfirming(selected);
        else perform(() => api.deleteMessages({ folderId: folder.id, messageIds: [selected.id], permanently: false }));
      },
      moveTo(folderId) {
        perform(() => api.moveMessages({ fromFolderId: folder.id, messageIds: [selected.id], toFolderId: folderId }));
      },
    };
  }, [selected, folders.data, perform]);

  let dialog: ReactElement | null = null;
  if (confirming) {
    const inTrash = folders.data?.find((f) => f.id === confirming.folderId)?.role === 'trash';
    const subject = confirming.subject || t('message.noSubject');
    const deleteForGood = () => {
      setConfirming(null);
      perform(() => api.deleteMessages({ folderId: confirming.folderId, messageIds: [confirming.id], permanently: true }));
    };
    dialog = (
      <Dialog title={t('messageActions.confirmTitle')} onClose={() => setConfirming(null)}>
        <p>{t(inTrash ? 'messageActions.confirmText' : 'messageActions.confirmNoTrash', { subject })}</p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setConfirming(null)}>
            {t('common.cancel')}
          </button>
          <button type="button" className="danger" onClick={deleteForGood} data-testid="confirm-delete">
            {t('messageActions.deleteForGood')}
          </button>
        </div>
      </Dialog>
    );
  } else if (error) {
    dialog = (
      <Dialog title={t('common.error')} onClose={() => setError(null)}>
        <p className="pre-line">{error}</p>
      </Dialog>
    );
  }
  return { commands, dialog };
}
