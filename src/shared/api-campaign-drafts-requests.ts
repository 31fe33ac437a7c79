// Request schemas of the campaign-draft methods (values in api-campaign-drafts.ts). Addresses are
// not checked here: the draft keeps an invalid one so the pre-send check can name it.
import { z } from 'zod';
import type { CampaignDraftApiMethod } from './api-campaign-drafts';
import { campaignRecipientSchema } from './api-send-requests';

const id = z.number().int().positive();
/** Recipients per call: a 100,000-row list goes in chunks, each a quick transaction. */
const CHUNK = 10_000;

const chunk = z.strictObject({ id, recipients: z.array(campaignRecipientSchema).max(CHUNK) });

export const campaignDraftRequestSchemas = {
  campaignDraftRecipientsAdd: chunk,
  campaignDraftRecipientsAddContacts: z.strictObject({ id, contactIds: z.array(id).max(100_000), groupIds: z.array(id).max(1_000) }),
  campaignDraftRecipientsRemove: z.strictObject({ id, addresses: z.array(z.string().max(320)).min(1).max(CHUNK) }),
  campaignDraftRecipientsReplace: chunk,
  campaignDraftRecipientsPage: z.strictObject({ id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1_000) }),
  campaignDraftRecipientsCount: z.strictObject({ id }),
} satisfies { [M in CampaignDraftApiMethod]: z.ZodType };
