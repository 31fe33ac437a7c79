// What the services write to the app's log: the events someone needs to read after a problem
// (sync failures and retries, send problems, failed recipients and campaigns). Codes, ids, hosts
// and the plain error words only: message subjects, bodies and passwords never reach these events'
// fields, and addresses of recipients are left out (the recipient id finds them in the app).
// The send queue's steps are read from the store's change stream, as the UI reads them; the send
// engine's notices (a runner's trouble) come from the engine.
import type { AppLog } from './diagnostics';
import type { SendEngine } from './send';
import type { MailSync } from './services';
import type { CampaignsStore, StoreChange, StoreLifecycle } from './store';

/** Where the log reads the send queue's steps. */
export type SendQueueSource = Pick<StoreLifecycle, 'onChange'> & Pick<CampaignsStore, 'campaigns' | 'campaignRecipients'>;

/** Subscribes the log to the sync and send events and the queue's changes; returns the unsubscribe function. */
export function logServiceEvents(log: AppLog, mail: Pick<MailSync, 'onEvent'>, send: Pick<SendEngine, 'onNotice'>, queue: SendQueueSource): () => void {
  const offMail = mail.onEvent((event) => {
    if (event.kind === 'status') {
      const s = event.status;
      if (s.state === 'retrying' || s.state === 'stopped') {
        log.write('warn', 'sync', { account: s.accountId, state: s.state, code: s.code, retryInMs: s.retryInMs, message: s.message });
      }
    } else if (event.kind === 'result') {
      const result = event.result;
      if (!result.ok) return log.write('error', 'sync-failed', { account: event.accountId, code: result.code, detail: result.detail });
      const failed = result.folders.filter((f) => f.error);
      for (const folder of failed) log.write('warn', 'sync-folder-failed', { account: event.accountId, folder: folder.path, code: folder.error?.code, detail: folder.error?.detail });
    }
  });
  const offSend = send.onNotice((notice) => {
    if (notice.kind === 'problem') log.write('warn', 'send-problem', { account: notice.accountId, code: notice.code, retryInMs: notice.retryInMs, detail: notice.detail });
  });
  const offQueue = queue.onChange(queueSteps(log, queue));
  return () => {
    offMail();
    offSend();
    offQueue();
  };
}

/** Logs a campaign's state each time it changes, and each recipient whose submission failed, once. */
function queueSteps(log: AppLog, queue: SendQueueSource): (changes: StoreChange[]) => void {
  const states = new Map(queue.campaigns.list().map((row) => [row.id, `${row.state} ${row.stateDetail ?? ''}`]));
  const failed = new Set<number>();
  return (changes) => {
    for (const change of changes) {
      if (change.entity === 'campaign_recipients') {
        for (const r of queue.campaignRecipients.failedAmong(change.ids)) {
          if (failed.has(r.id)) continue;
          failed.add(r.id);
          log.write('warn', 'send-recipient-failed', { campaign: r.campaignId, recipient: r.id, error: r.error });
        }
      } else if (change.entity === 'campaigns') {
        for (const id of change.ids) {
          const row = queue.campaigns.get(id);
          if (!row) continue;
          const key = `${row.state} ${row.stateDetail ?? ''}`;
          if (states.get(id) === key) continue;
          states.set(id, key);
          log.write('info', 'campaign', { campaign: id, state: row.state, detail: row.stateDetail });
        }
      }
    }
  };
}
