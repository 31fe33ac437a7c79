// The per-recipient queue in SQLite and its state machine (types.ts RecipientState). Every step is
// committed before the next one starts, so a process killed at any instant leaves each recipient in
// a state that says what is known about it:
//   pending → preparing   Message-ID and exact bytes stored (and recordSent, status queued);
//                         many rows at once, their files fsynced side by side (storeFiles)
//   preparing → submitting  committed BEFORE the SMTP transaction starts, with its start time
//   submitting → submitted | failed | retry-wait   the provider's answer
//   submitting → preparing  only through reconciliation (reconcile.ts) or a refused login
// A row left in 'submitting' by a crash is therefore the only doubtful one, and reconcile.ts
// decides it before it is ever sent again. Each commit notes the rows it moved and their campaigns
// on the store's ChangeTracker (through repo.write): the UI follows the queue on the change stream.
import type Database from 'better-sqlite3';
import type { RecipientState } from '../../../shared/api-send-values';
import type { SendFailureValues } from '../../../shared/send-failure-texts';
import { sha256Hex } from '../rawStore';
import type { ReceiptsStore, StoreLifecycle } from '../roles';
import type { NewSentMessage } from '../types';
import type { CampaignRepo } from './campaign-repo';

/** A queue row as the runner works with it. */
export interface QueueRow {
  id: number;
  campaignId: number;
  address: string;
  name: string | null;
  fields: Record<string, string>;
  state: RecipientState;
  messageId: string | null;
  sentMessageId: number | null;
  attempts: number;
  submittingMs: number | null;
}

/**
 * Why a row was not submitted, as stored on it: error_code, error (`reason`, Italian words, for
 * logs, the CLI and the evidence report) and error_values (`values`: the catalog text and its values
 * the window words in its own language, src/shared/send-failure-texts.ts). Without values (a reason
 * no text words yet) the row is shown with its reason, like the rows stored before migration 20.
 */
export interface StoredFailure {
  code: string;
  reason: string;
  values?: SendFailureValues;
}

/** What became of one SMTP transaction (or of a reconciliation). */
export type Outcome =
  | { id: number; kind: 'submitted' }
  | ({ id: number; kind: 'failed' } & StoredFailure)
  | ({ id: number; kind: 'retry'; at: number } & StoredFailure)
  /** Not sent after all: back to its stored bytes, to be submitted again as they are. */
  | ({ id: number; kind: 'unsent' } & StoredFailure);

/** A pending row's message as built: its id, bytes and sent_messages record, or why it cannot be built. */
export type BuiltRow =
  | { id: number; ok: true; messageId: string; raw: Buffer; sent: NewSentMessage; sha256?: string }
  | ({ id: number; ok: false } & StoredFailure);

/** error_values as stored: JSON, or NULL for a failure without values. */
const valuesColumn = (f: StoredFailure): string | null => (f.values ? JSON.stringify(f.values) : null);

/**
 * A failure of the store's own (writing the message's file, recording it): its code is a text of
 * the catalog, the system's message its value; the reason stays that message, and the view words it.
 */
const storeFailure = (code: 'raw-write-failed' | 'invalid-message-id' | 'invalid-recipient' | 'no-recipients', detail: string): StoredFailure => ({
  code,
  reason: detail,
  values: { text: code, params: { detail } },
});

/** How many recent accepted messages the observed acceptance delay looks at. */
const ACCEPTANCE_SAMPLE = 100;

type RawQueueRow = Omit<QueueRow, 'fields'> & { fields: string };

const queueColumns = `r.id, r.campaign_id AS campaignId, r.address, r.name, r.fields, r.state, r.message_id AS messageId,
  r.sent_message_id AS sentMessageId, r.attempts, r.submitting_ms AS submittingMs`;

const toQueueRow = (r: RawQueueRow): QueueRow => ({ ...r, fields: JSON.parse(r.fields) as Record<string, string> });

/** A queue row an UPDATE moved, as its RETURNING gives it. */
type Moved = { id: number; campaignId: number };

// What every step's UPDATE returns: the commit notes the rows it moved and their campaigns from
// these, without a query of its own after the steps (one more statement in every commit of a burst).
const movedRow = 'RETURNING id, campaign_id AS campaignId';

