// What the campaign view reads of its recipients: each one's submission state joined with what the
// receipts linked by the store say (deliveries.status, kept in step by link.ts), who is late, and
// who was accepted twice. The send domain turns these rows into its RecipientView.
import type Database from 'better-sqlite3';
import type { RecipientState, RecipientStatus } from '../../../shared/api-send-values';
import type { ChangeTracker } from '../changes';

// A recipient whose message was submitted takes its delivery's status once a receipt speaks of it.
const statusSql = `CASE WHEN r.state <> 'submitted' THEN r.state
  WHEN d.status IN ('accepted', 'warning', 'delivered', 'error') THEN d.status ELSE 'submitted' END`;

// Late ("in ritardo"): submitted before the cutoff with neither a delivery receipt nor a final
// error. A preavviso di mancata consegna does not end it: the message may still arrive.
const overdueSql = `(r.state = 'submitted' AND r.submitted_ms <= @cutoff AND coalesce(d.status, 'pending') NOT IN ('delivered', 'error'))`;

// Each submission the provider took has its own accettazione, all linked to the one sent message
// (a resend carries the same Message-ID): more than one is a duplicate the view must show.
const submissionsSql = `(SELECT count(*) FROM receipts x WHERE x.sent_message_id = r.sent_message_id AND x.type = 'accettazione')`;

const recipientsOf = `SELECT r.*, ${statusSql} AS status, ${overdueSql} AS overdue, ${submissionsSql} AS submissions
  FROM campaign_recipients r LEFT JOIN deliveries d ON d.sent_message_id = r.sent_message_id AND d.address = r.address`;

/** A campaign_recipients row with its derived status, lateness and number of accettazioni. */
export interface RecipientStatusRow {
  id: number;
  campaign_id: number;
  address: string;
  name: string | null;
  contact_id: number | null;
  fields: string;
  state: RecipientState;
  status: RecipientStatus;
  overdue: number;
  submissions: number;
  overdue_notified_at: string | null;
  attempts: number;
  next_attempt_ms: number | null;
  submitted_at: string | null;
  error: string | null;
  error_code: string | null;
  /** The failure as values (JSON {text, params}), NULL for rows stored before migration 20: send/failure-words.ts. */
  error_values: string | null;
  message_id: string | null;
  sent_message_id: number | null;
}

/** Which recipients of a campaign to read: statuses (any when null), only the late ones, late before cutoff (ms). */
export interface RecipientFilter {
  cutoff: number;
  statuses: RecipientStatus[] | null;
  overdueOnly: boolean;
}

/** Prepared reads of the campaign view over one store. */
export class CampaignRecipientRows {
  private readonly page: Database.Statement<Record<string, unknown>, RecipientStatusRow>;
  private readonly pageTotal: Database.Statement<Record<string, unknown>, { n: number }>;
  private readonly counters: Database.Statement<Record<string, unknown>, { status: RecipientStatus; n: number; late: number; twice: number }>;
  private readonly lateUnnotified: Database.Statement<Record<string, unknown>, { id: number; campaignId: number; address: string }>;
  private readonly markNotified: Database.Statement<[string, string]>;
  private readonly failedOf: Database.Statement<[string], { id: number; campaignId: number; errorCode: string | null; error: string | null }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
  ) {
    const filtered = `SELECT * FROM (${recipientsOf} WHERE r.campaign_id = @campaignId)
      WHERE (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses))) AND (@overdueOnly = 0 OR overdue = 1)`;
    this.page = db.prepare(`${filtered} ORDER BY id LIMIT @limit OFFSET @offset`);
    this.pageTotal = db.prepare(`SELECT count(*) AS n FROM (${filtered})`);
    this.counters = db.prepare(
      `SELECT status, count(*) AS n, coalesce(sum(overdue), 0) AS late, coalesce(sum(submissions > 1), 0) AS twice FROM (${recipientsOf} WHERE r.campaign_id = @campaignId) GROUP BY status`,
    );
    this.lateUnnotified = db.prepare(
      `SELECT id, campaign_id AS campaignId, address FROM (${recipientsOf} WHERE r.state = 'submitted' AND r.overdue_notified_at IS NULL
         AND (SELECT kind FROM campaigns WHERE campaigns.id = r.campaign_id) = 'campaign')
       WHERE overdue = 1 ORDER BY campaign_id, id`,
    );
    this.failedOf = db.prepare(
      `SELECT id, campaign_id AS campaignId, error_code AS errorCode, error FROM campaign_recipients
       WHERE id IN (SELECT value FROM json_each(?)) AND state = 'failed' ORDER BY id`,
    );
    this.markNotified = db.prepare('UPDATE campaign_recipients SET overdue_notified_at = ? WHERE id IN (SELECT value FROM json_each(?))');
  }

  /** A page of a campaign's recipients matching the filter, and how many match in all. */
  recipients(campaignId: number, filter: RecipientFilter, offset: number, limit: number): { total: number; rows: RecipientStatusRow[] } {
    const params = { campaignId, cutoff: filter.cutoff, statuses: filter.statuses?.length ? JSON.stringify(filter.statuses) : null, overdueOnly: filter.overdueOnly ? 1 : 0 };
    return { rows: this.page.all({ ...params, limit, offset }), total: this.pageTotal.get(params)!.n };
  }

  /** Per status: how many recipients, how many of them late, how many accepted more than once. */
  counts(campaignId: number, cutoff: number): { status: RecipientStatus; n: number; late: number; twice: number }[] {
    return this.counters.all({ campaignId, cutoff });
  }

  /** Those of these recipients (ids a change named) whose submission failed for good, with the reason. */
  failedAmong(ids: number[]): { id: number; campaignId: number; errorCode: string | null; error: string | null }[] {
    return ids.length ? this.failedOf.all(JSON.stringify(ids)) : [];
  }

  /** Late recipients not yet notified, marked notified in the same transaction: each is reported once. */
  takeNewlyOverdue(cutoff: number, nowIso: string): { id: number; campaignId: number; address: string }[] {
    return this.changes.write(() => {
      const late = this.lateUnnotified.all({ cutoff });
      if (late.length === 0) return late;
      this.markNotified.run(nowIso, JSON.stringify(late.map((r) => r.id)));
      this.changes.note('campaign_recipients', late.map((r) => r.id));
      this.changes.note('campaigns', new Set(late.map((r) => r.campaignId)));
      return late;
    });
  }
}
