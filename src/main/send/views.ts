// What the campaign view reads: each recipient's status (its submission state, then what the
// receipts linked by the store say), the counters, and who is late. The receipts' facts (times,
// errors, identificativo) come from the store's own queries, so the campaign view and a single
// message's view can never disagree.
import type Database from 'better-sqlite3';
import type { Store } from '../store';
import { recipientReceipts } from './recipient-receipts';
import { RECIPIENT_STATUSES, type RecipientCounts, type RecipientPage, type RecipientQuery, type RecipientStatus, type RecipientView } from './types';

// The store keeps deliveries.status in step with the linked receipts (link.ts); a recipient whose
// message was submitted takes that status once a receipt speaks of it.
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

interface RawView {
  id: number;
  campaign_id: number;
  address: string;
  name: string | null;
  contact_id: number | null;
  fields: string;
  state: RecipientView['state'];
  status: RecipientStatus;
  overdue: number;
  submissions: number;
  overdue_notified_at: string | null;
  attempts: number;
  next_attempt_ms: number | null;
  submitted_at: string | null;
  error: string | null;
  error_code: string | null;
  message_id: string | null;
  sent_message_id: number | null;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Prepared reads of the campaign view over one store. */
export class CampaignViews {
  private readonly page: Database.Statement<Record<string, unknown>, RawView>;
  private readonly pageTotal: Database.Statement<Record<string, unknown>, { n: number }>;
  private readonly counters: Database.Statement<Record<string, unknown>, { status: RecipientStatus; n: number; late: number; twice: number }>;
  private readonly lateUnnotified: Database.Statement<Record<string, unknown>, { id: number; campaignId: number; address: string }>;
  private readonly markNotified: Database.Statement<[string, string]>;

  constructor(private readonly store: Store) {
    const db = store.db;
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
    this.markNotified = db.prepare('UPDATE campaign_recipients SET overdue_notified_at = ? WHERE id IN (SELECT value FROM json_each(?))');
  }

  /** A page of a campaign's recipients, filtered by status and lateness. */
  recipients(campaignId: number, query: RecipientQuery, cutoff: number): RecipientPage {
    const offset = Math.max(0, query.offset ?? 0);
    const params = {
      campaignId,
      cutoff,
      statuses: query.statuses?.length ? JSON.stringify(query.statuses) : null,
      overdueOnly: query.overdueOnly ? 1 : 0,
    };
    const rows = this.page.all({ ...params, limit: Math.max(1, query.limit ?? 100), offset }).map((r) => this.view(r));
    return { total: this.pageTotal.get(params)!.n, offset, rows };
  }

  /** How many recipients are in each status, and how many are late. */
  counts(campaignId: number, cutoff: number): RecipientCounts {
    const counts = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as RecipientCounts;
    counts.total = 0;
    counts.overdue = 0;
    counts.duplicates = 0;
    for (const { status, n, late, twice } of this.counters.all({ campaignId, cutoff })) {
      counts[status] = n;
      counts.total += n;
      counts.overdue += late;
      counts.duplicates += twice;
    }
    return counts;
  }

  /** Late recipients not yet notified, marked notified in the same call: each is reported once. */
  takeNewlyOverdue(cutoff: number, nowIso: string): { id: number; campaignId: number; address: string }[] {
    return this.store.db
      .transaction(() => {
        const late = this.lateUnnotified.all({ cutoff });
        if (late.length) this.markNotified.run(nowIso, JSON.stringify(late.map((r) => r.id)));
        return late;
      })
      .immediate();
  }

  private view(r: RawView): RecipientView {
    const sentId = r.sent_message_id;
    const deliveries = sentId === null ? [] : this.store.deliveriesOf(sentId);
    const delivery = deliveries.find((d) => d.address === r.address);
    const linked = sentId === null ? [] : this.store.receiptsOf(sentId);
    const receipts = recipientReceipts(linked, delivery?.id ?? null);
    // The campaign's Cc go with every message: each copy is a recipient of its own, failing on its own.
    const copies = deliveries
      .filter((d) => d.field === 'cc' && d.address !== r.address)
      .map((d) => ({
        address: d.address,
        status: d.status,
        deliveredAt: d.deliveredAt,
        errorAt: d.errorAt,
        error: d.errorDetail ?? d.error,
        receipts: recipientReceipts(linked, d.id).filter((x) => x.type !== 'accettazione' && x.type !== 'non-accettazione'),
      }));
    return {
      id: r.id,
      address: r.address,
      name: r.name,
      contactId: r.contact_id,
      fields: JSON.parse(r.fields) as Record<string, string>,
      state: r.state,
      status: r.status,
      overdue: r.overdue === 1,
      overdueNotifiedAt: r.overdue_notified_at,
      attempts: r.attempts,
      nextAttemptAt: r.state === 'retry-wait' ? isoOrNull(r.next_attempt_ms) : null,
      submittedAt: r.submitted_at,
      acceptedAt: delivery?.acceptedAt ?? null,
      deliveredAt: delivery?.deliveredAt ?? null,
      errorAt: delivery?.errorAt ?? null,
      error: r.error ?? delivery?.errorDetail ?? delivery?.error ?? null,
      errorCode: r.error_code ?? delivery?.errorType ?? null,
      messageId: r.message_id,
      sentMessageId: sentId,
      identificativo: sentId === null ? null : (this.store.getSent(sentId)?.identificativo ?? null),
      submissions: r.submissions,
      receipts,
      copies,
    };
  }
}
