// Templates (issue #6): the message of a campaign (subject, bodies, files, receipt variant, zip
// option) kept under a name without recipients or Cc, and new drafts made from one. Stored in
// their own tables (migration 6) so the queue, the campaign list and the evidence never see them.
import type { ReceiptVariant } from '../../shared/pec';
import type { CampaignRepo, TemplateRow, TemplateRows } from '../store';
import type { Campaigns } from './campaigns';
import type { CampaignDetail, CampaignResult, CampaignTemplate } from './types';

/** The longest template name kept (a picker shows it on one line). */
export const MAX_TEMPLATE_NAME = 200;

type AttachmentInfo = CampaignTemplate['attachments'][number];

/** The templates of one store, made from and into campaigns. */
export class CampaignTemplates {
  constructor(
    private readonly campaigns: Campaigns,
    private readonly repo: CampaignRepo,
    private readonly rows: TemplateRows,
  ) {}

  /** Keeps a campaign's message (any state: a sent one is a good model too) as a template named `name`. */
  save(campaignId: number, name: string): CampaignResult<CampaignTemplate> {
    const clean = name.trim();
    if (!clean || clean.length > MAX_TEMPLATE_NAME) return { ok: false, code: 'invalid-draft', detail: `il nome del modello deve avere da 1 a ${MAX_TEMPLATE_NAME} caratteri` };
    const row = this.repo.get(campaignId);
    if (!row) return { ok: false, code: 'not-found', detail: `nessuna campagna con id ${campaignId}` };
    const files = this.repo.attachmentsWithContent(campaignId, 'file');
    const createdAt = new Date(this.campaigns.clock.now()).toISOString();
    const id = this.rows.insert({ name: clean, subject: row.subject, text: row.text, html: row.html, receiptVariant: row.receiptVariant, zipAttachments: row.zipAttachments, createdAt, files });
    return { ok: true, value: this.toTemplate(this.rows.get(id)!) };
  }

  /** Every template, by name. */
  list(): CampaignTemplate[] {
    return this.rows.list().map((r) => this.toTemplate(r));
  }

  /** Deletes a template; campaigns made from it keep their own copy of everything. */
  remove(id: number): CampaignResult<void> {
    if (!this.rows.remove(id)) return notFound(id);
    return { ok: true, value: undefined };
  }

  /** A template's message with its files' bytes (a single message started from it), or null. */
  message(templateId: number): { subject: string; text: string | null; html: string | null; receiptVariant: ReceiptVariant; attachments: (AttachmentInfo & { content: Buffer })[] } | null {
    const t = this.rows.get(templateId);
    if (!t) return null;
    return { subject: t.subject, text: t.body_text, html: t.body_html, receiptVariant: t.receipt_variant, attachments: this.rows.attachmentsWithContent(templateId) };
  }

  /** A new draft of `accountId` with the template's message and files, and no recipients yet. */
  createDraft(templateId: number, accountId: number): CampaignResult<CampaignDetail> {
    const t = this.rows.get(templateId);
    if (!t) return notFound(templateId);
    return this.campaigns.create({
      accountId,
      subject: t.subject,
      text: t.body_text ?? undefined,
      html: t.body_html ?? undefined,
      receiptVariant: t.receipt_variant,
      zipAttachments: t.zip_attachments === 1,
      attachments: this.rows.attachmentsWithContent(templateId).map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType ?? undefined })),
      recipients: [],
    });
  }

  private toTemplate(r: TemplateRow): CampaignTemplate {
    return {
      id: r.id,
      name: r.name,
      subject: r.subject,
      receiptVariant: r.receipt_variant,
      zipAttachments: r.zip_attachments === 1,
      createdAt: r.created_at,
      attachments: this.rows.attachments(r.id),
    };
  }
}

function notFound(id: number): { ok: false; code: 'not-found'; detail: string } {
  return { ok: false, code: 'not-found', detail: `nessun modello con id ${id}` };
}
