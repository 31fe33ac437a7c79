// Request schemas of the store-health methods (see api-store-health.ts for what they return).
import { z } from 'zod';
import type { StoreHealthApiMethod } from './api-store-health';

export const storeHealthRequestSchemas = {
  getStoreHealth: z.strictObject({}),
  restoreStoreFromBackup: z.strictObject({}),
} satisfies { [M in StoreHealthApiMethod]: z.ZodType };
