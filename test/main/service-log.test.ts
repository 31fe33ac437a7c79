// What the services' failures leave in the log, fed through the real event types of the sync and
// send engines and a real store's change stream: codes, ids and error words, and never a
// recipient's address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLog } from '../../src/main/diagnostics';
import type { SendNotice } from '../../src/shared/api-send-values';
import { logServiceEvents } from '../../src/main/service-log';
import { openStore } from '../../src/main/store';
import type { SyncEvent } from '../../src/main/services';

/** The listener side of an engine: what logServiceEvents subscribes to, driven by the test. */
function source<E>() {
  const listeners = new Set<(event: E) => void>();
  return {
    onEvent(listener: (event: E) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event: E) => listeners.forEach((l) => l(event)),
    get listening() {
      return listeners.size;
    },
  };
}

test('sync retries, send problems, campaign states and failed recipients are logged with their codes; progress and successes are not', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-service-log-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const log = openLog(dir);
  const store = openStore(path.join(dir, 'store'));
  t.after(() => store.close());
  const saved = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec' });
  assert.ok(saved.ok);
  const campaignId = store.campaigns.create({
    accountId: saved.accountId, subject: 'Convocazione', text: 'Testo', html: null, attachments: [], receiptVariant: 'completa', zipAttachments: false, cc: [],
    recipients: [{ address: 'cliente.riservato@pec.beta.test', name: null, contactId: null, fields: {} }], duplicates: [],
  });
  const [recipient] = store.campaigns.recipients(campaignId);
  const mail = source<SyncEvent>();
  const send = source<SendNotice>();
  const stop = logServiceEvents(log, mail, { onNotice: send.onEvent }, store);

  mail.emit({ kind: 'progress', progress: { accountId: 1, folder: 'INBOX', done: 5, total: 10 } } as SyncEvent);
  mail.emit({ kind: 'status', status: { accountId: 1, state: 'retrying', code: 'auth-failed', message: 'Password rifiutata da imap.pec.test', retryInMs: 30_000 } });
  mail.emit({ kind: 'result', accountId: 2, result: { ok: true, folders: [] } });
  send.emit({ kind: 'problem', accountId: 1, code: 'throttled', detail: '421 too many messages', retryInMs: 60_000 });
  store.campaigns.setState(campaignId, 'sending', new Date().toISOString());
  const failed = store.sendQueue.commit({ built: [{ id: recipient.id, ok: false, code: 'rejected', reason: '550 mailbox unavailable' }] }, saved.accountId, Date.now(), new Date().toISOString());
  await failed.durable;
  stop();
  mail.emit({ kind: 'status', status: { accountId: 1, state: 'stopped', code: 'auth-failed', message: 'after stop' } });
  store.campaigns.setState(campaignId, 'cancelled', new Date().toISOString());

  const lines = log.tail(50).map((l) => l.split(' ').slice(1).join(' '));
  assert.deepEqual(lines, [
    'WARN sync account=1 state=retrying code=auth-failed retryInMs=30000 message="Password rifiutata da imap.pec.test"',
    'WARN send-problem account=1 code=throttled retryInMs=60000 detail="421 too many messages"',
    `INFO campaign campaign=${campaignId} state=sending detail=-`,
    `WARN send-recipient-failed campaign=${campaignId} recipient=${recipient.id} error="550 mailbox unavailable"`,
  ]);
  assert.equal(mail.listening + send.listening, 0, 'stop() unsubscribes');
});
