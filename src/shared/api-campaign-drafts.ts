// The campaign-draft part of the API contract (issue #14 §3): a bulk-send draft's recipient list
// (up to 100,000) lives in the engine, kept in the store as the user edits it; the bulk composer
// adds chunks (typed, pasted, a spreadsheet's rows, a contacts group), removes addresses, replaces
// the list, and shows one page at a time with the count. campaignCreate/campaignUpdate without
// recipients leave the list as kept. Request schemas in api-campaign-drafts-requests.ts.

/** The campaign-draft methods. */
export const CAMPAIGN_DRAFT_API_METHODS = [
  'campaignDraftRecipientsAdd',
  'campaignDraftRecipientsAddContacts',
  'campaignDraftRecipientsRemove',
  'campaignDraftRecipientsReplace',
  'campaignDraftRecipientsPage',
  'campaignDraftRecipientsCount',
] as const;

/** Name of a campaign-draft method. */
export type CampaignDraftApiMethod = (typeof CAMPAIGN_DRAFT_API_METHODS)[number];

/** What a change to a draft's list did, and the list's length now. */
export interface DraftRecipientsChangeView {
  added: number;
  removed: number;
  /** Addresses given that the list already had (kept once; the pre-send check names them). */
  duplicates: number;
  total: number;
}

/** One recipient of a draft's list. */
export interface DraftRecipientView {
  id: number;
  address: string;
  name: string | null;
  contactId: number | null;
  fields: Record<string, string>;
}

/** A page of a draft's list, in the order it was made. */
export interface DraftRecipientsPageView {
  total: number;
  rows: DraftRecipientView[];
}

/** What each campaign-draft method resolves to. */
export interface CampaignDraftApiResponses {
  /** Adds a chunk of recipients (each address once). */
  campaignDraftRecipientsAdd: DraftRecipientsChangeView;
  /** Adds contacts and the members of contact groups, with their fields for the placeholders. */
  campaignDraftRecipientsAddContacts: DraftRecipientsChangeView;
  campaignDraftRecipientsRemove: DraftRecipientsChangeView;
  /** Empties the list and adds this chunk (the next chunks go with campaignDraftRecipientsAdd). */
  campaignDraftRecipientsReplace: DraftRecipientsChangeView;
  campaignDraftRecipientsPage: DraftRecipientsPageView;
  campaignDraftRecipientsCount: { total: number };
}
