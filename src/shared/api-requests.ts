// The request payload of every API method, as zod schemas. The main process parses each payload
// with these before a handler sees it (a renderer is untrusted input); the types are inferred from
// the same schemas so the contract cannot drift from the checks.
import { z } from 'zod';
import { checkAddressDomain } from './address-domain';
import type { ApiMethod } from './api';
import { contactsRequestSchemas } from './api-contacts-requests';
import { campaignDraftRequestSchemas } from './api-campaign-drafts-requests';
import { draftsRequestSchemas } from './api-drafts-requests';
import { organizeRequestSchemas } from './api-organize-requests';
import { keepingRequestSchemas } from './api-keeping-requests';
import { providerIndexRequestSchemas } from './api-provider-index-requests';
import { sendRequestSchemas } from './api-send-requests';
import { storeHealthRequestSchemas } from './api-store-health-requests';
import { trustRequestSchemas } from './api-trust-requests';

const id = z.number().int().positive();
const shortText = z.string().max(1_000);
const address = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'not an e-mail address')
  // A domain mixing writing systems ("pес.it" with Cyrillic letters) imitates another one.
  .refine((a) => checkAddressDomain(a)?.verdict !== 'mixed', 'the domain mixes writing systems (look-alike letters of another domain)');
/** Largest .eml file or upload accepted over the API (providers cap PEC messages well below this). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const base64 = z
  .string()
  .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const partId = z.string().min(1).max(64).regex(/^[a-z]+:[0-9a-z.-]+$/i, 'not a part id');

/** Where a message comes from: the store, or a file opened from disk. */
export const messageRefSchema = z.union([z.strictObject({ messageId: id }), z.strictObject({ fileId: z.string().regex(/^[0-9a-f]{8,64}$/) })]);

const accountId = z.string().min(1).max(100);
/** A folder chosen in the main process (chooseFolder): never a path from the page. */
const folderToken = z.string().regex(/^[0-9a-f]{32}$/, 'not a folder token: choose the folder with chooseFolder');

/** What the composer sends (one PEC to its To and Cc), without the recipients. */
const outgoing = {
  accountId,
  subject: z.string().max(998),
  html: z.string().max(MAX_UPLOAD_BYTES),
  inReplyTo: z.string().max(998).nullable(),
  references: z.array(z.string().max(998)).max(100),
  receiptVariant: z.enum(['completa', 'breve', 'sintetica']),
  attachments: z
    .array(
      z.union([
        z.strictObject({ ref: messageRefSchema, partId }),
        z.strictObject({ filename: shortText, contentType: z.string().max(200), dataBase64: base64 }),
      ]),
    )
    .max(100),
};
/** An address as the user typed it. */
const typedAddress = z.string().max(320);

const endpoint = z.strictObject({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'not a host name'),
  port: z.number().int().min(1).max(65_535),
  security: z.enum(['tls', 'starttls', 'none']),
  username: z.string().trim().min(1).max(320),
});

const accountFields = {
  name: z.string().trim().min(1).max(200),
  address,
  kind: z.enum(['pec', 'ordinary']),
  providerId: z.string().max(64).nullable(),
  imap: endpoint,
  smtp: endpoint,
  /** Omitted when editing an account whose password does not change. */
  password: z.string().min(1).max(1_000).optional(),
};

const empty = z.strictObject({});

/** Which page of a message list, in which order. */
const listPage = {
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
  sort: z.enum(['date', 'from', 'subject', 'size']),
  direction: z.enum(['asc', 'desc']),
};

