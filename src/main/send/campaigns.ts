// Campaigns as data: create and edit drafts, read them for the campaign view, preview one
// recipient's message, resend to the failed ones, export the evidence. Sending is engine.ts.
import type { CampaignRepo, CampaignRow, Store } from '../store';
import { systemClock, type Clock } from './clock';
import { sentAttachments } from './compose';
import { cleanDraft } from './draft';
import { DraftRecipients } from './draft-recipients';
import { exportEvidence } from './evidence-export';
import { storedFailureValues } from './failure-words';
import { placeholderValues, render } from './personalize';
import type {
  CampaignDetail, CampaignDraft, CampaignResult, CampaignSummary, ExportSummary, MessagePreview, RecipientPage, RecipientQuery,
} from './types';
import { CampaignTemplates } from './templates';
import { CampaignViews } from './views';
import { uniqueFileNames } from '../attachments';
import { zipToBuffer } from './zip';

/** Name of the archive made by "comprimi allegati in zip". */
export const ZIP_NAME = 'allegati.zip';
/** Default delay after which a submitted message without a delivery receipt is late. */
export const DEFAULT_OVERDUE_AFTER_MS = 24 * 3_600_000;

/** Options of Campaigns. */
export interface CampaignsOptions {
  clock?: Clock;
  /** After how long without a delivery receipt a recipient is late ("in ritardo"); default 24 h. */
  overdueAfterMs?: number;
}

const EDITABLE = new Set(['draft', 'ready']);

/** The campaigns of one store. */

/** Why a campaign is paused, as the values stored with it (migration 21); none for one paused before. */
function pausedBecause(json: string | null): Pick<CampaignSummary, 'stateDetailText' | 'stateDetailParams'> {
  const values = storedFailureValues(json);
  return { stateDetailText: values?.text ?? null, stateDetailParams: values?.params ?? null };
}
export class Campaigns {
  readonly repo: CampaignRepo;
  readonly views: CampaignViews;
  /** Named messages without recipients, to start new campaigns from. */
  readonly templates: CampaignTemplates;
  /** A draft's recipient list, edited where it is kept: chunks added, removed, paged, counted. */
  readonly draftRecipients: DraftRecipients;
  readonly clock: Clock;
  readonly overdueAfterMs: number;

  constructor(
    private readonly store: Store,
    options: CampaignsOptions = {},
  ) {
    this.repo = store.campaigns;
    this.views = new CampaignViews(store);
    this.clock = options.clock ?? systemClock;
    this.overdueAfterMs = options.overdueAfterMs ?? DEFAULT_OVERDUE_AFTER_MS;
    this.templates = new CampaignTemplates(this, store.campaigns, store.campaignTemplates);
    this.draftRecipients = new DraftRecipients(store, this.repo, this.clock);
  }

  /** Recipients submitted before this instant and still without delivery are late. */
  overdueCutoff(): number {
    return this.clock.now() - this.overdueAfterMs;
  }

  /** Saves a new draft campaign. */
  create(draft: CampaignDraft): CampaignResult<CampaignDetail> {
    const clean = cleanDraft(draft);
    if (!clean.ok) return clean;
    return { ok: true, value: this.get(this.repo.create(clean.value))! };
  }

  /** Replaces a draft's content (only before sending); it becomes a draft again. Without recipients, its list stays as it is. */
  update(id: number, draft: CampaignDraft): CampaignResult<CampaignDetail> {
    const row = this.repo.get(id);
    if (!row) return notFound(id);
    if (!EDITABLE.has(row.state)) return { ok: false, code: 'wrong-state', detail: `la campagna ${id} è già stata avviata: non si può più modificare` };
    const clean = cleanDraft(draft);
    if (!clean.ok) return clean;
    this.repo.replace(id, clean.value, new Date(this.clock.now()).toISOString());
    return { ok: true, value: this.get(id)! };
  }

  /** Deletes a campaign never started. */
  remove(id: number): CampaignResult<void> {
    const row = this.repo.get(id);
    if (!row) return notFound(id);
    if (!EDITABLE.has(row.state)) return { ok: false, code: 'wrong-state', detail: `la campagna ${id} è stata avviata: resta come prova dell'invio` };
    this.repo.remove(id);
    return { ok: true, value: undefined };
  }

  get(id: number): CampaignDetail | null {
    const row = this.repo.get(id);
    if (!row) return null;
    return { ...this.summaryOf(row), text: row.text, html: row.html, cc: row.cc, attachments: this.repo.attachments(id), duplicates: row.duplicates, resentFrom: row.resentFrom };
  }

