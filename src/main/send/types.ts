// Value types of the bulk-send domain. The plain-data ones the API contract needs live in
// src/shared/api-send-values.ts and are re-exported here; what stays here holds Buffers (files
// going in) or is the domain's own result shape.
import type { CheckReport } from '../../shared/api-send-values';
import type { ReceiptVariant } from '../../shared/pec';

export * from '../../shared/api-send-values';

/** A file to send with the campaign. */
export interface CampaignAttachmentInput {
  filename: string;
  content: Buffer;
  contentType?: string;
}

/** One recipient as given: its address, the name shown in To, and its placeholder values. */
export interface CampaignRecipientInput {
  address: string;
  name?: string;
  contactId?: number | null;
  /** Values for {{placeholders}} (contact fields, imported columns); keys are normalized like contact fields. */
  fields?: Record<string, string>;
}

/** What the composer saves: the message, its options and its recipients. */
export interface CampaignDraft {
  /** The store's account row id. */
  accountId: number;
  subject: string;
  text?: string;
  html?: string;
  attachments?: CampaignAttachmentInput[];
  /** X-TipoRicevuta (default completa). */
  receiptVariant?: ReceiptVariant;
  /** "Comprimi allegati in zip": all attachments as one allegati.zip. */
  zipAttachments?: boolean;
  /** Addresses copied on every message (each recipient sees them). Empty by default. */
  cc?: string[];
  /** The list; absent in an update: the list kept in the store stays (it is edited with Campaigns.draftRecipients). */
  recipients?: CampaignRecipientInput[];
}

/** Why a campaign operation failed. */
export type CampaignErrorCode = 'not-found' | 'invalid-draft' | 'wrong-state' | 'checks-failed' | 'account' | 'export-failed';

/** A campaign operation's answer. */
export type CampaignResult<T> = { ok: true; value: T } | { ok: false; code: CampaignErrorCode; detail: string; report?: CheckReport };
