// Removing an account asks what happens to its mail: kept in PecDesk as a read-only archive
// ("Archivio" in the folder tree, readable and exportable), or deleted for good after the user
// confirms in words that the evidence is lost unless exported first.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { apiErrorText } from '../../i18n/api-error';

/** The removal choice for one account (only deleting, for an archive); onRemoved runs once the account is gone. */
export function RemoveAccountDialog(props: { accountId: string; address: string; archived?: boolean; onClose(): void; onRemoved(): void }): ReactElement {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'archive' | 'delete'>(props.archived ? 'delete' : 'archive');
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    const res = await api.removeAccount({ accountId: props.accountId, mode });
    setBusy(false);
    if (res.ok) props.onRemoved();
    else setError(apiErrorText(t, res.error));
  };

  return (
    <Dialog title={t(props.archived ? 'accountRemoval.archiveTitle' : 'accountRemoval.title', { address: props.address })} onClose={props.onClose}>
      <div className="account-removal" data-testid="account-removal">
        {!props.archived && <p>{t('accountRemoval.intro')}</p>}
        {!props.archived && (
          <>
            <label>
              <input type="radio" name="account-removal-mode" checked={mode === 'archive'} onChange={() => setMode('archive')} />
              <strong>{t('accountRemoval.keep')}</strong> {t('accountRemoval.keepHint')}
            </label>
            <label>
              <input
                type="radio"
                name="account-removal-mode"
                checked={mode === 'delete'}
                onChange={() => {
                  setMode('delete');
                  setUnderstood(false);
                }}
              />
              <strong>{t('accountRemoval.delete')}</strong> {t('accountRemoval.deleteHint')}
            </label>
          </>
        )}
        {mode === 'delete' && (
          <div className="notice notice-bad" role="alert">
            <p>{t('accountRemoval.deleteWarning')}</p>
            <label>
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              {t('accountRemoval.understood')}
            </label>
          </div>
        )}
        {error && (
          <p className="notice notice-bad" role="status">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="danger" disabled={busy || (mode === 'delete' && !understood)} onClick={() => void remove()}>
            {mode === 'archive' ? t('accountRemoval.confirmKeep') : t('accountRemoval.confirmDelete')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
