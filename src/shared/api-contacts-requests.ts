// Request schemas of the contacts methods (see api-contacts.ts for the values they return).
// requestSchemas in api-requests.ts includes these; the main process parses every payload with them.
import { z } from 'zod';
import { CONTACT_COLUMNS, type ContactsApiMethod } from './api-contacts';

const id = z.number().int().positive();
const text = (max: number) => z.string().max(max);
/** Largest spreadsheet accepted from the browser: the web bridge's frame limit (MAX_UPLOAD_BYTES) allows no more. */
const MAX_SPREADSHEET_BYTES = 48 * 1024 * 1024;
const base64 = z
  .string()
  .max(Math.ceil(MAX_SPREADSHEET_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const fileId = z.string().regex(/^[0-9a-f]{16,64}$/, 'not a file id');
const planId = z.string().regex(/^[0-9a-f]{16,64}$/, 'not a plan id');
const ids = z.array(id).min(1).max(100_000);

const contactInput = z.strictObject({
  id: id.optional(),
  name: text(500).optional(),
  organization: text(500).optional(),
  pec: text(320).optional(),
  email: text(320).optional(),
  taxCode: text(32).optional(),
  fields: z.record(text(100), text(5_000)).refine((r) => Object.keys(r).length <= 200, 'too many free fields').optional(),
  tags: z.array(text(100)).max(100).optional(),
  notes: text(20_000).optional(),
  isPec: z.boolean().optional(),
});

const columnTarget = z.union([
  z.enum([...CONTACT_COLUMNS, 'ignore']),
  z.templateLiteral(['free:', z.string().max(64).regex(/^[a-z0-9]+(_[a-z0-9]+)*$/)]),
]);

const mapping = z.strictObject({
  sheetIndex: z.number().int().min(0).max(10_000),
  headerRowIndex: z.number().int().min(-1).max(10_000),
  columns: z.array(columnTarget).min(1).max(16_384),
});

const groupName = z.string().trim().min(1).max(200);

/** Request schemas of the contacts methods. */
export const contactsRequestSchemas = {
  contactsList: z.strictObject({
    groupId: id.optional(),
    query: text(200).optional(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1_000),
  }),
  contactsSuggest: z.strictObject({ query: text(200), limit: z.number().int().min(1).max(50) }),
  contactGet: z.strictObject({ contactId: id }),
  contactSave: z.strictObject({ contact: contactInput }),
  contactsRemove: z.strictObject({ contactIds: ids }),
  contactsDuplicates: z.strictObject({}),
  contactsMerge: z.strictObject({ keepId: id, otherId: id }),
  pecStatuses: z.strictObject({ addresses: z.array(text(320)).max(500) }),
  groupsList: z.strictObject({}),
  groupCreate: z.strictObject({ name: groupName }),
  groupRename: z.strictObject({ groupId: id, name: groupName }),
  groupRemove: z.strictObject({ groupId: id }),
  groupAddMembers: z.strictObject({ groupId: id, contactIds: ids }),
  groupRemoveMembers: z.strictObject({ groupId: id, contactIds: ids }),
  contactsExport: z.strictObject({ groupId: id.optional(), format: z.enum(['xlsx', 'csv']) }),
  chooseSpreadsheetFile: z.strictObject({}),
  uploadImportFile: z.strictObject({ name: z.string().trim().min(1).max(255), dataBase64: base64 }),
  importPreview: z.strictObject({ fileId, sheetIndex: z.number().int().min(0).max(10_000).optional() }),
  importPlan: z.strictObject({ fileId, mapping, groupName: groupName.optional(), duplicatePolicy: z.enum(['skip', 'update', 'keep-both']) }),
  importPlanRows: z.strictObject({
    planId,
    filter: z.enum(['all', 'problems', 'valid', 'invalid', 'duplicates', 'empty']),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1_000),
  }),
  importCommit: z.strictObject({ planId }),
  importSaveReport: z.strictObject({ planId }),
} satisfies { [M in ContactsApiMethod]: z.ZodType };