/** The rows one commit moved and their campaigns, to note on the change stream. */
class Moves {
  readonly rows: number[] = [];
  readonly campaigns = new Set<number>();

  /** Adds what an UPDATE returned; true when it moved a row. */
  add(row: Moved | undefined): boolean {
    if (!row) return false;
    this.rows.push(row.id);
    this.campaigns.add(row.campaignId);
    return true;
  }
}

/** Prepared statements of the queue over one store. */
export class RecipientQueue {
  private readonly claimableRows: Database.Statement<{ accountId: number; now: number; limit: number }, RawQueueRow>;
  private readonly pendingRows: Database.Statement<{ accountId: number; limit: number }, RawQueueRow>;
  private readonly submittingRows: Database.Statement<[number], RawQueueRow>;
  private readonly nextRetry: Database.Statement<[number], { at: number | null }>;
  private readonly rawOf: Database.Statement<[number], { raw: Buffer | null; sentMessageId: number | null }>;
  private readonly setPrepared: Database.Statement<[string, string, number, number], Moved>;
  private readonly setBuildFailed: Database.Statement<[string, string, string | null, number], Moved>;
  private readonly setSubmitting: Database.Statement<[number, number], Moved>;
  private readonly insertAttempt: Database.Statement<[number, number]>;
  private readonly setSubmitted: Database.Statement<[number, string, number], Moved & { sentMessageId: number | null }>;
  private readonly setFailed: Database.Statement<[string, string, string | null, number], Moved & { sentMessageId: number | null }>;
  private readonly setRetry: Database.Statement<[number, string, string, string | null, number], Moved>;
  private readonly setUnsent: Database.Statement<[string, string, string | null, number], Moved>;
  private readonly stateOf: Database.Statement<[number], { state: RecipientState }>;
  private readonly cancelRows: Database.Statement<[number], { id: number; sentMessageId: number | null }>;
  private readonly anyUnfinished: Database.Statement<[number], { found: number }>;
  private readonly history: Database.Statement<[number, number], { at: number }>;
  private readonly prune: Database.Statement<[number]>;
  private readonly accountsWithWork: Database.Statement<[], { accountId: number }>;
  private readonly acceptanceDelay: Database.Statement<[number], { ms: number | null }>;

