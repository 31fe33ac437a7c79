// The drafts part of the API contract: single messages saved while they are written (locally
// first, then as the server's copy in Drafts) and single messages started from a template of the
// bulk send. Request schemas in api-drafts-requests.ts; api.ts merges the lists.
import type { ReceiptVariant } from './pec';
import type { DraftView } from './api-values';

/** The drafts methods. */
export const DRAFTS_API_METHODS = ['draftSave', 'draftList', 'draftOpen', 'draftDiscard', 'draftFromTemplate', 'draftListOthers', 'draftOpenOther'] as const;

/** Name of a drafts method. */
export type DraftsApiMethod = (typeof DRAFTS_API_METHODS)[number];

/** A file of a draft as the composer holds an upload. */
export interface DraftUpload {
  filename: string;
  contentType: string;
  dataBase64: string;
  size: number;
}

/** A draft to open in the composer: its fields, its files and, once saved, its id. */
export interface EditableDraft extends DraftView {
  /** Null for a draft never saved. */
  draftId: number | null;
  receiptVariant: ReceiptVariant;
  /** Files as uploads (a saved draft keeps the bytes of every file, forwarded parts too). */
  uploads: DraftUpload[];
}

/** How a save went: the local copy is always there when ok; the server's copy may have failed. */
export interface DraftSaveView {
  draftId: number;
  updatedAt: string;
  /** saved: the server's Drafts has this version; failed: only the local copy (serverDetail says why); local: no account chosen yet. */
  server: 'saved' | 'failed' | 'local';
  serverDetail: string | null;
}

/** One draft in Bozze. */
export interface DraftSummary {
  draftId: number;
  accountId: string | null;
  to: string[];
  subject: string;
  updatedAt: string;
  attachments: number;
  /** The server's Drafts folder holds the last version. */
  onServer: boolean;
}

/** A draft another program (webmail, a phone) left in the account's server Drafts folder. */
export interface OtherDraftSummary {
  /** The synced message: draftOpenOther makes it a draft of PecDesk's. */
  messageId: number;
  to: string[];
  subject: string;
  date: string | null;
  hasAttachments: boolean;
}

/** A draft made from a template, with the placeholders no value was found for (left visible in the text). */
export interface TemplateDraftView extends EditableDraft {
  /** The template's text, put above the signature (html holds the quoted message of a reply). */
  lead: string;
  missing: string[];
}

/** What a composer tab opens: a new message, a reply or forward, a saved draft or a template's message. */
export type ComposerDraft = DraftView & Partial<Pick<TemplateDraftView, 'draftId' | 'receiptVariant' | 'uploads' | 'lead' | 'missing'>>;

/** What each drafts method resolves to. */
export interface DraftsApiResponses {
  /** Saves the composer's draft locally, then replaces its copy on the server. */
  draftSave: DraftSaveView;
  /** The drafts of an account (or all), the last edited first. */
  draftList: DraftSummary[];
  /** A saved draft, for the composer. */
  draftOpen: EditableDraft;
  /** Deletes a draft here and on the server; serverRemoved false names the copy left there. */
  draftDiscard: { serverRemoved: boolean; detail: string | null };
  /** A new message, or a reply to a message, with a template's text and files. */
  draftFromTemplate: TemplateDraftView;
  /** The drafts other programs left in the account's server Drafts, as last synced, the newest first. */
  draftListOthers: OtherDraftSummary[];
  /** Such a draft made one of PecDesk's (saved here; its first save replaces it on the server), for the composer. */
  draftOpenOther: EditableDraft;
}
