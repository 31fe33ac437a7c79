// What the services write to the app's log: the events someone needs to read after a problem
// (sync failures and retries, send problems, failed recipients and campaigns). Codes, ids, hosts
// and the plain error words only: message subjects, bodies and passwords never reach these events'
// fields, and addresses of recipients are left out (the recipient id finds them in the app).
import type { AppLog } from './diagnostics';
import type { SendEngine } from './send';
import type { MailSync } from './services';

/** Subscribes the log to the sync and send events; returns the unsubscribe function. */
export function logServiceEvents(log: AppLog, mail: Pick<MailSync, 'onEvent'>, send: Pick<SendEngine, 'onEvent'>): () => void {
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
  const offSend = send.onEvent((event) => {
    if (event.kind === 'problem') {
      log.write('warn', 'send-problem', { account: event.accountId, code: event.code, retryInMs: event.retryInMs, detail: event.detail });
    } else if (event.kind === 'recipient' && event.state === 'failed') {
      log.write('warn', 'send-recipient-failed', { campaign: event.campaignId, recipient: event.recipientId, error: event.error });
    } else if (event.kind === 'campaign') {
      log.write('info', 'campaign', { campaign: event.campaignId, state: event.state, detail: event.detail });
    }
  });
  return () => {
    offMail();
    offSend();
  };
}