  constructor(
    db: Database.Database,
    private readonly store: Pick<ReceiptsStore, 'storeSentRaw' | 'readSentRaw' | 'recordSent' | 'setSentStatus'> & Pick<StoreLifecycle, 'deferSync'>,
    private readonly repo: CampaignRepo,
  ) {
    this.acceptanceDelay = db.prepare(
      `SELECT max(max(0, (julianday(x.timestamp) - 2440587.5) * 86400000 - r.submitting_ms)) AS ms
       FROM (SELECT r.sent_message_id, r.submitting_ms FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
             WHERE c.account_id = ? AND r.state = 'submitted' AND r.submitting_ms IS NOT NULL
             ORDER BY r.submitting_ms DESC LIMIT ${ACCEPTANCE_SAMPLE}) r
       JOIN receipts x ON x.sent_message_id = r.sent_message_id AND x.type = 'accettazione' AND x.timestamp IS NOT NULL`,
    );
    // The queue's reads go from the account's few campaigns to their rows in one state through the
    // (campaign_id, state) index, already in id order: CROSS JOIN fixes that order (SQLite never
    // reorders it). Left to the planner, with the statistics of a campaign created all 'pending',
    // it walked every recipient of the campaign (the ORDER BY's index) for the few prepared ones,
    // before every launch of a bulk send. Claimable rows: each state on its own, at most `limit`
    // rows of each, so nothing is sorted but those.
    const claimableOf = (state: string) =>
      `SELECT ${queueColumns} FROM campaigns c CROSS JOIN campaign_recipients r
       WHERE r.campaign_id = c.id AND c.account_id = @accountId AND c.state = 'sending' AND ${state}
       ORDER BY c.id, r.id LIMIT @limit`;
    this.claimableRows = db.prepare(
      `SELECT * FROM (${claimableOf(`r.state = 'preparing'`)})
       UNION ALL SELECT * FROM (${claimableOf(`r.state = 'retry-wait' AND r.next_attempt_ms <= @now`)})
       ORDER BY campaignId, id LIMIT @limit`,
    );
    this.pendingRows = db.prepare(
      `SELECT ${queueColumns} FROM campaigns c CROSS JOIN campaign_recipients r
       WHERE r.campaign_id = c.id AND c.account_id = @accountId AND c.state = 'sending' AND r.state = 'pending'
       ORDER BY c.id, r.id LIMIT @limit`,
    );
    // Whatever the campaign's state: a paused or cancelled campaign's doubtful rows must be decided too.
    this.submittingRows = db.prepare(
      `SELECT ${queueColumns} FROM campaigns c CROSS JOIN campaign_recipients r
       WHERE r.campaign_id = c.id AND c.account_id = ? AND r.state = 'submitting' ORDER BY r.id`,
    );
    this.nextRetry = db.prepare(
      `SELECT min(r.next_attempt_ms) AS at FROM campaigns c CROSS JOIN campaign_recipients r
       WHERE r.campaign_id = c.id AND c.account_id = ? AND c.state = 'sending' AND r.state = 'retry-wait'`,
    );
    this.rawOf = db.prepare('SELECT raw, sent_message_id AS sentMessageId FROM campaign_recipients WHERE id = ?');
    // The bytes themselves are in the raw store (recordSent filed them): the row keeps their SHA-256.
    this.setPrepared = db.prepare(
      `UPDATE campaign_recipients SET state = 'preparing', message_id = ?, raw_sha256 = ?, sent_message_id = ?
       WHERE id = ? AND state = 'pending' ${movedRow}`,
    );
    this.setBuildFailed = db.prepare(`UPDATE campaign_recipients SET state = 'failed', error_code = ?, error = ?, error_values = ? WHERE id = ? AND state = 'pending' ${movedRow}`);
    this.setSubmitting = db.prepare(
      `UPDATE campaign_recipients SET state = 'submitting', submitting_ms = ?, attempts = attempts + 1, next_attempt_ms = NULL
       WHERE id = ? AND state IN ('preparing', 'retry-wait')
         AND (SELECT state FROM campaigns WHERE campaigns.id = campaign_recipients.campaign_id) = 'sending' ${movedRow}`,
    );
    this.insertAttempt = db.prepare('INSERT INTO send_attempts (account_id, at_ms) VALUES (?, ?)');
    this.setSubmitted = db.prepare(
      `UPDATE campaign_recipients SET state = 'submitted', submitted_ms = ?, submitted_at = ?, error_code = NULL, error = NULL, error_values = NULL
       WHERE id = ? AND state = 'submitting' ${movedRow}, sent_message_id AS sentMessageId`,
    );
    this.setFailed = db.prepare(
      `UPDATE campaign_recipients SET state = 'failed', error_code = ?, error = ?, error_values = ? WHERE id = ? AND state = 'submitting' ${movedRow}, sent_message_id AS sentMessageId`,
    );
    this.setRetry = db.prepare(
      `UPDATE campaign_recipients SET state = 'retry-wait', next_attempt_ms = ?, error_code = ?, error = ?, error_values = ? WHERE id = ? AND state = 'submitting' ${movedRow}`,
    );
    this.setUnsent = db.prepare(`UPDATE campaign_recipients SET state = 'preparing', error_code = ?, error = ?, error_values = ? WHERE id = ? AND state = 'submitting' ${movedRow}`);
    this.stateOf = db.prepare('SELECT state FROM campaign_recipients WHERE id = ?');
    this.cancelRows = db.prepare(
      `UPDATE campaign_recipients SET state = 'cancelled', next_attempt_ms = NULL
       WHERE campaign_id = ? AND state IN ('pending', 'preparing', 'retry-wait') RETURNING id, sent_message_id AS sentMessageId`,
    );
    // Asked after every commit of a sending campaign: EXISTS stops at the first row, where a count
    // walked every unfinished row of a 1,000-recipient campaign each time.
    this.anyUnfinished = db.prepare(
      `SELECT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = ? AND state IN ('pending', 'preparing', 'submitting', 'retry-wait')) AS found`,
    );
    this.history = db.prepare('SELECT at_ms AS at FROM send_attempts WHERE account_id = ? AND at_ms > ? ORDER BY at_ms');
    this.prune = db.prepare('DELETE FROM send_attempts WHERE at_ms < ?');
    this.accountsWithWork = db.prepare(
      `SELECT DISTINCT c.account_id AS accountId FROM campaigns c
       WHERE c.account_id IS NOT NULL AND (c.state = 'sending'
         OR EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.state = 'submitting'))`,
    );
  }

