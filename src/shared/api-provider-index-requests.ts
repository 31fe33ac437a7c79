// Request schemas of the providers' index methods (values in api-provider-index.ts).
import { z } from 'zod';
import type { ProviderIndexApiMethod } from './api-provider-index';

/** The index is capped at 20 MB (MAX_INDEX_BYTES); an upload a little larger is still refused by the import with its reason. */
const MAX_INDEX_UPLOAD_BYTES = 21 * 1024 * 1024;

export const providerIndexRequestSchemas = {
  providerIndexStatus: z.strictObject({}),
  providerIndexImportDialog: z.strictObject({}),
  providerIndexUpload: z.strictObject({
    name: z.string().min(1).max(255),
    dataBase64: z
      .string()
      .max(Math.ceil(MAX_INDEX_UPLOAD_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
  }),
  providerIndexUpdate: z.strictObject({}),
  providerIndexSetUrl: z.strictObject({ url: z.string().trim().min(1).max(2_000).nullable() }),
} satisfies { [M in ProviderIndexApiMethod]: z.ZodType };
