// "Elenco gestori PEC": the providers' index in force (date, providers, domains, source), in amber
// when none is imported or it was not checked for over 30 days; "Aggiorna" downloads it from the
// address below, "Importa file…" takes an .ldif (the system dialog in the app, a file input in the
// browser). While stored messages are re-checked against a new index a progress bar shows it.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api';
import type { ProviderIndexImportView } from '../../../shared/api-provider-index';
import { api, onEvent } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useAppInfo } from '../../hooks/useAppInfo';
import { apiErrorText } from '../../i18n/api-error';
import { formatFullDate } from '../../i18n/format';
import { toBase64 } from '../shell/openFiles';

type Busy = 'update' | 'import' | 'url' | null;

/** Progress of the re-check, from the main process's events; null when none is running. */
function useRecheckProgress(): { done: number; total: number } | null {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => onEvent((event) => event.type === 'provider-index-recheck' && setProgress(event.state === 'running' ? { done: event.done, total: event.total } : null)), []);
  return progress;
}

/** The dialog. */
export function ProviderIndexDialog({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  const status = useApiQuery(() => api.providerIndexStatus({}), [], ['providerIndex']);
  const progress = useRecheckProgress();
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const s = status.data;

  const run = async (kind: Busy, call: () => Promise<Result<ProviderIndexImportView | null>>) => {
    setBusy(kind);
    setMessage(null);
    const result = await call();
    setBusy(null);
    status.reload();
    if (!result.ok) return setMessage({ kind: 'error', text: apiErrorText(t, result.error) });
    const v = result.value;
    if (!v) return;
    setMessage({
      kind: 'ok',
      text: v.unchanged ? t('providerIndex.unchanged') : t('providerIndex.imported', { providers: v.info.providers, domains: v.info.domains, checked: v.checked, changed: v.changed }),
    });
  };
  const importFile = () => (info.nativeDialogs ? void run('import', () => api.providerIndexImportDialog({})) : input.current?.click());
  const saveUrl = async (value: string | null) => {
    setBusy('url');
    const result = await api.providerIndexSetUrl({ url: value });
    setBusy(null);
    if (!result.ok) return setMessage({ kind: 'error', text: apiErrorText(t, result.error) });
    setUrl(null);
    setMessage(null);
    status.reload();
  };

  return (
    <Dialog title={t('providerIndex.title')} onClose={onClose}>
      <div className="provider-index" data-testid="provider-index">
        <p className="muted">{t('providerIndex.intro')}</p>
        {s && (
          <>
            {s.stale && (
              <div className="notice notice-warn" role="status" data-testid="provider-index-stale">
                {s.info ? t('providerIndex.stale', { date: formatFullDate(s.checkedAt) }) : t('providerIndex.none')}
              </div>
            )}
            {s.info && (
              <dl className="provider-index-facts">
                <dt>{t('providerIndex.date')}</dt>
                <dd data-testid="provider-index-date">{formatFullDate(s.info.importedAt)}</dd>
                {s.checkedAt && s.checkedAt !== s.info.importedAt && (
                  <>
                    <dt>{t('providerIndex.checked')}</dt>
                    <dd>{formatFullDate(s.checkedAt)}</dd>
                  </>
                )}
                <dt>{t('providerIndex.providers')}</dt>
                <dd data-testid="provider-index-providers">{s.info.providers}</dd>
                <dt>{t('providerIndex.domains')}</dt>
                <dd data-testid="provider-index-domains">{s.info.domains}</dd>
                <dt>{t('providerIndex.source')}</dt>
                <dd className="provider-index-source">{s.info.source}</dd>
                <dt>{t('providerIndex.sha256')}</dt>
                <dd className="provider-index-source">
                  <code>{s.info.sha256}</code>
                </dd>
              </dl>
            )}
            {s.lastError && (
              <p className="problems" data-testid="provider-index-last-error">
                {t('providerIndex.lastError', { date: formatFullDate(s.lastAttemptAt), error: s.lastError })}
              </p>
            )}
            <label className="field">
              <span>{t('providerIndex.url')}</span>
              <input type="url" value={url ?? s.url} onChange={(e) => setUrl(e.target.value)} data-testid="provider-index-url" spellCheck={false} />
            </label>
            {url !== null && url !== s.url && (
              <div className="field-row">
                <button type="button" disabled={busy !== null} onClick={() => void saveUrl(url.trim() || null)}>
                  {t('providerIndex.saveUrl')}
                </button>
                <button type="button" disabled={busy !== null} onClick={() => setUrl(null)}>
                  {t('common.cancel')}
                </button>
              </div>
            )}
            {s.url !== s.defaultUrl && url === null && (
              <button type="button" className="link-button" disabled={busy !== null} onClick={() => void saveUrl(null)}>
                {t('providerIndex.defaultUrl')}
              </button>
            )}
          </>
        )}
        {status.error && <p className="problems">{apiErrorText(t, status.error)}</p>}
        {progress && (
          <div className="provider-index-progress" data-testid="provider-index-progress">
            <span>{t('providerIndex.rechecking', { done: progress.done, total: progress.total })}</span>
            {progress.total > 0 ? <progress max={progress.total} value={Math.min(progress.done, progress.total)} /> : <progress />}
          </div>
        )}
        {busy === 'update' && <p role="status">{t('providerIndex.downloading')}</p>}
        {message && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'notice notice-warn' : 'notice'} data-testid="provider-index-message">
            {message.text}
          </p>
        )}
        <input
          ref={input}
          type="file"
          hidden
          accept=".ldif,.txt,text/plain"
          data-testid="provider-index-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void run('import', async () => api.providerIndexUpload({ name: file.name, dataBase64: await toBase64(file) }));
          }}
        />
        <div className="dialog-actions">
          <button type="button" disabled={busy !== null} onClick={importFile}>
            {t('providerIndex.importFile')}
          </button>
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void run('update', () => api.providerIndexUpdate({}))}>
            {t('providerIndex.update')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