  /**
   * The longest delay between the start of a submission and its accettazione among the account's
   * last ACCEPTANCE_SAMPLE accepted messages, or null when none has one yet. The accettazione's
   * time is the provider's (daticert, to the second): a negative delay (clock skew, or the first
   * copy of a resend) counts as none.
   */
  acceptanceDelayMs(accountId: number): number | null {
    return this.acceptanceDelay.get(accountId)?.ms ?? null;
  }

  /** Prepared rows of the account's sending campaigns that may be submitted now (their bytes are stored), oldest campaign first. */
  claimable(accountId: number, now: number, limit: number): QueueRow[] {
    return this.claimableRows.all({ accountId, now, limit }).map(toQueueRow);
  }

  /** Rows of the account's sending campaigns whose message is not built yet, oldest campaign first. */
  pending(accountId: number, limit: number): QueueRow[] {
    return this.pendingRows.all({ accountId, limit }).map(toQueueRow);
  }

  /**
   * Puts the bytes of built messages in the raw store, in one pack fsynced with its folder (one
   * wait and one fsync for the batch, not one per message); if the pack cannot be written, every
   * message of the batch fails with the reason. The rows are committed afterwards (commit's `built`).
   */
  async storeFiles(built: BuiltRow[]): Promise<BuiltRow[]> {
    const ok = built.filter((b) => b.ok);
    const files = await this.store.storeSentRaw(ok.map((b) => b.raw));
    const byId = new Map(ok.map((b, i) => [b.id, files[i]]));
    return built.map((b): BuiltRow => {
      const file = byId.get(b.id);
      if (!b.ok || !file) return b;
      if (!file.ok) return { id: b.id, ok: false, ...storeFailure(file.code, file.detail) };
      return { ...b, sha256: file.sha256, sent: { ...b.sent, raw: null, rawSha256: file.sha256, rawPacked: file.packed } };
    });
  }

  /** Rows whose last SMTP transaction has no known outcome. */
  submitting(accountId: number): QueueRow[] {
    return this.submittingRows.all(accountId).map(toQueueRow);
  }

  /** When the earliest throttled row may be tried again, or null. */
  nextRetryAt(accountId: number): number | null {
    return this.nextRetry.get(accountId)?.at ?? null;
  }

  /** The stored bytes of a prepared row (checked against their SHA-256), or why they cannot be read. */
  raw(id: number): { ok: true; raw: Buffer } | { ok: false; detail: string } {
    const row = this.rawOf.get(id);
    // Rows prepared before sent messages went to the raw store hold their bytes themselves.
    if (row?.raw) return { ok: true, raw: row.raw };
    const read = row?.sentMessageId == null ? null : this.store.readSentRaw(row.sentMessageId);
    if (!read) return { ok: false, detail: `recipient ${id} has no stored message` };
    return read.ok ? read : { ok: false, detail: read.detail };
  }

  /** The sent_messages row of a prepared recipient, or null. */
  sentMessageIdOf(id: number): number | null {
    return this.rawOf.get(id)?.sentMessageId ?? null;
  }

  /** Accounts with a sending campaign or a doubtful row: the ones that need a runner after a restart. */
  accountsNeedingWork(): number[] {
    return this.accountsWithWork.all().map((r) => r.accountId);
  }

  /** Start times of the account's SMTP transactions since `since`. */
  attemptsSince(accountId: number, since: number): number[] {
    return this.history.all(accountId, since).map((r) => r.at);
  }

  /**
   * One commit, before any of `claim` goes to SMTP:
   *  - built messages: the exact bytes and Message-ID in the queue row and a sent_messages row
   *    (status queued) so receipts link to it, together, so a crash cannot leave a sent message
   *    the queue does not know (it would count in the campaign's D); rows that could not be
   *    built fail with the reason;
   *  - the answers received since the last commit;
   *  - `claim` marked submitting, with the transaction start time for the rate limit.
   * Returns the rows actually prepared and claimed, and when the commit is on disk: only claimed
   * ones may be submitted, and not before `durable` resolves (the commit does not wait for the
   * disk itself, so the thread keeps serving the connections meanwhile: Store.deferSync).
   */
  commit(
    step: { built?: BuiltRow[]; outcomes?: Outcome[]; claim?: number[] },
    accountId: number,
    now: number,
    nowIso: string,
  ): { prepared: Set<number>; claimed: Set<number>; durable: Promise<void> } {
    const { value, durable } = this.store.deferSync(() => this.write(step, accountId, now, nowIso));
    return { ...value, durable };
  }

