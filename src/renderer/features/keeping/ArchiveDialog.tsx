// "Archivia…": the chosen messages, a folder, or everything dated before a day, as a .zip of .eml
// files byte-exact with a SHA-256 manifest, written into a folder the main process lets the user
// choose. The archive is read back and checked before anything is removed from the server, and
// only when the user asks for it. A progress bar and Cancel while it runs. Below, importing an
// archive (or an .eml) back into "Importati".
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveImportView, ArchiveProgressEvent, ArchiveReportView } from '../../../shared/api-keeping';
import type { FolderView } from '../../../shared/api-values';
import { api, onEvent } from '../../api';
import { Dialog, DialogActions } from '../../components/Dialog';
import { apiErrorText } from '../../i18n/api-error';
import { toBase64 } from '../shell/openFiles';
import './keeping.css';

/** What the dialog was opened on: a folder (its context menu), the selected message (the toolbar), or nothing (the menu). */
export interface ArchiveTarget {
  folder: Pick<FolderView, 'id' | 'name'> | null;
  messageIds: number[];
}

type Scope = 'selected' | 'folder' | 'older';

/** The archive dialog. */
export function ArchiveDialog({ target, onClose }: { target: ArchiveTarget; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>(target.folder ? 'folder' : target.messageIds.length ? 'selected' : 'older');
  const [before, setBefore] = useState('');
  const [remove, setRemove] = useState(false);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ArchiveProgressEvent | null>(null);
  const [report, setReport] = useState<ArchiveReportView | null>(null);
  const [imported, setImported] = useState<ArchiveImportView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => onEvent((event) => event.type === 'archive-progress' && setProgress(event)), []);

  const ready = scope === 'older' ? before !== '' : true;
  const archive = async () => {
    setError(null);
    setReport(null);
    const chosen = await api.chooseFolder({});
    if (!chosen.ok) return setError(apiErrorText(t, chosen.error));
    if (!chosen.value) return;
    setRunning(true);
    setProgress(null);
    const date = before || undefined;
    const res = await api.archiveMessages({
      scope: scope === 'selected' ? { messageIds: target.messageIds } : scope === 'folder' ? { folderId: target.folder?.id, before: date } : { before: date },
      folder: chosen.value.token,
      removeFromServer: remove,
    });
    setRunning(false);
    if (res.ok) setReport(res.value);
    else setError(apiErrorText(t, res.error));
  };

  const importFile = async (file: File) => {
    setError(null);
    setImported(null);
    setRunning(true);
    setProgress(null);
    const res = await api.importArchive({ name: file.name, dataBase64: await toBase64(file) });
    setRunning(false);
    if (res.ok) setImported(res.value);
    else setError(apiErrorText(t, res.error));
  };

  return (
    <Dialog title={t('keeping.archive.title')} onClose={running ? () => void api.cancelArchive({}) : onClose}>
      <div className="archive-dialog" data-testid="archive-dialog">
        <fieldset disabled={running}>
          <legend>{t('keeping.archive.what')}</legend>
          {target.messageIds.length > 0 && (
            <label>
              <input type="radio" name="archive-scope" checked={scope === 'selected'} onChange={() => setScope('selected')} />
              {t('keeping.archive.selected', { count: target.messageIds.length })}
            </label>
          )}
          {target.folder && (
            <label>
              <input type="radio" name="archive-scope" checked={scope === 'folder'} onChange={() => setScope('folder')} />
              {t('keeping.archive.folder', { folder: target.folder.name })}
            </label>
          )}
          <label>
            <input type="radio" name="archive-scope" checked={scope === 'older'} onChange={() => setScope('older')} />
            {t('keeping.archive.older')}
          </label>
          {scope !== 'selected' && (
            <label className="field">
              <span>{t(scope === 'older' ? 'keeping.archive.beforeRequired' : 'keeping.archive.beforeOptional')}</span>
              <input type="date" value={before} onChange={(e) => setBefore(e.target.value)} data-testid="archive-before" />
            </label>
          )}
          <label>
            <input type="checkbox" checked={remove} onChange={(e) => setRemove(e.target.checked)} data-testid="archive-remove" />
            {t('keeping.archive.remove')}
          </label>
          {remove && <p className="notice notice-warn">{t('keeping.archive.removeHint')}</p>}
        </fieldset>
        {running && (
          <div className="archive-progress" data-testid="archive-progress">
            <progress max={progress?.total || undefined} value={progress?.total ? progress.done : undefined} />
            <span>{progress ? t(`keeping.archive.phase.${progress.phase}`, { done: progress.done, total: progress.total }) : t('common.loading')}</span>
            <button type="button" onClick={() => void api.cancelArchive({})}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        {report && (
          <p className="notice notice-ok" role="status" data-testid="archive-report">
            {t('keeping.archive.done', { file: report.fileName, messages: report.messages, receipts: report.receipts })}
            {report.removed > 0 && ` ${t('keeping.archive.removed', { count: report.removed })}`}
            {report.notRemoved.map((n) => ` ${t('keeping.archive.notRemoved', { folder: n.folder, reason: n.reason })}`).join('')}
          </p>
        )}
        <DialogActions error={error} leave={{ label: t('common.close'), onClick: onClose, disabled: running }}>
          <button type="button" className="primary" disabled={running || !ready} onClick={() => void archive()} data-testid="archive-start">
            {t('keeping.archive.start')}
          </button>
        </DialogActions>
        <section className="archive-import">
          <h3>{t('keeping.archive.importTitle')}</h3>
          <p>{t('keeping.archive.importHint')}</p>
          <input
            type="file"
            accept=".zip,.eml"
            disabled={running}
            data-testid="archive-import-input"
            aria-label={t('keeping.archive.importTitle')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          {imported && (
            <p className={imported.failed.length || imported.changed.length ? 'notice notice-warn' : 'notice notice-ok'} role="status" data-testid="archive-import-report">
              {t('keeping.archive.imported', { stored: imported.stored, already: imported.alreadyPresent, sent: imported.sent })}
              {imported.changed.length > 0 && ` ${t('keeping.archive.changed', { files: imported.changed.join(', ') })}`}
              {imported.failed.map((f) => ` ${f.name}: ${f.reason}.`).join('')}
            </p>
          )}
        </section>
      </div>
    </Dialog>
  );
}