/** Request schemas, one per API method, keyed by method name. */
export const requestSchemas = {
  getAppInfo: empty,
  getStorageInfo: empty,
  setUiLanguage: z.object({ language: z.enum(['it', 'en']) }).strict(),
  listAccounts: empty,
  listPresets: empty,
  saveAccount: z.strictObject({
    id: accountId.optional(),
    ...accountFields,
    sentFolder: z.string().min(1).max(500).nullable(),
    receiptsFolder: z.string().trim().min(1).max(500),
    receiptsMode: z.enum(['move', 'local']),
    signatureHtml: z.string().max(2 * 1024 * 1024),
    /** The pace the user set (null: the provider's); omitted: unchanged. */
    rateLimit: z.strictObject({ perMinute: z.number().int().min(1).max(1_000).nullable(), perHour: z.number().int().min(1).max(100_000).nullable() }).optional(),
  }),
  removeAccount: z.strictObject({ accountId, mode: z.enum(['archive', 'delete']) }),
  listArchivedAccounts: empty,
  /** With accountId and no password, the saved password is used. */
  testConnection: z.strictObject({ ...accountFields, accountId: accountId.optional() }),
  getSecretsStatus: empty,
  unlockSecrets: z.strictObject({ password: z.string().min(1).max(1_000) }),
  createMasterPassword: z.strictObject({ password: z.string().min(1).max(1_000) }),
  listFolders: z.strictObject({ accountId: accountId.optional() }),
  listMessages: z.strictObject({ folderId: id, ...listPage }),
  searchMessages: z.strictObject({
    /** What the user typed, in the search syntax (src/main/search/syntax.ts); never FTS5 or SQL syntax. */
    query: z.string().max(500),
    /** Omitted: every folder of every account. */
    folderId: id.optional(),
    ...listPage,
  }),
  getMessage: z.strictObject({ ref: messageRefSchema }),
  openEml: z.strictObject({ name: shortText, dataBase64: base64 }),
  openEmlDialog: empty,
  listAttachments: z.strictObject({ ref: messageRefSchema }),
  getAttachment: z.strictObject({ ref: messageRefSchema, partId, inner: z.boolean() }),
  saveAttachments: z.strictObject({
    ref: messageRefSchema,
    /** Empty means every attachment of the sender's original. */
    partIds: z.array(partId).max(1_000),
    /** Save the document inside a .p7m instead of the signed file. */
    inner: z.boolean(),
    folder: folderToken,
    overwrite: z.boolean(),
  }),
  saveMessage: z.strictObject({ ref: messageRefSchema, folder: folderToken, overwrite: z.boolean() }),
  openAttachment: z.strictObject({ ref: messageRefSchema, partId, inner: z.boolean() }),
  chooseFolder: empty,
  listReceipts: z.strictObject({ sentMessageId: id }),
  getDeliveries: z.strictObject({ sentMessageId: id }),
  exportSentEvidence: z.strictObject({ sentMessageId: id }),
  syncNow: z.strictObject({ accountId: accountId.optional() }),
  setSeen: z.strictObject({ messageIds: z.array(id).min(1).max(10_000), seen: z.boolean() }),
  /** Messages of the folder a list shows, to another folder of the same account. */
  moveMessages: z.strictObject({ fromFolderId: id, messageIds: z.array(id).min(1).max(10_000), toFolderId: id }),
  /** Messages of the folder a list shows: to Trash, or for good (permanently: only after the user confirmed). */
  deleteMessages: z.strictObject({ folderId: id, messageIds: z.array(id).min(1).max(10_000), permanently: z.boolean() }),
  addContactFromMessage: z.strictObject({ ref: messageRefSchema }),
  allowRemoteContent: z.strictObject({ ref: messageRefSchema, scope: z.enum(['message', 'sender']) }),
  fetchRemoteImages: z.strictObject({ ref: messageRefSchema, urls: z.array(z.url({ protocol: /^https?$/ })).max(200) }),
  prepareDraft: z.strictObject({ ref: messageRefSchema, mode: z.enum(['reply', 'replyAll', 'forward', 'forwardAttachments']) }),
  /** draftId: the saved draft this message was written in, removed once the message is sent. */
  sendMessage: z.strictObject({ ...outgoing, to: z.array(address).min(1).max(500), cc: z.array(address).max(500), draftId: id.nullable().optional() }),
  sendState: z.strictObject({ sentMessageId: id }),
  /** Addresses as typed: the check names the invalid ones in words (sendMessage refuses them). */
  checkMessage: z.strictObject({ ...outgoing, to: z.array(typedAddress).max(500), cc: z.array(typedAddress).max(500) }),
  openExternal: z.strictObject({ url: z.string().max(8_192) }),
  copyDiagnostics: empty,
  ...contactsRequestSchemas,
  ...sendRequestSchemas,
  ...providerIndexRequestSchemas,
  ...trustRequestSchemas,
  ...storeHealthRequestSchemas,
  ...draftsRequestSchemas,
  ...organizeRequestSchemas,
  ...keepingRequestSchemas,
  ...campaignDraftRequestSchemas,
} satisfies { [M in ApiMethod]: z.ZodType };
