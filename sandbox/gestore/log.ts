// The submission log: one record per SMTP submission the gestore accepted (or refused, and why), in
// memory and as JSON lines, so tests and benchmarks can prove each message was sent exactly once.
import fs from 'node:fs';
import path from 'node:path';

/** Why a submission was refused: at SMTP time, or by an avviso di non accettazione (RFC 6109 §3.1.1). */
export type RejectReason =
  | 'sender-not-owned'
  | 'rate-limited'
  | 'too-large-smtp'
  | 'from-mismatch'
  | 'no-recipients'
  | 'bcc'
  | 'envelope-mismatch'
  | 'too-large'
  | 'virus';

interface RecordBase {
  /** ISO 8601 time the gestore decided. */
  time: string;
  /** The authenticated mailbox. */
  sender: string;
  /** The SMTP RCPT TO addresses (empty when refused before RCPT). */
  recipients: string[];
  /** The message's Message-ID without angle brackets, null when unknown or absent. */
  messageId: string | null;
  /** The PEC identificativo assigned to it; null for ordinary mail and SMTP refusals. */
  identificativo: string | null;
  /** Size in bytes of the submitted message, null when refused before DATA. */
  size: number | null;
}

/** A submission the gestore took on (accettazione issued, or relayed as ordinary mail). */
export interface AcceptedRecord extends RecordBase {
  type: 'accepted';
  /** false for mail from an ordinary-domain mailbox (relayed without certification). */
  pec: boolean;
  subject: string;
}

/** A submission refused with an SMTP error or an avviso di non accettazione. */
export interface RejectedRecord extends RecordBase {
  type: 'rejected';
  stage: 'smtp' | 'non-accettazione';
  reason: RejectReason;
  detail: string;
}

/** One line of the submission log. */
export type SubmissionRecord = AcceptedRecord | RejectedRecord;

/** The log itself: `records` in order, mirrored to `file` (JSONL) when one is given. */
export class SubmissionLog {
  readonly records: SubmissionRecord[] = [];

  constructor(readonly file: string | null = null) {
    if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  /** Appends a record (and its JSON line). */
  add(record: SubmissionRecord): void {
    this.records.push(record);
    // Synchronous append: a crash right after a 250 still leaves the line on disk.
    if (this.file) fs.appendFileSync(this.file, JSON.stringify(record) + '\n');
  }

  /** The accepted submissions, in order. */
  accepted(): AcceptedRecord[] {
    return this.records.filter((r): r is AcceptedRecord => r.type === 'accepted');
  }

  /** The refused submissions, in order. */
  rejected(): RejectedRecord[] {
    return this.records.filter((r): r is RejectedRecord => r.type === 'rejected');
  }
}
