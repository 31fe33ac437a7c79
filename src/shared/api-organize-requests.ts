// Request schemas of the organize methods (see api-organize.ts for what they return).
import { z } from 'zod';
import type { OrganizeApiMethod } from './api-organize';
import { RULE_LIMITS, RULE_PEC_TYPES, RULE_TEXT_FIELDS } from './rules';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(10_000);
/** A folder's own name (one level): the server's hierarchy delimiter is refused by the engine, which knows it. */
const folderName = z.string().trim().min(1).max(200);

const condition = z.union([
  z.strictObject({ field: z.enum(RULE_TEXT_FIELDS), contains: z.string().max(RULE_LIMITS.text) }),
  z.strictObject({ field: z.literal('pecType'), is: z.enum(RULE_PEC_TYPES) }),
]);
const action = z.union([
  z.strictObject({ kind: z.literal('move'), folderPath: z.string().max(RULE_LIMITS.folderPath) }),
  z.strictObject({ kind: z.literal('tag'), tag: z.string().max(RULE_LIMITS.tag * 4) }),
  z.strictObject({ kind: z.literal('markRead') }),
  z.strictObject({ kind: z.literal('notify') }),
]);

export const organizeRequestSchemas = {
  createFolder: z.strictObject({ accountId: z.string().min(1).max(100), parentFolderId: id.nullable(), name: folderName }),
  renameFolder: z.strictObject({ folderId: id, name: folderName, parentFolderId: id.nullable().optional() }),
  deleteFolder: z.strictObject({ folderId: id }),
  listTags: z.strictObject({}),
  setTag: z.strictObject({ messageIds: ids, tag: z.string().max(RULE_LIMITS.tag * 4), on: z.boolean() }),
  getAnnotations: z.strictObject({ messageId: id }),
  setNote: z.strictObject({ messageId: id, text: z.string().max(20_000) }),
  listRules: z.strictObject({}),
  saveRule: z.strictObject({
    id: id.optional(),
    name: z.string().max(RULE_LIMITS.name * 4),
    accountId: z.string().min(1).max(100).nullable(),
    enabled: z.boolean(),
    conditions: z.array(condition).max(RULE_LIMITS.conditions * 2),
    actions: z.array(action).max(RULE_LIMITS.actions * 2),
  }),
  deleteRule: z.strictObject({ id }),
  reorderRules: z.strictObject({ ids: z.array(id).max(10_000) }),
  applyRules: z.strictObject({ folderId: id }),
  listQuotas: z.strictObject({}),
} satisfies { [M in OrganizeApiMethod]: z.ZodType };
