// Send tasks: a single PEC enqueued in the send queue (migration 14). The message is built and its
// bytes fsynced in the raw store before this runs; one transaction then records the sent message
// (status queued, so receipts link to it from the first moment), the task (a campaigns row of kind
// 'single', state 'sending', with the SMTP envelope) and its one queue row, already 'preparing': the
// runner (send/runner.ts) claims it like any bulk-send recipient. Nothing is lost between the
// composer's Invia and the provider's answer, and a crash mid-send is reconciled, never sent twice.
import type Database from 'better-sqlite3';
import type { ChangeTracker } from './changes';
import type { RecordSentResult } from './sent';
import type { NewSendTask, NewSentMessage, SendTaskRow } from './types';
import { nowIso } from './values';

/** Outcome of enqueueing: the task and its sent message, or why it could not be recorded. */
export type EnqueueResult =
  | { ok: true; taskId: number; recipientId: number; sentMessageId: number }
  | { ok: false; code: string; detail: string };

/** The single-PEC tasks of the send queue. */
export class SendTasks {
  private readonly insertTask: Database.Statement<[number, string, string, string, string], { id: number }>;
  private readonly insertRow: Database.Statement<[number, string, string, string, number], { id: number }>;
  private readonly bySent: Database.Statement<[number], SendTaskRow>;
  private readonly byTask: Database.Statement<[number], SendTaskRow>;
  private readonly copiesDue: Database.Statement<[], SendTaskRow>;
  private readonly setSentCopy: Database.Statement<[string, number]>;

  constructor(
    private readonly db: Database.Database,
    private readonly changes: ChangeTracker,
    private readonly recordSent: (input: NewSentMessage) => RecordSentResult,
  ) {
    this.insertTask = db.prepare(
      `INSERT INTO campaigns (account_id, subject, state, created_at, started_at, kind, envelope, sent_copy)
       VALUES (?, ?, 'sending', ?, ?, 'single', ?, 'pending') RETURNING id`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO campaign_recipients (campaign_id, address, state, message_id, raw_sha256, sent_message_id)
       VALUES (?, ?, 'preparing', ?, ?, ?) RETURNING id`,
    );
    const select = `SELECT c.id AS taskId, c.state AS taskState, c.state_detail AS stateDetail, r.id AS recipientId,
         r.sent_message_id AS sentMessageId, r.message_id AS messageId, r.state, r.attempts,
         r.next_attempt_ms AS nextAttemptMs, r.error_code AS errorCode, r.error, r.error_values AS errorValues
       FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id`;
    this.bySent = db.prepare(`${select} WHERE r.sent_message_id = ? AND c.kind = 'single'`);
    this.byTask = db.prepare(`${select} WHERE c.id = ? AND c.kind = 'single'`);
    this.copiesDue = db.prepare(`${select} WHERE c.sent_copy = 'pending' AND r.state = 'submitted' ORDER BY c.id`);
    this.setSentCopy = db.prepare("UPDATE campaigns SET sent_copy = ? WHERE id = ? AND sent_copy = 'pending'");
  }

  /** Records the sent message, the task and its queue row in one commit; a refusal leaves nothing behind. */
  enqueue(input: NewSendTask): EnqueueResult {
    try {
      return this.write(input);
    } catch (err) {
      if (err instanceof EnqueueRefused) return { ok: false, code: err.code, detail: err.message };
      throw err;
    }
  }

  private write(input: NewSendTask): EnqueueResult {
    const { envelope } = input;
    if (envelope.length === 0) return { ok: false, code: 'no-recipients', detail: 'a PEC needs at least one recipient' };
    return this.changes.write((): EnqueueResult => {
      const at = nowIso();
      const task = this.insertTask.get(input.accountId, input.subject, at, at, JSON.stringify(envelope))!.id;
      const recorded = this.recordSent({
        messageId: input.messageId,
        accountId: input.accountId,
        subject: input.subject,
        from: input.from,
        to: input.to,
        cc: input.cc,
        rawSha256: input.rawSha256,
        rawPacked: input.rawPacked,
        status: 'queued',
      });
      if (!recorded.ok) throw new EnqueueRefused(recorded.code, recorded.detail);
      // A Message-ID already recorded would make two messages share one set of receipts.
      if (!recorded.created) throw new EnqueueRefused('duplicate-message-id', `the Message-ID ${input.messageId} was already sent`);
      const row = this.insertRow.get(task, envelope[0], input.messageId, input.rawSha256, recorded.sentMessageId)!.id;
      this.changes.note('campaigns', [task]);
      this.changes.note('campaign_recipients', [row]);
      return { ok: true, taskId: task, recipientId: row, sentMessageId: recorded.sentMessageId };
    });
  }

  /** The task of a sent message, or null when it was not sent as a single PEC through the queue. */
  ofSent(sentMessageId: number): SendTaskRow | null {
    return this.bySent.get(sentMessageId) ?? null;
  }

  /** A task by its id, or null when there is none (or it is a bulk send). */
  ofTask(taskId: number): SendTaskRow | null {
    return this.byTask.get(taskId) ?? null;
  }

  /** The tasks the provider took whose copy in the server's Sent folder is still to be made, oldest first. */
  sentCopiesDue(): SendTaskRow[] {
    return this.copiesDue.all();
  }

  /** Records that a task's Sent copy is on the server ('done') or that its account keeps none ('none'). */
  sentCopyMade(taskId: number, outcome: 'done' | 'none'): void {
    this.changes.write(() => {
      if (this.setSentCopy.run(outcome, taskId).changes) this.changes.note('campaigns', [taskId]);
    });
  }
}

/** Thrown inside the transaction so it rolls back whole. */
class EnqueueRefused extends Error {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}
