// "Salva" / "Salva tutti": the main process picks the folder (native picker in the app, the
// launch's save folder in the browser build) and hands back a one-use token, never a path the
// page could choose. Names already there: the app asks in its own dialog; the browser build
// lists them here and asks before overwriting (the API refuses otherwise).
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChosenFolder, MessageRef } from '../../../shared/api-values';
import { api } from '../../api';
import { Dialog, DialogActions } from '../../components/Dialog';
import { useAppInfo } from '../../hooks/useAppInfo';
import { apiErrorText } from '../../i18n/api-error';

/** What to save: attachments (empty partIds = every attachment of the original), or the message itself as .eml. */
export type SaveRequest = { ref: MessageRef; label: string } & ({ partIds: string[]; inner: boolean; warning?: string } | { wholeMessage: true });

/** The save dialog for one request. */
export function SaveDialog({ request, onClose }: { request: SaveRequest; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  const [folder, setFolder] = useState<ChosenFolder | null>(null);
  const [existing, setExisting] = useState<string[] | null>(null);
  const [saved, setSaved] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (closeIfCancelled: boolean) => {
    setExisting(null);
    setError(null);
    const res = await api.chooseFolder({});
    if (res.ok && res.value) setFolder(res.value);
    else if (res.ok && closeIfCancelled) onClose();
    else if (!res.ok) setError(apiErrorText(t, res.error));
  };

  // The folder comes first, as in any "Save" of a desktop program; once, even when React runs effects twice.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void choose(true);
  }, []);

  const save = async (overwrite: boolean) => {
    if (!folder) return;
    setBusy(true);
    setError(null);
    const res =
      'wholeMessage' in request
        ? await api.saveMessage({ ref: request.ref, folder: folder.token, overwrite })
        : await api.saveAttachments({ ref: request.ref, partIds: request.partIds, inner: request.inner, folder: folder.token, overwrite });
    setBusy(false);
    if (res.ok) {
      setSaved(res.value.saved);
      setExisting(null);
    } else if (res.error.code === 'exists') setExisting(res.error.items ?? []);
    else {
      // The token was used up: saving again needs the folder again.
      setFolder(null);
      setError(apiErrorText(t, res.error));
    }
  };

  return (
    <Dialog title={request.label} onClose={onClose}>
      {saved ? (
        <div className="save-done" role="status" data-testid="save-done">
          <p>{t('save.done', { count: saved.length, dir: folder?.label ?? '' })}</p>
          <ul className="file-list">
            {saved.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(false);
          }}
        >
          {'warning' in request && request.warning && (
            <div className="notice notice-warn" role="note" data-testid="open-risk-warning">
              <strong>{t('attachmentSafety.title')}</strong>
              <p>{request.warning}</p>
            </div>
          )}
          <div className="field">
            <span>{t('save.folder')}</span>
            <span className="field-row">
              <output data-testid="save-folder" className="save-folder">
                {folder?.label ?? '…'}
              </output>
              {(info.nativeDialogs || !folder) && (
                <button type="button" onClick={() => void choose(false)}>
                  {t('save.browse')}
                </button>
              )}
            </span>
          </div>
          {existing && (
            <div className="notice notice-warn" role="alert">
              <p>{t('save.exists', { count: existing.length })}</p>
              <ul className="file-list">
                {existing.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
              <button type="button" className="danger" onClick={() => void save(true)} disabled={busy}>
                {t('save.overwrite')}
              </button>
            </div>
          )}
          <DialogActions error={error} leave={{ label: t('common.cancel'), onClick: onClose }}>
            <button type="submit" className="primary" disabled={busy || !folder}>
              {t('save.save')}
            </button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
