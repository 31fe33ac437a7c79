// A recipient's failure as the queue stores it (migration 20): its code, its Italian words and its
// values. The campaign view hands the window the values and the report the Italian words; a row
// stored before the values has only its words, and shows them as they were stored (the window's
// side, failureText, is tested in test/renderer/features/campaign/failure-text.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { classifySendError } from '../../../src/main/mail/smtp';
import { sendTaskView } from '../../../src/main/api/send-task-view';
import { smtpFailure } from '../../../src/main/send/failure-words';
import { reportRows } from '../../../src/main/send/report';
import { CampaignViews } from '../../../src/main/send/views';
import type { Store } from '../../../src/main/store';
import { withStore } from '../store/helpers';

const ENGLISH = /\b(the|provider|refused|message|recipient|again|send|check|server)\b/i;
const BEFORE = 'The server refused the message at DATA: 554 5.7.1 old policy';

/** A campaign of two recipients whose submissions are in flight. */
function inFlight(store: Store): { accountId: number; campaignId: number; ids: number[] } {
  const saved = store.saveAccount({ name: 'Studio', address: 'studio@pec.alfa.test', kind: 'pec' });
  assert.ok(saved.ok);
  const campaignId = store.campaigns.create({
    accountId: saved.accountId, subject: 'Convocazione', text: 'Testo', html: null, attachments: [], receiptVariant: 'completa', zipAttachments: false, cc: [],
    recipients: [
      { address: 'uno@pec.beta.test', name: null, contactId: null, fields: {} },
      { address: 'due@pec.beta.test', name: null, contactId: null, fields: {} },
    ],
    duplicates: [],
  });
  const ids = store.campaigns.recipients(campaignId).map((r) => r.id);
  sql(store, `UPDATE campaign_recipients SET state = 'submitting' WHERE campaign_id = ?`, campaignId);
  return { accountId: saved.accountId, campaignId, ids };
}

function sql(store: Store, statement: string, ...params: unknown[]): void {
  const db = new Database(path.join(store.dir, 'pecdesk.sqlite'));
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

test('a refusal stored now crosses as values, and in Italian in the report; one stored before keeps its words', async () => {
  await withStore(async (store) => {
    const { accountId, campaignId, ids } = inFlight(store);
    // nodemailer's error for a message refused at DATA, read by the real classifier.
    const refused = classifySendError({ code: 'EMESSAGE', message: 'Message failed: 554 5.7.1 policy', response: '554 5.7.1 Message rejected by policy', responseCode: 554, command: 'DATA' }, { host: '127.0.0.1', port: 25 });
    assert.equal(refused.code, 'message-rejected');
    const now = Date.now();
    await store.sendQueue.commit({ outcomes: [{ id: ids[0], kind: 'failed', code: refused.code, ...smtpFailure(refused) }] }, accountId, now, new Date(now).toISOString()).durable;
    // A row failed by an earlier PecDesk: its code and its (English) words, no values.
    sql(store, `UPDATE campaign_recipients SET state = 'failed', error_code = 'message-rejected', error = ? WHERE id = ?`, BEFORE, ids[1]);

    const [now_, before] = new CampaignViews(store).recipients(campaignId, {}, now).rows;
    assert.equal(now_.errorText, 'message-rejected');
    assert.deepEqual(now_.errorParams, { command: 'DATA', reply: '554 5.7.1 Message rejected by policy' });
    assert.match(now_.error!, /^Il gestore ha rifiutato il messaggio \(al comando DATA\): «554 5\.7\.1 Message rejected by policy»\. Nessuno l’ha ricevuto/);

    // The evidence report's 'errore' column: Italian words, the server's reply inside as it came.
    const [row] = reportRows([{ line: now_, folder: '', note: '', receipts: '' }]);
    assert.equal(row[10], now_.error);
    assert.doesNotMatch(row[10].replace('554 5.7.1 Message rejected by policy', ''), ENGLISH);

    assert.equal(before.errorCode, 'message-rejected');
    assert.equal(before.errorText, null);
    assert.equal(before.errorParams, null);
    assert.equal(before.error, BEFORE, 'shown as it was stored');
    assert.equal(reportRows([{ line: before, folder: '', note: '', receipts: '' }])[0][10], BEFORE);
  });
});

test('a single PEC’s state words its failure from the values, and one stored before from its words', () => {
  const row = { taskId: 1, taskState: 'sending', stateDetail: null, recipientId: 1, sentMessageId: 1, messageId: 'm@x', state: 'failed', attempts: 1, nextAttemptMs: null, errorCode: 'reconciled' };
  const now = sendTaskView({ ...row, error: 'parole di allora', errorValues: JSON.stringify({ text: 'reconciled', params: {} }) });
  assert.equal(now.reason, 'Invio interrotto senza traccia presso il gestore: verrà ripetuto identico.');
  assert.equal(now.reasonText, 'reconciled');
  const before = sendTaskView({ ...row, error: BEFORE, errorValues: null });
  assert.deepEqual([before.reason, before.reasonText, before.reasonParams], [BEFORE, null, null]);
  // Values a later PecDesk wrote with a text this one does not know: its words, as stored.
  const later = sendTaskView({ ...row, error: BEFORE, errorValues: JSON.stringify({ text: 'some-new-text', params: {} }) });
  assert.equal(later.reason, BEFORE);
  assert.equal(later.reasonText, null);
});
