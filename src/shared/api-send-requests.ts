// Request schemas of the bulk-send methods (see api-send.ts for what they return). requestSchemas
// in api-requests.ts includes these; the main process parses every payload with them. Addresses
// are not checked here: the domain keeps an invalid one in the draft so the pre-send check can
// name it, and sending stays blocked until the user fixes it.
import { z } from 'zod';
import type { SendApiMethod } from './api-send';
import { RECIPIENT_STATUSES, type RecipientStatus } from './api-send-values';

const id = z.number().int().positive();
const campaign = z.strictObject({ id });
/** Largest attachment payload of a campaign (providers cap a PEC message far below; the check says so). */
const MAX_ATTACHMENTS_BYTES = 48 * 1024 * 1024;
const base64 = z
  .string()
  .max(Math.ceil(MAX_ATTACHMENTS_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
/** Account ids cross the API as strings (AccountView.id); the send domain keys them by store row. */
const accountId = z.string().regex(/^[1-9][0-9]{0,15}$/, 'not an account id').transform(Number);
/** The most recipients one campaign takes (the contacts importer's row limit). */
const MAX_RECIPIENTS = 100_000;

/** One recipient of a bulk send as the composer gives it (also what a draft's list is edited with). */
export const campaignRecipientSchema = z.strictObject({
  address: z.string().max(320),
  name: z.string().max(500).optional(),
  contactId: id.nullable().optional(),
  fields: z
    .record(z.string().max(100), z.string().max(5_000))
    .refine((r) => Object.keys(r).length <= 200, 'too many fields')
    .optional(),
});

const draft = z.strictObject({
  accountId,
  subject: z.string().max(998),
  text: z.string().max(MAX_ATTACHMENTS_BYTES).optional(),
  html: z.string().max(MAX_ATTACHMENTS_BYTES).optional(),
  /** A new file, or (campaignUpdate) one the draft already holds, by its id: the composer never has to send it again. */
  attachments: z
    .array(
      z.union([
        z.strictObject({ filename: z.string().trim().min(1).max(255), contentType: z.string().max(200).optional(), dataBase64: base64 }),
        z.strictObject({ keep: id }),
      ]),
    )
    .max(100),
  receiptVariant: z.enum(['completa', 'breve', 'sintetica']),
  zipAttachments: z.boolean(),
  cc: z.array(z.string().max(320)).max(100),
  /** The whole list (a draft saved in one go: CLI, tests, a template); absent, campaignUpdate keeps the list kept in the store (api-campaign-drafts.ts). */
  recipients: z.array(campaignRecipientSchema).max(MAX_RECIPIENTS).optional(),
});

/** Request schemas of the bulk-send methods, keyed by method name. */
export const sendRequestSchemas = {
  campaignCreate: draft,
  campaignUpdate: z.strictObject({ id, draft }),
  campaignRemove: campaign,
  campaignList: z.strictObject({}),
  campaignGet: campaign,
  campaignRecipients: z.strictObject({
    id,
    statuses: z.array(z.enum(RECIPIENT_STATUSES as readonly RecipientStatus[] as [RecipientStatus, ...RecipientStatus[]])).max(20).optional(),
    overdueOnly: z.boolean().optional(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1_000),
  }),
  campaignPreview: z.strictObject({ id, recipientId: id }),
  campaignCheck: campaign,
  campaignStart: campaign,
  campaignPause: campaign,
  campaignResume: campaign,
  campaignCancel: campaign,
  campaignResendFailed: campaign,
  campaignExport: campaign,
  campaignPacing: z.strictObject({ accountId }),
  recipientsFromContacts: z.strictObject({ contactIds: z.array(id).max(MAX_RECIPIENTS), groupIds: z.array(id).max(1_000) }),
  campaignTemplateSave: z.strictObject({ campaignId: id, name: z.string().trim().min(1).max(200) }),
  campaignTemplateList: z.strictObject({}),
  campaignTemplateRemove: z.strictObject({ id }),
  campaignFromTemplate: z.strictObject({ templateId: id, accountId }),
} satisfies { [M in SendApiMethod]: z.ZodType };
