// Request schemas of the keeping methods (see api-keeping.ts for what they return).
import { z } from 'zod';
import type { KeepingApiMethod } from './api-keeping';

const id = z.number().int().positive();
/** A calendar day, YYYY-MM-DD (midnight UTC). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
/** An archive uploaded for import: 256 MiB, as base64. */
export const MAX_ARCHIVE_UPLOAD_BASE64 = Math.ceil((256 * 1024 * 1024) / 3) * 4;

export const keepingRequestSchemas = {
  getImportedFolder: z.strictObject({}),
  listImported: z.strictObject({
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(500),
    sort: z.enum(['date', 'from', 'subject', 'size']),
    direction: z.enum(['asc', 'desc']),
  }),
  /** The id openEml / openEmlDialog gave the file. */
  keepOpenedFile: z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{8,64}$/) }),
  archiveMessages: z.strictObject({
    scope: z.union([
      /** The messages chosen in a list. */
      z.strictObject({ messageIds: z.array(id).min(1).max(10_000) }),
      /** A folder, or every folder (folderId omitted, before required): messages dated before `before` when given. */
      z.strictObject({ folderId: id.optional(), before: day.optional() }).refine((s) => s.folderId !== undefined || s.before !== undefined, 'choose a folder or a date'),
    ]),
    folder: z.string().regex(/^[0-9a-f]{32}$/, 'not a folder token: choose the folder with chooseFolder'),
    removeFromServer: z.boolean(),
  }),
  cancelArchive: z.strictObject({}),
  getNotificationSettings: z.strictObject({}),
  printMessage: z.strictObject({ messageId: id, pdf: z.boolean() }),
  setNotificationSettings: z.strictObject({
    newPec: z.boolean(),
    deliveryFailed: z.boolean(),
    missingDeliveries: z.boolean(),
    missingAfterHours: z.number().int().min(1).max(720),
  }),
  importArchive: z.strictObject({
    name: z.string().min(1).max(500),
    /** The .zip or .eml, base64 (the page's file input, in the app and the browser build alike). */
    dataBase64: z.string().max(MAX_ARCHIVE_UPLOAD_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    /** The account whose mailbox the messages came from, so receipts link to its sent messages; omitted: none. */
    accountId: z.string().min(1).max(100).optional(),
  }),
} satisfies { [M in KeepingApiMethod]: z.ZodType };
