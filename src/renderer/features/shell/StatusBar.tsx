// The status line: sync progress and errors per account, in plain words, from main-process events.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendProgressEvent, SyncProgressEvent } from '../../../shared/api';
import { onEvent } from '../../api';
import { Icon } from '../../components/Icon';
import { QuotaStatus } from '../organize/QuotaStatus';

/** The status bar. */
export function StatusBar(): ReactElement {
  const { t } = useTranslation();
  const [sync, setSync] = useState<Record<string, SyncProgressEvent>>({});
  const [send, setSend] = useState<SendProgressEvent | null>(null);
  useEffect(
    () =>
      onEvent((event) => {
        if (event.type === 'sync-progress') setSync((old) => ({ ...old, [event.accountId]: event }));
        if (event.type === 'send-progress') setSend(event);
      }),
    [],
  );
  const running = Object.values(sync).filter((s) => s.state === 'running');
  const errors = Object.values(sync).filter((s) => s.state === 'error');
  return (
    <footer className="statusbar" role="status" data-testid="statusbar">
      {running.map((s) => (
        <span key={s.accountId}>
          <Icon name="sync" className="spin" /> {t('status.syncing', { folder: s.folder ?? '', done: s.done, total: s.total })}
        </span>
      ))}
      {errors.map((s) => (
        <span key={s.accountId} className="bad">
          <Icon name="warning" /> {s.error}
        </span>
      ))}
      {running.length === 0 && errors.length === 0 && <span>{t('status.ready')}</span>}
      <QuotaStatus />
      {send && <span className={send.state === 'failed' ? 'bad' : ''}>{t(`status.send.${send.state}`, { error: send.error ?? '' })}</span>}
    </footer>
  );
}
