// Campaigns in SQLite: the campaigns row (created through the store, so its change is announced),
// its attachments (BLOBs) and its recipients (migration 3). The send domain decides what goes in
// them; these statements are the only way it gets there. Every write runs on the store's
// ChangeTracker and notes the campaign it changed, so the UI and the CLI follow a campaign's state
// on the store's one change stream.
import type Database from 'better-sqlite3';
import type { CampaignAttachmentInfo, CampaignState } from '../../../shared/api-send-values';
import type { ReceiptVariant } from '../../../shared/pec';
import type { ChangeTracker } from '../changes';
import { sha256Hex, type RawReadResult } from '../rawStore';
import type { CampaignsStore, ReceiptsStore } from '../roles';

/** A bulk send's message, files and recipients once the send domain has checked and cleaned them (its CleanDraft). */
export interface CampaignContent {
  accountId: number;
  subject: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; content: Buffer; contentType: string | null }[];
  receiptVariant: ReceiptVariant;
  zipAttachments: boolean;
  cc: string[];
  /** null: the draft's list stays as kept (edited apart, store/campaign-drafts.ts). */
  recipients: { address: string; name: string | null; contactId: number | null; fields: Record<string, string> }[] | null;
  /** Addresses given more than once; null when the list is kept. */
  duplicates: string[] | null;
}

/** A campaigns row as the domain reads it. */
export interface CampaignRow {
  id: number;
  accountId: number | null;
  subject: string;
  state: CampaignState;
  stateDetail: string | null;
  /** Why it is paused, as the catalog text and values (JSON), when it was stored with them (migration 21). */
  stateValues: string | null;
  text: string | null;
  html: string | null;
  receiptVariant: ReceiptVariant;
  zipAttachments: boolean;
  cc: string[];
  duplicates: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  resentFrom: number | null;
  /** 'single': a single PEC sent through the queue (one row, its message built when enqueued). */
  kind: 'campaign' | 'single';
  /** A single PEC's SMTP envelope (every To and Cc); null for a bulk send. */
  envelope: string[] | null;
}

/** An attachment with its bytes. */
export interface AttachmentContent extends CampaignAttachmentInfo {
  content: Buffer;
}

/** A recipient row as the composer gave it. */
export interface RecipientInputRow {
  id: number;
  address: string;
  name: string | null;
  contactId: number | null;
  fields: Record<string, string>;
}

interface RawCampaign {
  id: number;
  account_id: number | null;
  subject: string;
  state: CampaignState;
  state_detail: string | null;
  state_values: string | null;
  body_text: string | null;
  body_html: string | null;
  receipt_variant: ReceiptVariant;
  zip_attachments: number;
  cc: string;
  duplicates: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  resent_from: number | null;
  kind: 'campaign' | 'single';
  envelope: string | null;
}

function toRow(r: RawCampaign): CampaignRow {
  return {
    id: r.id,
    accountId: r.account_id,
    subject: r.subject,
    state: r.state,
    stateDetail: r.state_detail,
    stateValues: r.state_values,
    text: r.body_text,
    html: r.body_html,
    receiptVariant: r.receipt_variant,
    zipAttachments: r.zip_attachments === 1,
    cc: JSON.parse(r.cc) as string[],
    duplicates: JSON.parse(r.duplicates) as string[],
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    resentFrom: r.resent_from,
    kind: r.kind,
    envelope: r.envelope === null ? null : (JSON.parse(r.envelope) as string[]),
  };
}

const attachmentColumns = 'id, role, filename, content_type AS contentType, size, sha256';

