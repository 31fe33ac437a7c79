// What the campaign view reads: each recipient's status (its submission state, then what the
// receipts linked by the store say), the counters, and who is late. The receipts' facts (times,
// errors, identificativo) come from the store's own queries, so the campaign view and a single
// message's view can never disagree.
import type { CampaignRecipientRows, RecipientStatusRow, Store } from '../store';
import { italianFailureWords, storedFailureValues } from './failure-words';
import { recipientReceipts } from './recipient-receipts';
import { RECIPIENT_STATUSES, type RecipientCounts, type RecipientPage, type RecipientQuery, type RecipientView } from './types';

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The campaign view's reads over one store. */
export class CampaignViews {
  private readonly rows: CampaignRecipientRows;

  constructor(private readonly store: Pick<Store, 'campaignRecipients' | 'deliveriesOf' | 'receiptsOf' | 'getSent'>) {
    this.rows = store.campaignRecipients;
  }

  /** A page of a campaign's recipients, filtered by status and lateness. */
  recipients(campaignId: number, query: RecipientQuery, cutoff: number): RecipientPage {
    const offset = Math.max(0, query.offset ?? 0);
    const filter = { cutoff, statuses: query.statuses ?? null, overdueOnly: query.overdueOnly === true };
    const page = this.rows.recipients(campaignId, filter, offset, Math.max(1, query.limit ?? 100));
    return { total: page.total, offset, rows: page.rows.map((r) => this.view(r)) };
  }

  /** How many recipients are in each status, and how many are late. */
  counts(campaignId: number, cutoff: number): RecipientCounts {
    const counts = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as RecipientCounts;
    counts.total = 0;
    counts.overdue = 0;
    counts.duplicates = 0;
    for (const { status, n, late, twice } of this.rows.counts(campaignId, cutoff)) {
      counts[status] = n;
      counts.total += n;
      counts.overdue += late;
      counts.duplicates += twice;
    }
    return counts;
  }

  /** Late recipients not yet notified, marked notified in the same call: each is reported once. */
  takeNewlyOverdue(cutoff: number, nowIso: string): { id: number; campaignId: number; address: string }[] {
    return this.rows.takeNewlyOverdue(cutoff, nowIso);
  }

  private view(r: RecipientStatusRow): RecipientView {
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
    // Why its submission failed or waits: worded from its values in Italian (the report, the CLI),
    // the values for the window; a row stored before them shows the words stored with it.
    const failure = storedFailureValues(r.error_values);
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
      error: (failure && italianFailureWords(failure)) ?? r.error ?? delivery?.errorDetail ?? delivery?.error ?? null,
      errorCode: r.error_code ?? delivery?.errorType ?? null,
      errorText: failure?.text ?? null,
      errorParams: failure?.params ?? null,
      messageId: r.message_id,
      sentMessageId: sentId,
      identificativo: sentId === null ? null : (this.store.getSent(sentId)?.identificativo ?? null),
      submissions: r.submissions,
      receipts,
      copies,
    };
  }
}