  /** Every campaign, newest first (single PEC sent through the queue are not campaigns: Posta inviata lists them). */
  list(): CampaignSummary[] {
    return this.repo
      .list()
      .filter((row) => row.kind === 'campaign')
      .map((row) => this.summaryOf(row));
  }

  /** A page of the per-recipient table, filtered by status or lateness. */
  recipients(id: number, query: RecipientQuery = {}): RecipientPage {
    return this.views.recipients(id, query, this.overdueCutoff());
  }

  /** One recipient's message as it will be sent (placeholders filled), with what is missing. */
  async preview(id: number, recipientId: number): Promise<CampaignResult<MessagePreview>> {
    const row = this.repo.get(id);
    if (!row) return notFound(id);
    const recipient = this.repo.recipients(id).find((r) => r.id === recipientId);
    if (!recipient) return { ok: false, code: 'not-found', detail: `la campagna ${id} non ha il destinatario ${recipientId}` };
    const rendered = render({ subject: row.subject, text: row.text, html: row.html }, placeholderValues(recipient));
    await this.ensureZip(row);
    return {
      ok: true,
      value: {
        recipientId,
        to: recipient.address,
        cc: row.cc,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        attachments: sentAttachments(this.repo, row).map((a) => ({ filename: a.filename, size: a.size })),
        missing: rendered.missing,
      },
    };
  }

  /** A new draft with the same message for the recipients that failed or got an error receipt. */
  resendFailed(id: number): CampaignResult<CampaignDetail> {
    const row = this.repo.get(id);
    if (!row || row.accountId === null) return notFound(id);
    const failed = new Set(
      this.views.recipients(id, { statuses: ['failed', 'error'], limit: Number.MAX_SAFE_INTEGER }, this.overdueCutoff()).rows.map((r) => r.id),
    );
    if (failed.size === 0) return { ok: false, code: 'invalid-draft', detail: `la campagna ${id} non ha destinatari in errore` };
    const draft = cleanDraft({
      accountId: row.accountId,
      subject: row.subject,
      text: row.text ?? undefined,
      html: row.html ?? undefined,
      receiptVariant: row.receiptVariant,
      zipAttachments: row.zipAttachments,
      cc: row.cc,
      attachments: this.repo.attachmentsWithContent(id, 'file').map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType ?? undefined })),
      recipients: this.repo
        .recipients(id)
        .filter((r) => failed.has(r.id))
        .map((r) => ({ address: r.address, name: r.name ?? undefined, contactId: r.contactId, fields: r.fields })),
    });
    if (!draft.ok) return draft;
    return { ok: true, value: this.get(this.repo.create(draft.value, id))! };
  }

  /** Writes the evidence .zip of a campaign (see evidence-export.ts). */
  async exportEvidence(id: number, file: string): Promise<CampaignResult<ExportSummary>> {
    const row = this.repo.get(id);
    if (!row) return notFound(id);
    return exportEvidence({ store: this.store, repo: this.repo, views: this.views, campaign: row, cutoff: this.overdueCutoff(), now: this.clock.now() }, file);
  }

  /** Makes the campaign's zip of its files once, when it asks for one: every message gets the same bytes. */
  async ensureZip(row: CampaignRow): Promise<void> {
    if (!row.zipAttachments || this.repo.attachmentsWithContent(row.id, 'zip').length > 0) return;
    const files = this.repo.attachmentsWithContent(row.id, 'file');
    if (files.length === 0) return;
    const names = uniqueFileNames(files.map((f) => f.filename));
    const zip = await zipToBuffer(
      files.map((f, i) => ({ name: names[i], content: f.content })),
      new Date(row.createdAt),
    );
    this.repo.write(() => {
      if (this.repo.attachmentsWithContent(row.id, 'zip').length === 0) this.repo.addAttachment(row.id, 'zip', ZIP_NAME, 'application/zip', zip);
    });
  }

  private summaryOf(row: CampaignRow): CampaignSummary {
    return {
      id: row.id,
      accountId: row.accountId,
      subject: row.subject,
      state: row.state,
      stateDetail: row.stateDetail,
      ...pausedBecause(row.stateValues),
      receiptVariant: row.receiptVariant,
      zipAttachments: row.zipAttachments,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      counts: this.views.counts(row.id, this.overdueCutoff()),
      dac: this.store.campaignDac(row.id),
    };
  }
}

function notFound(id: number): { ok: false; code: 'not-found'; detail: string } {
  return { ok: false, code: 'not-found', detail: `nessuna campagna con id ${id}` };
}