/** Prepared statements over the campaign tables of one store. */
export class CampaignRepo {
  private readonly byId: Database.Statement<[number], RawCampaign>;
  private readonly all: Database.Statement<[], RawCampaign>;
  private readonly sendingOf: Database.Statement<[number], { id: number }>;
  private readonly updateContent: Database.Statement<Record<string, unknown>>;
  private readonly updateState: Database.Statement<{ state: CampaignState; detail: string | null; values: string | null; at: string; id: number }>;
  private readonly insertAttachment: Database.Statement<[number, string, string, string | null, Buffer, number, string]>;
  private readonly deleteAttachments: Database.Statement<[number, string]>;
  private readonly attachmentInfo: Database.Statement<[number], CampaignAttachmentInfo>;
  private readonly attachmentContent: Database.Statement<[number, string], AttachmentContent>;
  private readonly insertRecipient: Database.Statement<[number, string, string | null, number | null, string]>;
  private readonly deleteRecipients: Database.Statement<[number]>;
  private readonly deleteCampaign: Database.Statement<[number]>;
  private readonly sentBytes: Database.Statement<[number], { raw: Buffer | null; sha256: string | null; sentMessageId: number | null }>;
  private readonly recipientInputs: Database.Statement<[number], Omit<RecipientInputRow, 'fields'> & { fields: string }>;

