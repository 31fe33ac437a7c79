// Recording what PecDesk (or the user, through `pecdesk import --as-sent`) sent: one
// sent_messages row, one deliveries row per To/Cc recipient, the raw bytes if given; then the
// receipts that arrived before the sent message was known are linked to it.
import type Database from 'better-sqlite3';
import { messageIdLocalPart, normalizeMessageId } from '../pec';
import type { ChangeTracker } from './changes';
import type { Linker } from './link';
import type { PackedEntry } from './packStore';
import { writeRaw } from './rawStore';
import type { NewSentMessage, SentStatus } from './types';
import { lowerAddress, nowIso } from './values';

/** Outcome of recordSent: the row (created now, or already there with that Message-ID). */
export type RecordSentResult =
  | { ok: true; sentMessageId: number; created: boolean }
  | { ok: false; code: 'invalid-message-id' | 'invalid-recipient' | 'no-recipients' | 'raw-write-failed'; detail: string };

/** Statuses the sending side sets; accepted / not-accepted come only from receipts. */
export type SubmissionStatus = Extract<SentStatus, 'queued' | 'submitted' | 'submit-failed'>;

/** Prepared statements for sent messages and campaigns. */
export class SentRecorder {
  private readonly insertSent: Database.Statement<Record<string, unknown>, { id: number }>;
  private readonly findSent: Database.Statement<[string], { id: number }>;
  private readonly insertDelivery: Database.Statement<[number, string, string], { id: number }>;
  private readonly updateStatus: Database.Statement<[string, number], { id: number }>;
  private readonly insertCampaign: Database.Statement<[number | null, string, string, string], { id: number }>;

  constructor(
    db: Database.Database,
    private readonly storeDir: string,
    private readonly changes: ChangeTracker,
    private readonly linker: Linker,
  ) {
    this.insertSent = db.prepare(
      `INSERT INTO sent_messages (message_id, local_part, account_id, campaign_id, from_addr, subject, status, raw_sha256, raw_path, raw_offset, raw_length, created_at)
       VALUES (@messageId, @localPart, @accountId, @campaignId, @from, @subject, @status, @rawSha256, @rawPath, @rawOffset, @rawLength, @createdAt)
       ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    );
    this.findSent = db.prepare('SELECT id FROM sent_messages WHERE message_id = ?');
    this.insertDelivery = db.prepare('INSERT INTO deliveries (sent_message_id, address, field) VALUES (?, ?, ?) RETURNING id');
    this.updateStatus = db.prepare(
      `UPDATE sent_messages SET status = ? WHERE id = ? AND status NOT IN ('accepted', 'not-accepted') RETURNING id`,
    );
    this.insertCampaign = db.prepare('INSERT INTO campaigns (account_id, subject, state, created_at) VALUES (?, ?, ?, ?) RETURNING id');
  }

  /** Records a sent message and its recipients; the same Message-ID twice is recorded once. */
  recordSent(input: NewSentMessage): RecordSentResult {
    const messageId = normalizeMessageId(input.messageId);
    if (!messageId) return { ok: false, code: 'invalid-message-id', detail: `not a Message-ID: ${JSON.stringify(input.messageId)}` };
    const recipients = recipientsOf(input.to, input.cc ?? []);
    if (!recipients.ok) return recipients;
    if (recipients.list.length === 0) return { ok: false, code: 'no-recipients', detail: 'a sent message needs at least one recipient' };
    let rawSha256: string | null = null;
    let packed: PackedEntry | null = null;
    if (input.raw) {
      const written = writeRaw(this.storeDir, input.raw);
      if (!written.ok) return written;
      rawSha256 = written.sha256;
    } else if (input.rawSha256) {
      // Already on disk: the caller filed the bytes with storeSentRaw before this row commits.
      rawSha256 = input.rawSha256;
      packed = input.rawPacked?.sha256 === rawSha256 ? input.rawPacked : null;
    }
    return this.changes.write(() => {
      const localPart = messageIdLocalPart(messageId);
      const inserted = this.insertSent.get({
        messageId,
        localPart,
        accountId: input.accountId ?? null,
        campaignId: input.campaignId ?? null,
        from: lowerAddress(input.from) ?? input.from ?? null,
        subject: input.subject,
        status: input.status ?? 'queued',
        rawSha256,
        rawPath: packed?.relPath ?? null,
        rawOffset: packed?.offset ?? null,
        rawLength: packed?.length ?? null,
        createdAt: nowIso(),
      });
      if (!inserted) return { ok: true, sentMessageId: this.findSent.get(messageId)!.id, created: false };
      const deliveryIds = recipients.list.map(([address, field]) => this.insertDelivery.get(inserted.id, address, field)!.id);
      this.changes.note('sent_messages', [inserted.id]);
      this.changes.note('deliveries', deliveryIds);
      this.linker.linkPendingFor(messageId, localPart);
      return { ok: true, sentMessageId: inserted.id, created: true };
    });
  }

  /** Moves a sent message along its submission; never overrides what a receipt established. */
  setSentStatus(sentMessageId: number, status: SubmissionStatus): boolean {
    return this.changes.write(() => {
      const updated = this.updateStatus.get(status, sentMessageId);
      if (updated) this.changes.note('sent_messages', [updated.id]);
      return !!updated;
    });
  }

  /** Creates a bulk send; its sent messages name it with campaignId. */
  createCampaign(input: { accountId?: number | null; subject: string; state?: string }): number {
    return this.changes.write(() => {
      const { id } = this.insertCampaign.get(input.accountId ?? null, input.subject, input.state ?? 'draft', nowIso())!;
      this.changes.note('campaigns', [id]);
      return id;
    });
  }
}

type Recipients = { ok: true; list: [string, 'to' | 'cc'][] } | { ok: false; code: 'invalid-recipient'; detail: string };

/** To then Cc, lowercased, each address once (an address in both counts as To). */
function recipientsOf(to: string[], cc: string[]): Recipients {
  const seen = new Map<string, 'to' | 'cc'>();
  for (const [field, list] of [['to', to], ['cc', cc]] as const) {
    for (const value of list) {
      const address = lowerAddress(value);
      if (!address) return { ok: false, code: 'invalid-recipient', detail: `not an e-mail address: ${JSON.stringify(value)}` };
      if (!seen.has(address)) seen.set(address, field);
    }
  }
  return { ok: true, list: [...seen] };
}
