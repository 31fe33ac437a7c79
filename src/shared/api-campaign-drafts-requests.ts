// Request schemas of the campaign-draft methods (values in api-campaign-drafts.ts). Addresses are
// not checked here: the draft keeps an invalid one so the pre-send check can name it.
import { z } from 'zod';
import type { CampaignDraftApiMethod } from './api-campaign-drafts';

const id = z.number().int().positive();
/** Recipients per call: a 100,000-row list goes in chunks, each a quick transaction. */
const CHUNK = 10_000;

const recipient = z.strictObject({
  address: z.string().max(320),
  name: z.string().max(500).optional(),
  contactId: id.nullable().optional(),
  fields: z
    .record(z.string().max(100), z.string().max(5_000))
    .refine((r) => Object.keys(r).length <= 200, 'too many fields')
    .optional(),
});

const chunk = z.strictObject({ id, recipients: z.array(recipient).max(CHUNK) });

export const campaignDraftRequestSchemas = {
  campaignDraftRecipientsAdd: chunk,
  campaignDraftRecipientsAddContacts: z.strictObject({ id, contactIds: z.array(id).max(100_000), groupIds: z.array(id).max(1_000) }),
  campaignDraftRecipientsRemove: z.strictObject({ id, addresses: z.array(z.string().max(320)).min(1).max(CHUNK) }),
  campaignDraftRecipientsReplace: chunk,
  campaignDraftRecipientsPage: z.strictObject({ id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1_000) }),
  campaignDraftRecipientsCount: z.strictObject({ id }),
} satisfies { [M in CampaignDraftApiMethod]: z.ZodType };
