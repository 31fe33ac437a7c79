// Templates (issue #6): a campaign's message kept under a name, without recipients or Cc, in their
// own tables (migration 6) so the queue, the campaign list and the evidence never see them.
import type Database from 'better-sqlite3';
import type { ReceiptVariant } from '../../../shared/pec';
import { sha256Hex } from '../rawStore';

/** A campaign_templates row. */
export interface TemplateRow {
  id: number;
  name: string;
  subject: string;
  body_text: string | null;
  body_html: string | null;
  receipt_variant: ReceiptVariant;
  zip_attachments: number;
  created_at: string;
}

/** A template's file as listed. */
export interface TemplateAttachmentInfo {
  filename: string;
  contentType: string | null;
  size: number;
  sha256: string;
}

/** A template to keep: its message and its files' bytes. */
export interface NewTemplate {
  name: string;
  subject: string;
  text: string | null;
  html: string | null;
  receiptVariant: ReceiptVariant;
  zipAttachments: boolean;
  createdAt: string;
  files: { filename: string; contentType: string | null; content: Buffer }[];
}

/** Prepared statements over campaign_templates and their attachments. */
export class TemplateRows {
  private readonly insertTemplate: Database.Statement<[string, string, string | null, string | null, ReceiptVariant, number, string], { id: number }>;
  private readonly insertAttachment: Database.Statement<[number, string, string | null, Buffer, number, string]>;
  private readonly byId: Database.Statement<[number], TemplateRow>;
  private readonly all: Database.Statement<[], TemplateRow>;
  private readonly attachmentInfo: Database.Statement<[number], TemplateAttachmentInfo>;
  private readonly attachmentContent: Database.Statement<[number], TemplateAttachmentInfo & { content: Buffer }>;
  private readonly deleteTemplate: Database.Statement<[number]>;

  constructor(private readonly db: Database.Database) {
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

  /** Records a template and its files in one transaction; returns its id. */
  insert(t: NewTemplate): number {
    return this.db
      .transaction(() => {
        const { id } = this.insertTemplate.get(t.name, t.subject, t.text, t.html, t.receiptVariant, t.zipAttachments ? 1 : 0, t.createdAt)!;
        for (const f of t.files) this.insertAttachment.run(id, f.filename, f.contentType, f.content, f.content.length, sha256Hex(f.content));
        return id;
      })
      .immediate();
  }

  get(id: number): TemplateRow | null {
    return this.byId.get(id) ?? null;
  }

  /** Every template, by name. */
  list(): TemplateRow[] {
    return this.all.all();
  }

  attachments(templateId: number): TemplateAttachmentInfo[] {
    return this.attachmentInfo.all(templateId);
  }

  attachmentsWithContent(templateId: number): (TemplateAttachmentInfo & { content: Buffer })[] {
    return this.attachmentContent.all(templateId);
  }

  /** Deletes a template; false when there was none. */
  remove(id: number): boolean {
    return this.deleteTemplate.run(id).changes > 0;
  }
}
