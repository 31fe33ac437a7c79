// Request schemas of the keeping methods (see api-keeping.ts for what they return).
import { z } from 'zod';
import type { KeepingApiMethod } from './api-keeping';

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
} satisfies { [M in KeepingApiMethod]: z.ZodType };
