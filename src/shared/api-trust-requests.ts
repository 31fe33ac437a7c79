// Request schemas of the trust methods (see api-trust.ts for what they return).
import { z } from 'zod';
import type { TrustApiMethod } from './api-trust';

export const trustRequestSchemas = {
  listReceiptsToVerify: z.strictObject({
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(500),
  }),
} satisfies { [M in TrustApiMethod]: z.ZodType };
