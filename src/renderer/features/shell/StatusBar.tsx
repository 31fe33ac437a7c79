// The status line: sync progress and errors per account, in plain words, from main-process events
// (from the accounts' last known sync state until the first event: a window opened or reloaded
// after a sync stopped still says why), and where the last PEC sent from a composer stands in the
// send queue (followed through the store).
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProgressEvent } from '../../../shared/api';
import type { AccountView, SendTaskView } from '../../../shared/api-values';
import { api, onEvent } from '../../api';
import { submissionFailureText } from '../campaign/failure-text';
import { onFollowedSend } from '../composer/send-outcome';
import { Icon } from '../../components/Icon';
import { QuotaStatus } from '../organize/QuotaStatus';
import { syncStateText } from './sync-problem';

/** The status line's words for each state of a PEC in the send queue. */
const STATUS_KEY: Record<SendTaskView['state'], 'queued' | 'submitted' | 'failed'> = {
  queued: 'queued', sending: 'queued', retry: 'queued', paused: 'queued', submitted: 'submitted', failed: 'failed', cancelled: 'failed',
};

/** The accounts' last known sync ends (failed, or done with something undone) as the events that reported them. */
function lastKnown(accounts: AccountView[]): Record<string, SyncProgressEvent> {
  const known: Record<string, SyncProgressEvent> = {};
  for (const { id, sync } of accounts) {
    if (sync.state !== 'error' && !(sync.state === 'idle' && sync.problem)) continue;
    known[id] = { type: 'sync-progress', accountId: id, state: sync.state === 'error' ? 'error' : 'done', folder: null, done: 0, total: 0, error: sync.error, problem: sync.problem };
  }
  return known;
}

/** The status bar. */
export function StatusBar(): ReactElement {
  const { t } = useTranslation();
  const [sync, setSync] = useState<Record<string, SyncProgressEvent>>({});
  const [send, setSend] = useState<SendTaskView | null>(null);
  useEffect(
    () =>
      onEvent((event) => {
        if (event.type === 'sync-progress') setSync((old) => ({ ...old, [event.accountId]: event }));
      }),
    [],
  );
  useEffect(() => {
    let current = true;
    void api.listAccounts({}).then((res) => {
      // An account's events, once any came, are newer than what it was known to be.
      if (current && res.ok) setSync((old) => ({ ...lastKnown(res.value), ...old }));
    });
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => onFollowedSend(({ view }) => setSend(view)), []);
  const running = Object.values(sync).filter((s) => s.state === 'running');
  const errors = Object.values(sync).filter((s) => s.state === 'error');
  // A sync that ended but left something undone (a folder, receipts to move, read marks).
  const undone = Object.values(sync).filter((s) => s.state === 'done' && s.problem);
  return (
    <footer className="statusbar" role="status" data-testid="statusbar">
      {running.map((s) => (
        <span key={s.accountId}>
          <Icon name="sync" className="spin" /> {s.folder === null ? t('sync.syncing') : t('status.syncing', { folder: s.folder, done: s.done, total: s.total })}
        </span>
      ))}
      {errors.map((s) => (
        <span key={s.accountId} className="bad">
          <Icon name="warning" /> {syncStateText(t, s)}
        </span>
      ))}
      {undone.map((s) => (
        <span key={s.accountId} className="warn" data-testid="sync-undone">
          <Icon name="warning" /> {syncStateText(t, s)}
        </span>
      ))}
      {running.length === 0 && errors.length === 0 && undone.length === 0 && <span>{t('status.ready')}</span>}
      <QuotaStatus />
      {send && <span className={STATUS_KEY[send.state] === 'failed' ? 'bad' : ''}>{t(`status.send.${STATUS_KEY[send.state]}`, { error: submissionFailureText(t, send) ?? '' })}</span>}
    </footer>
  );
}
