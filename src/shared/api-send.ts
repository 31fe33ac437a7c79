// The bulk-send part of the API contract (issue #6): method names, what each resolves to, and the
// event that carries the send engine's notices to the renderer. Request schemas are in
// api-send-requests.ts, value types in api-send-values.ts. Kept apart from api.ts like the
// contacts part, so both features add methods in files of their own; api.ts merges the lists.
import type { FileOutput } from './api-contacts';
import type {
  CampaignDetail, CampaignSummary, CampaignTemplate, CheckReport, ExportSummary, MessagePreview, Pacing, RecipientPage, SendNotice,
} from './api-send-values';

/** The bulk-send methods, in the order the API lists them. */
export const SEND_API_METHODS = [
  'campaignCreate',
  'campaignUpdate',
  'campaignRemove',
  'campaignList',
  'campaignGet',
  'campaignRecipients',
  'campaignPreview',
  'campaignCheck',
  'campaignStart',
  'campaignPause',
  'campaignResume',
  'campaignCancel',
  'campaignResendFailed',
  'campaignExport',
  'campaignPacing',
  'recipientsFromContacts',
  'campaignTemplateSave',
  'campaignTemplateList',
  'campaignTemplateRemove',
  'campaignFromTemplate',
] as const;

/** One recipient as the composer lists it before saving (from contacts, groups, typed or pasted). */
export interface CampaignRecipientView {
  address: string;
  name: string | null;
  contactId: number | null;
  /** Placeholder values by key ({{nome}} → fields.nome). */
  fields: Record<string, string>;
}

/** An evidence .zip handed to the user (save dialog in the app, a download in the browser) and what it holds (null when cancelled). */
export type EvidenceExport = FileOutput & { summary: ExportSummary | null };

/** What each bulk-send method resolves to. */
export interface SendApiResponses {
  /** The new draft campaign. */
  campaignCreate: CampaignDetail;
  /** The draft after the change (a checked campaign becomes a draft again). */
  campaignUpdate: CampaignDetail;
  campaignRemove: null;
  /** Every campaign, newest first. */
  campaignList: CampaignSummary[];
  campaignGet: CampaignDetail;
  campaignRecipients: RecipientPage;
  /** One recipient's message with its placeholders filled, and those it lacks. */
  campaignPreview: MessagePreview;
  /** The pre-send checks and the confirmation's numbers. */
  campaignCheck: CheckReport;
  /** Sending started (the user's explicit command); 'checks-failed' when a check finds an error. */
  campaignStart: CheckReport;
  campaignPause: null;
  campaignResume: null;
  /** How many recipients will not be sent to. */
  campaignCancel: { cancelled: number };
  /** A new draft for the recipients that failed or got an error receipt. */
  campaignResendFailed: CampaignDetail;
  /** The campaign's evidence .zip. */
  campaignExport: EvidenceExport;
  /** The account's pacing now, null when it is not sending. */
  campaignPacing: Pacing | null;
  /** The recipients of some contacts and groups, with each contact's placeholder values. */
  recipientsFromContacts: CampaignRecipientView[];
  /** The template made from the campaign's message (no recipients, no Cc). */
  campaignTemplateSave: CampaignTemplate;
  /** Every template, by name. */
  campaignTemplateList: CampaignTemplate[];
  /** Campaigns made from it are left as they are. */
  campaignTemplateRemove: null;
  /** A new draft with the template's message and files, no recipients yet. */
  campaignFromTemplate: CampaignDetail;
}

/**
 * A notice of the send engine (late deliveries, a runner's trouble). Not a copy of the queue's rows:
 * those changes come as store-changed 'campaigns', and the views query again.
 */
export interface SendNoticeEvent {
  type: 'send-notice';
  notice: SendNotice;
}

/** Name of a bulk-send method. */
export type SendApiMethod = (typeof SEND_API_METHODS)[number];
