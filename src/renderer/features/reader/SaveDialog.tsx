// "Salva" / "Salva tutti": pick a folder (native picker in the app, a path field in the browser
// build), save, and when names already exist ask before overwriting (the API refuses otherwise).
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRef } from '../../../shared/api-values';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useAppInfo } from '../../hooks/useAppInfo';

/** What to save: attachments (empty partIds = every attachment of the original), or the message itself as .eml. */
export type SaveRequest = { ref: MessageRef; label: string } & ({ partIds: string[]; inner: boolean; warning?: string } | { wholeMessage: true });

const LAST_DIR_KEY = 'pecdesk.lastSaveDir';

/** The save dialog for one request. */
export function SaveDialog({ request, onClose }: { request: SaveRequest; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  const [dir, setDir] = useState(() => localStorage.getItem(LAST_DIR_KEY) ?? info.defaultSaveDir);
  const [existing, setExisting] = useState<string[] | null>(null);
  const [saved, setSaved] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (overwrite: boolean) => {
    setBusy(true);
    setError(null);
    const res =
      'wholeMessage' in request
        ? await api.saveMessage({ ref: request.ref, dir, overwrite })
        : await api.saveAttachments({ ref: request.ref, partIds: request.partIds, inner: request.inner, dir, overwrite });
    setBusy(false);
    if (res.ok) {
      localStorage.setItem(LAST_DIR_KEY, dir);
      setSaved(res.value.saved);
      setExisting(null);
    } else if (res.error.code === 'exists') setExisting(res.error.items ?? []);
    else setError(res.error.message);
  };

  const browse = async () => {
    const res = await api.chooseFolder({});
    if (res.ok && res.value) setDir(res.value);
  };

  return (
    <Dialog title={request.label} onClose={onClose}>
      {saved ? (
        <div className="save-done" role="status" data-testid="save-done">
          <p>{t('save.done', { count: saved.length, dir })}</p>
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
          <label className="field">
            <span>{t('save.folder')}</span>
            <span className="field-row">
              <input name="dir" value={dir} onChange={(e) => setDir(e.target.value)} required spellCheck={false} />
              {info.nativeDialogs && (
                <button type="button" onClick={() => void browse()}>
                  {t('save.browse')}
                </button>
              )}
            </span>
          </label>
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
          {error && (
            <p className="notice notice-bad" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy || !dir}>
              {t('save.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