  constructor(
    db: Database.Database,
    private readonly changes: ChangeTracker,
    private readonly store: Pick<CampaignsStore, 'createCampaign'> & Pick<ReceiptsStore, 'readSentRaw'>,
  ) {
    this.byId = db.prepare('SELECT * FROM campaigns WHERE id = ?');
    this.all = db.prepare('SELECT * FROM campaigns ORDER BY id DESC');
    this.sendingOf = db.prepare("SELECT id FROM campaigns WHERE account_id = ? AND state = 'sending' ORDER BY id");
    this.updateContent = db.prepare(
      `UPDATE campaigns SET account_id = @accountId, subject = @subject, body_text = @text, body_html = @html,
         receipt_variant = @receiptVariant, zip_attachments = @zip, cc = @cc, duplicates = coalesce(@duplicates, duplicates), resent_from = @resentFrom
       WHERE id = @id`,
    );
    this.updateState = db.prepare(
      `UPDATE campaigns SET state = @state, state_detail = @detail, state_values = @values,
         started_at = CASE WHEN @state = 'sending' THEN coalesce(started_at, @at) ELSE started_at END,
         finished_at = CASE WHEN @state IN ('done', 'cancelled') THEN @at ELSE NULL END
       WHERE id = @id`,
    );
    this.insertAttachment = db.prepare(
      'INSERT INTO campaign_attachments (campaign_id, role, filename, content_type, content, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.deleteAttachments = db.prepare('DELETE FROM campaign_attachments WHERE campaign_id = ? AND role = ?');
    this.attachmentInfo = db.prepare(`SELECT ${attachmentColumns} FROM campaign_attachments WHERE campaign_id = ? ORDER BY id`);
    this.attachmentContent = db.prepare(`SELECT ${attachmentColumns}, content FROM campaign_attachments WHERE campaign_id = ? AND role = ? ORDER BY id`);
    this.insertRecipient = db.prepare('INSERT INTO campaign_recipients (campaign_id, address, name, contact_id, fields) VALUES (?, ?, ?, ?, ?)');
    this.deleteRecipients = db.prepare('DELETE FROM campaign_recipients WHERE campaign_id = ?');
    this.deleteCampaign = db.prepare('DELETE FROM campaigns WHERE id = ?');
    this.sentBytes = db.prepare('SELECT raw, raw_sha256 AS sha256, sent_message_id AS sentMessageId FROM campaign_recipients WHERE id = ?');
    this.recipientInputs = db.prepare(
      'SELECT id, address, name, contact_id AS contactId, fields FROM campaign_recipients WHERE campaign_id = ? ORDER BY id',
    );
  }

  /** Runs fn in one write transaction (store writes inside it join it); its changes are told after COMMIT. */
  write<T>(fn: () => T): T {
    return this.changes.write(fn);
  }

  /** Notes, inside a write, that these campaigns changed (their state, content or recipients). */
  noteChanged(ids: Iterable<number>): void {
    this.changes.note('campaigns', ids);
  }

  /** Notes, inside a write, that these recipients' queue rows changed (their state, error, times). */
  noteRecipients(ids: Iterable<number>): void {
    this.changes.note('campaign_recipients', ids);
  }

  get(id: number): CampaignRow | null {
    const row = this.byId.get(id);
    return row ? toRow(row) : null;
  }

  list(): CampaignRow[] {
    return this.all.all().map(toRow);
  }

  /** Ids of the account's campaigns in state 'sending'. */
  sending(accountId: number): number[] {
    return this.sendingOf.all(accountId).map((r) => r.id);
  }

  /** Creates a draft campaign with its files and recipients; returns its id. */
  create(draft: CampaignContent, resentFrom: number | null = null): number {
    return this.write(() => {
      const id = this.store.createCampaign({ accountId: draft.accountId, subject: draft.subject, state: 'draft' });
      this.replaceContent(id, draft, resentFrom);
      return id;
    });
  }

  /** Replaces a draft's message, options, files and recipients (kept when the draft has none: null) (the campaign goes back to draft). */
  replace(id: number, draft: CampaignContent, at: string): void {
    this.write(() => {
      if (draft.recipients) this.deleteRecipients.run(id);
      this.deleteAttachments.run(id, 'file');
      this.deleteAttachments.run(id, 'zip');
      this.replaceContent(id, draft, this.get(id)?.resentFrom ?? null);
      this.updateState.run({ state: 'draft', detail: null, values: null, at, id });
      this.noteChanged([id]);
    });
  }

  private replaceContent(id: number, draft: CampaignContent, resentFrom: number | null): void {
    this.updateContent.run({
      id,
      accountId: draft.accountId,
      subject: draft.subject,
      text: draft.text,
      html: draft.html,
      receiptVariant: draft.receiptVariant,
      zip: draft.zipAttachments ? 1 : 0,
      cc: JSON.stringify(draft.cc),
      duplicates: draft.duplicates && JSON.stringify(draft.duplicates),
      resentFrom,
    });
    for (const a of draft.attachments) this.addAttachment(id, 'file', a.filename, a.contentType, a.content);
    for (const r of draft.recipients ?? []) this.insertRecipient.run(id, r.address, r.name, r.contactId, JSON.stringify(r.fields));
  }

  /** Deletes a campaign with its files and recipients. */
  remove(id: number): void {
    this.write(() => {
      this.deleteCampaign.run(id);
      this.noteChanged([id]);
    });
  }

  /**
   * The exact bytes submitted to a recipient and the SHA-256 recorded when they were built: from
   * the raw store, or from the queue row for messages built before they were filed there; null
   * when it was never built.
   */
  sentMessage(recipientId: number): { ok: true; raw: Buffer; sha256: string } | Extract<RawReadResult, { ok: false }> | null {
    const row = this.sentBytes.get(recipientId);
    if (!row?.sha256) return null;
    if (row.raw) return { ok: true, raw: row.raw, sha256: row.sha256 };
    const read = row.sentMessageId === null ? null : this.store.readSentRaw(row.sentMessageId);
    if (!read) return null;
    return read.ok ? { ok: true, raw: read.raw, sha256: row.sha256 } : read;
  }

  addAttachment(campaignId: number, role: 'file' | 'zip', filename: string, contentType: string | null, content: Buffer): void {
    this.write(() => {
      this.insertAttachment.run(campaignId, role, filename, contentType, content, content.length, sha256Hex(content));
      this.noteChanged([campaignId]);
    });
  }

  /**
   * Sets the state; `at` (ISO) is when it started or finished, for those states; `detail` why (words),
   * `values` the same as the catalog text and its values (JSON), for the window to word.
   */
  setState(id: number, state: CampaignState, at: string, detail: string | null = null, values: string | null = null): void {
    this.write(() => {
      this.updateState.run({ state, detail, values, at, id });
      this.noteChanged([id]);
    });
  }

  attachments(campaignId: number): CampaignAttachmentInfo[] {
    return this.attachmentInfo.all(campaignId);
  }

  attachmentsWithContent(campaignId: number, role: 'file' | 'zip'): AttachmentContent[] {
    return this.attachmentContent.all(campaignId, role);
  }

  /** The recipients with their values, in the order given. */
  recipients(campaignId: number): RecipientInputRow[] {
    return this.recipientInputs.all(campaignId).map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, string> }));
  }
}
