// Request schemas of the drafts methods (values in api-drafts.ts). A draft is saved as typed: its
// addresses are checked only when it is sent, so a half-written address never blocks a save.
import { z } from 'zod';
import type { DraftsApiMethod } from './api-drafts';

const id = z.number().int().positive();
const accountId = z.string().min(1).max(100);
/** Largest attachment accepted over the API (the same bound as the composer's uploads). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const base64 = z
  .string()
  .max(Math.ceil(MAX_FILE_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const messageRef = z.union([z.strictObject({ messageId: id }), z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{8,64}$/) })]);
const partId = z.string().min(1).max(64).regex(/^[a-z]+:[0-9a-z.-]+$/i, 'not a part id');
const typedAddresses = z.array(z.string().max(320)).max(500);

export const draftsRequestSchemas = {
  draftSave: z.strictObject({
    draftId: id.nullable(),
    accountId: accountId.nullable(),
    to: typedAddresses,
    cc: typedAddresses,
    subject: z.string().max(998),
    html: z.string().max(MAX_FILE_BYTES),
    receiptVariant: z.enum(['completa', 'breve', 'sintetica']),
    inReplyTo: z.string().max(998).nullable(),
    references: z.array(z.string().max(998)).max(100),
    attachments: z
      .array(
        z.union([
          z.strictObject({ ref: messageRef, partId }),
          z.strictObject({ filename: z.string().max(1_000), contentType: z.string().max(200), dataBase64: base64 }),
        ]),
      )
      .max(100),
  }),
  draftList: z.strictObject({ accountId: accountId.optional() }),
  draftOpen: z.strictObject({ draftId: id }),
  draftDiscard: z.strictObject({ draftId: id }),
  draftFromTemplate: z.strictObject({
    templateId: id,
    accountId: accountId.nullable(),
    /** A reply to this message (to its real sender) instead of a new message. */
    replyTo: messageRef.nullable(),
    to: typedAddresses,
  }),
  draftListOthers: z.strictObject({ accountId }),
  draftOpenOther: z.strictObject({ messageId: id }),
} satisfies { [M in DraftsApiMethod]: z.ZodType };
