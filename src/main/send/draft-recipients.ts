// The recipient list of a bulk-send draft, edited where it is kept (store/campaign-drafts.ts) instead
// of travelling whole with every autosave: chunks added (typed, pasted, a contacts group, a
// spreadsheet), addresses removed, the list replaced, paged and counted. Addresses are cleaned as
// cleanDraft does (draft.ts); an invalid one is kept so the pre-send check can name it. A change
// puts a checked ('ready') draft back to 'draft': the check must run again before it is sent.
import { normalizeAddress } from '../contacts';
import type { DraftRecipientInput, DraftRecipientRow, Store } from '../store';
import type { CampaignRepo } from '../store';
import type { Clock } from './clock';
import type { CampaignRecipientInput, CampaignResult } from './types';

/** The most recipients one campaign takes (the contacts importer's row limit, the API's). */
export const MAX_CAMPAIGN_RECIPIENTS = 100_000;

/** What a change to the list did, and how long the list is now. */
export interface DraftRecipientsChange {
  added: number;
  removed: number;
  /** Addresses given that were already in the list (kept once). */
  duplicates: number;
  total: number;
}

/** A page of a draft's list. */
export interface DraftRecipientsPage {
  total: number;
  rows: DraftRecipientRow[];
}

const EDITABLE = new Set(['draft', 'ready']);

/** Edits the recipient lists of drafts. */
export class DraftRecipients {
  constructor(
    private readonly store: Store,
    private readonly repo: CampaignRepo,
    private readonly clock: Clock,
  ) {}

  /** Adds recipients (`replace`: instead of the ones there). */
  add(campaignId: number, recipients: CampaignRecipientInput[], replace = false): CampaignResult<DraftRecipientsChange> {
    const editable = this.editable(campaignId);
    if (!editable.ok) return editable;
    const rows = clean(recipients);
    const before = replace ? 0 : this.store.campaignDrafts.count(campaignId);
    if (before + rows.length > MAX_CAMPAIGN_RECIPIENTS) {
      const room = MAX_CAMPAIGN_RECIPIENTS - before;
      return { ok: false, code: 'invalid-draft', detail: `una campagna ha al massimo ${MAX_CAMPAIGN_RECIPIENTS} destinatari: ce n'è posto ancora per ${room}` };
    }
    const removed = replace ? this.store.campaignDrafts.count(campaignId) : 0;
    const result = this.store.campaignDrafts.add(campaignId, rows, replace);
    this.touched(campaignId);
    return { ok: true, value: { added: result.added, removed, duplicates: result.duplicates.length, total: this.store.campaignDrafts.count(campaignId) } };
  }

  /** Removes addresses from the list. */
  remove(campaignId: number, addresses: string[]): CampaignResult<DraftRecipientsChange> {
    const editable = this.editable(campaignId);
    if (!editable.ok) return editable;
    const removed = this.store.campaignDrafts.remove(campaignId, addresses.map(normalizeAddress));
    this.touched(campaignId);
    return { ok: true, value: { added: 0, removed, duplicates: 0, total: this.store.campaignDrafts.count(campaignId) } };
  }

  /** A page of the list, in the order it was made. */
  page(campaignId: number, offset: number, limit: number): CampaignResult<DraftRecipientsPage> {
    if (!this.repo.get(campaignId)) return notFound(campaignId);
    return { ok: true, value: { total: this.store.campaignDrafts.count(campaignId), rows: this.store.campaignDrafts.page(campaignId, offset, limit) } };
  }

  count(campaignId: number): CampaignResult<number> {
    if (!this.repo.get(campaignId)) return notFound(campaignId);
    return { ok: true, value: this.store.campaignDrafts.count(campaignId) };
  }

  private editable(campaignId: number): CampaignResult<void> {
    const row = this.repo.get(campaignId);
    if (!row || row.kind !== 'campaign') return notFound(campaignId);
    if (!EDITABLE.has(row.state)) return { ok: false, code: 'wrong-state', detail: `la campagna ${campaignId} è già stata avviata: non si può più modificare` };
    return { ok: true, value: undefined };
  }

  private touched(campaignId: number): void {
    if (this.repo.get(campaignId)?.state === 'ready') this.repo.setState(campaignId, 'draft', new Date(this.clock.now()).toISOString());
  }
}

/** Addresses normalized; empty ones dropped (nothing to send to). */
function clean(recipients: CampaignRecipientInput[]): DraftRecipientInput[] {
  return recipients.flatMap((r) => {
    const address = normalizeAddress(r.address);
    return address ? [{ address, name: r.name?.trim() || null, contactId: r.contactId ?? null, fields: r.fields ?? {} }] : [];
  });
}

function notFound(id: number): { ok: false; code: 'not-found'; detail: string } {
  return { ok: false, code: 'not-found', detail: `nessuna campagna con id ${id}` };
}
