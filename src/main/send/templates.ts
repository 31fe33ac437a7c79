// Templates (issue #6): the message of a campaign (subject, bodies, files, receipt variant, zip
// option) kept under a name without recipients or Cc, and new drafts made from one. Stored in
// their own tables (migration 6) so the queue, the campaign list and the evidence never see them.
import type Database from 'better-sqlite3';
import type { ReceiptVariant } from '../../shared/pec';
import { sha256Hex } from '../store';
import type { Campaigns } from './campaigns';
import type { CampaignDetail, CampaignResult, CampaignTemplate } from './types';

/** The longest template name kept (a picker shows it on one line). */
const MAX_NAME = 200;

interface RawTemplate {
  id: number;
  name: string;
  subject: string;
  body_text: string | null;
  body_html: string | null;
  receipt_variant: ReceiptVariant;
  zip_attachments: number;
  created_at: string;
}

type AttachmentInfo = CampaignTemplate['attachments'][number];

/** The templates of one store, made from and into campaigns. */
export class CampaignTemplates {
  private readonly db: Database.Database;
  private readonly insertTemplate: Database.Statement<[string, string, string | null, string | null, ReceiptVariant, number, string], { id: number }>;
  private readonly insertAttachment: Database.Statement<[number, string, string | null, Buffer, number, string]>;
  private readonly byId: Database.Statement<[number], RawTemplate>;
  private readonly all: Database.Statement<[], RawTemplate>;
  private readonly attachmentInfo: Database.Statement<[number], AttachmentInfo>;
  private readonly attachmentContent: Database.Statement<[number], AttachmentInfo & { content: Buffer }>;
  private readonly deleteTemplate: Database.Statement<[number]>;

  constructor(private readonly campaigns: Campaigns) {
    const db = (this.db = campaigns.repo.db);
    this.insertTemplate = db.prepare(
      `INSERT INTO campaign_templates (name, subject, body_text, body_html, receipt_variant, zip_attachments, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.insertAttachment = db.prepare(
      'INSERT INTO campaign_template_attachments (template_id, filename, content_type, content, size, sha256) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT * FROM campaign_templates WHERE id = ?');
    this.all = db.prepare('SELECT * FROM campaign_templates ORDER BY name COLLATE NOCASE, id');
    const columns = 'filename, content_type AS contentType, size, sha256';
    this.attachmentInfo = db.prepare(`SELECT ${columns} FROM campaign_template_attachments WHERE template_id = ? ORDER BY id`);
    this.attachmentContent = db.prepare(`SELECT ${columns}, content FROM campaign_template_attachments WHERE template_id = ? ORDER BY id`);
    this.deleteTemplate = db.prepare('DELETE FROM campaign_templates WHERE id = ?');
  }

  /** Keeps a campaign's message (any state: a sent one is a good model too) as a template named `name`. */
  save(campaignId: number, name: string): CampaignResult<CampaignTemplate> {
    const clean = name.trim();
    if (!clean || clean.length > MAX_NAME) return { ok: false, code: 'invalid-draft', detail: `il nome del modello deve avere da 1 a ${MAX_NAME} caratteri` };
    const row = this.campaigns.repo.get(campaignId);
    if (!row) return { ok: false, code: 'not-found', detail: `nessuna campagna con id ${campaignId}` };
    const files = this.campaigns.repo.attachmentsWithContent(campaignId, 'file');
    const createdAt = new Date(this.campaigns.clock.now()).toISOString();
    const id = this.db
      .transaction(() => {
        const { id } = this.insertTemplate.get(clean, row.subject, row.text, row.html, row.receiptVariant, row.zipAttachments ? 1 : 0, createdAt)!;
        for (const f of files) this.insertAttachment.run(id, f.filename, f.contentType, f.content, f.content.length, sha256Hex(f.content));
        return id;
      })
      .immediate();
    return { ok: true, value: this.toTemplate(this.byId.get(id)!) };
  }

  /** Every template, by name. */
  list(): CampaignTemplate[] {
    return this.all.all().map((r) => this.toTemplate(r));
  }

  /** Deletes a template; campaigns made from it keep their own copy of everything. */
  remove(id: number): CampaignResult<void> {
    if (this.deleteTemplate.run(id).changes === 0) return notFound(id);
    return { ok: true, value: undefined };
  }

  /** A template's message with its files' bytes (a single message started from it), or null. */
  message(templateId: number): { subject: string; text: string | null; html: string | null; receiptVariant: ReceiptVariant; attachments: (AttachmentInfo & { content: Buffer })[] } | null {
    const t = this.byId.get(templateId);
    if (!t) return null;
    return { subject: t.subject, text: t.body_text, html: t.body_html, receiptVariant: t.receipt_variant, attachments: this.attachmentContent.all(templateId) };
  }

  /** A new draft of `accountId` with the template's message and files, and no recipients yet. */
  createDraft(templateId: number, accountId: number): CampaignResult<CampaignDetail> {
    const t = this.byId.get(templateId);
    if (!t) return notFound(templateId);
    return this.campaigns.create({
      accountId,
      subject: t.subject,
      text: t.body_text ?? undefined,
      html: t.body_html ?? undefined,
      receiptVariant: t.receipt_variant,
      zipAttachments: t.zip_attachments === 1,
      attachments: this.attachmentContent.all(templateId).map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType ?? undefined })),
      recipients: [],
    });
  }

  private toTemplate(r: RawTemplate): CampaignTemplate {
    return {
      id: r.id,
      name: r.name,
      subject: r.subject,
      receiptVariant: r.receipt_variant,
      zipAttachments: r.zip_attachments === 1,
      createdAt: r.created_at,
      attachments: this.attachmentInfo.all(r.id),
    };
  }
}

function notFound(id: number): { ok: false; code: 'not-found'; detail: string } {
  return { ok: false, code: 'not-found', detail: `nessun modello con id ${id}` };
}