  private write(
    step: { built?: BuiltRow[]; outcomes?: Outcome[]; claim?: number[] },
    accountId: number,
    now: number,
    nowIso: string,
  ): { prepared: Set<number>; claimed: Set<number> } {
    return this.repo.write(() => {
      const moved = new Moves();
      const prepared = new Set<number>();
      for (const r of step.built ?? []) if (this.storeBuilt(r, moved)) prepared.add(r.id);
      for (const o of step.outcomes ?? []) this.settleOne(o, now, nowIso, moved);
      const claimed = new Set<number>();
      for (const id of step.claim ?? []) {
        if (!moved.add(this.setSubmitting.get(now, id))) continue;
        this.insertAttempt.run(accountId, now);
        claimed.add(id);
      }
      // The rows that moved, and their campaigns (whose counts moved with them).
      if (moved.rows.length) {
        this.repo.noteRecipients(moved.rows);
        this.repo.noteChanged(moved.campaigns);
      }
      return { prepared, claimed };
    });
  }

  /** Records a built row; true when it is now 'preparing'. */
  private storeBuilt(r: BuiltRow, moved: Moves): boolean {
    // Cancelled while it was being built: no sent_messages row for a message that will never go.
    if (this.stateOf.get(r.id)?.state !== 'pending') return false;
    if (!r.ok) {
      moved.add(this.setBuildFailed.get(r.code, r.reason, valuesColumn(r), r.id));
      return false;
    }
    const recorded = this.store.recordSent(r.sent);
    if (!recorded.ok) {
      moved.add(this.setBuildFailed.get(recorded.code, recorded.detail, valuesColumn(storeFailure(recorded.code, recorded.detail)), r.id));
      return false;
    }
    return moved.add(this.setPrepared.get(r.messageId, r.sha256 ?? sha256Hex(r.raw), recorded.sentMessageId, r.id));
  }

  private settleOne(o: Outcome, now: number, nowIso: string, moved: Moves): void {
    // The row's sent message comes back from the UPDATE itself (no row: it was not 'submitting').
    if (o.kind === 'submitted') {
      const row = this.setSubmitted.get(now, nowIso, o.id);
      if (moved.add(row) && row!.sentMessageId !== null) this.store.setSentStatus(row!.sentMessageId, 'submitted');
    } else if (o.kind === 'failed') {
      const row = this.setFailed.get(o.code, o.reason, valuesColumn(o), o.id);
      if (moved.add(row) && row!.sentMessageId !== null) this.store.setSentStatus(row!.sentMessageId, 'submit-failed');
    } else if (o.kind === 'retry') {
      moved.add(this.setRetry.get(o.at, o.code, o.reason, valuesColumn(o), o.id));
    } else {
      moved.add(this.setUnsent.get(o.code, o.reason, valuesColumn(o), o.id));
    }
  }

  /** Cancels what was not sent; rows being submitted are left to finish. Returns how many. */
  cancel(campaignId: number): number {
    return this.repo.write(() => {
      const cancelled = this.cancelRows.all(campaignId);
      this.repo.noteRecipients(cancelled.map((r) => r.id));
      this.repo.noteChanged([campaignId]);
      // A built message that will never leave: its sent_messages row must not stay 'queued'.
      for (const r of cancelled) if (r.sentMessageId !== null) this.store.setSentStatus(r.sentMessageId, 'submit-failed');
      return cancelled.length;
    });
  }

  /** Whether any row is not yet in a final submission state. */
  hasUnfinished(campaignId: number): boolean {
    return this.anyUnfinished.get(campaignId)!.found === 1;
  }

  /** Forgets transaction times older than `before` (the rate limit looks back one hour). */
  pruneAttempts(before: number): void {
    this.prune.run(before);
  }
}
