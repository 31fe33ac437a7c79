// The one contract between the renderer and the main process (CONTRIBUTING.md "One typed contract for
// IPC"): method names, request payloads (./api-requests), responses (./api-values), error codes
// and events. The Electron IPC handlers, the preload, the web bridge and the renderer client are
// all typed from this file. Adding a method: name it here, give it a schema in api-requests.ts
// and a response type below, implement it in src/main/api/.
import type { z } from 'zod';
import { CAMPAIGN_DRAFT_API_METHODS, type CampaignDraftApiResponses } from './api-campaign-drafts';
import { DRAFTS_API_METHODS, type DraftsApiResponses } from './api-drafts';
import { KEEPING_API_METHODS, type ArchiveProgressEvent, type KeepingApiResponses, type NotificationEvent } from './api-keeping';
import { ORGANIZE_API_METHODS, type OrganizeApiResponses, type RuleNotifyEvent } from './api-organize';
import { CONTACTS_API_METHODS, type ContactsApiResponses, type ImportProgressEvent } from './api-contacts';
import { PROVIDER_INDEX_API_METHODS, type ProviderIndexApiResponses, type ProviderIndexRecheckEvent } from './api-provider-index';
import type { ApiErrorParams, ApiErrorReason } from './api-errors';
import type { ImportProblemWording } from './import-problem-texts';
import type { requestSchemas } from './api-requests';
import { SEND_API_METHODS, type EvidenceExport, type SendNoticeEvent, type SendApiResponses } from './api-send';
import type { CheckReport } from './api-send-values';
import { STORE_HEALTH_API_METHODS, type StoreHealthApiResponses, type StoreHealthEvent } from './api-store-health';
import { TRUST_API_METHODS, type TrustApiResponses } from './api-trust';
import type * as V from './api-values';

/** Every method of the API, in a runtime list the preload can check channel names against. */
export const API_METHODS = [
  'getAppInfo',
  'getStorageInfo',
  'setUiLanguage',
  'listAccounts',
  'listPresets',
  'saveAccount',
  'removeAccount',
  'listArchivedAccounts',
  'testConnection',
  'getSecretsStatus',
  'unlockSecrets',
  'createMasterPassword',
  'listFolders',
  'listMessages',
  'searchMessages',
  'getMessage',
  'openEml',
  'openEmlDialog',
  'listAttachments',
  'getAttachment',
  'saveAttachments',
  'saveMessage',
  'openAttachment',
  'chooseFolder',
  'listReceipts',
  'getDeliveries',
  'exportSentEvidence',
  'syncNow',
  'setSeen',
  'moveMessages',
  'deleteMessages',
  'addContactFromMessage',
  'allowRemoteContent',
  'fetchRemoteImages',
  'prepareDraft',
  'sendMessage',
  'sendState',
  'checkMessage',
  'openExternal',
  'copyDiagnostics',
  ...CONTACTS_API_METHODS,
  ...SEND_API_METHODS,
  ...PROVIDER_INDEX_API_METHODS,
  ...TRUST_API_METHODS,
  ...STORE_HEALTH_API_METHODS,
  ...DRAFTS_API_METHODS,
  ...ORGANIZE_API_METHODS,
  ...KEEPING_API_METHODS,
  ...CAMPAIGN_DRAFT_API_METHODS,
] as const;

/** Name of an API method. */
export type ApiMethod = (typeof API_METHODS)[number];

/** What each method resolves to when it succeeds. */
export interface ApiResponses
  extends ContactsApiResponses, SendApiResponses, ProviderIndexApiResponses, TrustApiResponses, StoreHealthApiResponses, DraftsApiResponses, OrganizeApiResponses, KeepingApiResponses,
    CampaignDraftApiResponses {
  getAppInfo: V.AppInfo;
  /** The data folder and its automatic database backups, for Impostazioni. */
  getStorageInfo: V.StorageInfo;
  /** Tells the desktop shell which language the UI shows, for its native menu and dialogs. */
  setUiLanguage: null;
  listAccounts: V.AccountView[];
  listPresets: V.ProviderPresetView[];
  /** The saved account (id assigned when new). */
  saveAccount: V.AccountView;
  /** mode 'archive' keeps the account's mail read-only (listArchivedAccounts, "Archivio"); 'delete' removes it with the raw files nothing else names. */
  removeAccount: null;
  /** Accounts removed with their mail kept: their folders stay readable, nothing syncs or sends. */
  listArchivedAccounts: V.ArchivedAccountView[];
  testConnection: V.ConnectionReport;
  /** How saved passwords are kept (OS keychain, master password, key file) and whether they are unlocked. */
  getSecretsStatus: V.SecretsStatusView;
  /** Unlocks the saved passwords with the master password ('denied' when wrong). */
  unlockSecrets: V.SecretsStatusView;
  /** Sets the master password the first time (the system keychain protects nothing here). */
  createMasterPassword: V.SecretsStatusView;
  /** Folders of one account, or of all accounts, with unread counts. */
  listFolders: V.FolderView[];
  listMessages: V.MessagePage;
  /**
   * Messages matching the search syntax (README "Cercare": words, "phrases", OR, -word, filters da:, a:, oggetto:, tipo:, …),
   * in the list's order, each row with its folder and account; 'invalid-query' when the text cannot be searched for.
   */
  searchMessages: V.MessagePage;
  /** The message with its PEC analysis: original, cover, daticert, signature. */
  getMessage: V.MessageView;
  /** Parses a .eml file without importing it. */
  openEml: V.OpenedFile;
  /** Native "Open" dialog (Electron); the files chosen, already parsed. */
  openEmlDialog: V.OpenedFile[];
  listAttachments: V.AttachmentView[];
  getAttachment: V.AttachmentData;
  /**
   * Writes attachments (marked as downloaded) into the folder of a chooseFolder token. Names already
   * there: the desktop app asks in its own dialog; the browser build answers 'exists' and keeps the
   * token for one call with overwrite. The token is used up by a save.
   */
  saveAttachments: V.SaveReport;
  /** Writes the message itself as .eml, byte for byte as received, into a chosen folder, like saveAttachments. */
  saveMessage: V.SaveReport;
  /**
   * Opens an attachment with the system's application (Electron). A file that could run code is
   * refused first, in every host, with 'denied' and items [reason, extension] (reason: program-name,
   * disguised-name, program-content, macros): the renderer offers to save it instead.
   */
  openAttachment: null;
  /** A folder to save into, chosen in the main process (the app's native picker; the browser build's launch folder); null when cancelled. */
  chooseFolder: V.ChosenFolder | null;
  listReceipts: V.ReceiptView[];
  getDeliveries: V.DeliveriesView;
  /** The evidence .zip of a sent message: a folder per recipient with the message and its receipts, the report, the SHA-256 of every file. */
  exportSentEvidence: EvidenceExport;
  syncNow: null;
  setSeen: null;
  /** Moves messages to another folder of their account, on the server; the list follows through store-changed. */
  moveMessages: V.MoveReport;
  /** Moves messages to their account's Trash or (permanently, confirmed) deletes them from the server; the stored .eml stays as evidence. */
  deleteMessages: V.MoveReport;
  /** Adds the real sender (postacert.eml's From for PEC) to the contacts. */
  addContactFromMessage: V.ContactView;
  allowRemoteContent: null;
  /** Remote images of a message fetched by the main process, as data: URIs (null where it failed). */
  fetchRemoteImages: Record<string, string | null>;
  prepareDraft: V.DraftView;
  /** Sends through the account's SMTP; resolves to the Message-ID PecDesk generated. */
  sendMessage: { messageId: string; sentMessageId: number | null };
  /** Where a PEC sent with sendMessage stands in the send queue, asked again on store-changed 'campaigns'; null when it did not go through the queue. */
  sendState: V.SendTaskView | null;
  /** The pre-send checks of one PEC, in the campaigns' report shape (errors block, warnings ask for confirmation). */
  checkMessage: CheckReport;
  /** Opens an http(s) or mailto link in the system browser after the user confirms. */
  openExternal: null;
  /** "Copia diagnostica": version, platform, data folder, accounts (address and host), sync states and the log's tail; never passwords, bodies or subjects. copied: the host put it on the clipboard (the browser build copies it itself). */
  copyDiagnostics: { text: string; copied: boolean };
}

/** Why a call failed. */
export type ApiErrorCode =
  /** The payload does not match the method's schema. */
  | 'invalid-request'
  /** No such method. */
  | 'unknown-method'
  | 'not-found'
  /** A file with that name is already in the folder: ask, then call again with overwrite. */
  | 'exists'
  /** The bytes are not a mail message, or a part cannot be decoded. */
  | 'unreadable'
  /** The host cannot do this (e.g. native dialogs in the browser build). */
  | 'unsupported'
  /** The user said no, or the action needs a permission not granted. */
  | 'denied'
  /** Disk or permission problem while reading or writing files. */
  | 'io'
  /** A mail server refused or could not be reached. */
  | 'server'
  /** The message is only in PecDesk's local receipts folder (its server copy stays in INBOX): it cannot be moved or deleted from there. */
  | 'local-only'
  /** A campaign is not in a state that allows this (e.g. editing one already started). */
  | 'wrong-state'
  /** A pre-send check found an error: nothing was sent (items: what to fix). */
  | 'checks-failed'
  /** What the request was based on changed meanwhile (e.g. the contacts after an import report): look again. */
  | 'stale'
  /** The account's servers changed since its password was saved: the password must be typed again. */
  | 'password-required'
  /** Saved passwords are locked behind the master password: unlock them first. */
  | 'locked'
  /** The database is damaged or cannot open: only getStoreHealth and restoreStoreFromBackup answer (see api-store-health.ts). */
  | 'store-damaged'
  /** The engine (the process doing PecDesk's work) stopped while the call was under way and was restarted: look, then try again. */
  | 'engine-restarted'
  /** Search text that cannot be searched for (items: [problem, the text it is about]; problems in SEARCH_PROBLEMS of api-values). */
  | 'invalid-query'
  /** A bug: the message says what failed. */
  | 'internal';

/** A failure as it crosses the boundary: a code to switch on, a reason to word in the window's language. */
export interface ApiError {
  code: ApiErrorCode;
  /** The failure in Italian words, for logs and the CLI. */
  message: string;
  /** What the window words (API_ERROR_TEXTS), with the values its text names; absent: show message. */
  reason?: ApiErrorReason;
  params?: ApiErrorParams;
  /** contact-invalid: the contact's problems, worded as the import report words a row's (params.problems in Italian). */
  problems?: ImportProblemWording[];
  /** Items the error is about (e.g. the file names that already exist). */
  items?: string[];
}

/** Outcome of every call. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The payload a caller passes (before parsing). */
export type ApiInput<M extends ApiMethod> = z.input<(typeof requestSchemas)[M]>;

/** The payload a handler receives (after parsing). */
export type ApiPayload<M extends ApiMethod> = z.output<(typeof requestSchemas)[M]>;

/** The whole API: one method per name, each taking one payload object. */
export type PecApi = { [M in ApiMethod]: (request: ApiInput<M>) => Promise<Result<ApiResponses[M]>> };

/**
 * Something in the store changed: lists re-query what they show. 'campaigns': the send queue (a
 * bulk send's or a single PEC's state, a recipient's submission state, the counts).
 */
export interface StoreChangedEvent {
  type: 'store-changed';
  entities: ('accounts' | 'folders' | 'messages' | 'receipts' | 'sent' | 'campaigns' | 'contacts' | 'providerIndex' | 'drafts' | 'rules')[];
}

/** Progress of a sync of one account. */
export interface SyncProgressEvent {
  type: 'sync-progress';
  accountId: string;
  state: 'running' | 'done' | 'error';
  folder: string | null;
  done: number;
  total: number;
  /** Plain words (Italian), when state is 'error', or when a sync 'done' left something undone. */
  error: string | null;
  /** The same as values, for the window's language. */
  problem: V.SyncProblem | null;
}

/** The OS asked PecDesk to open a message file (open-file, argv, File ▸ Open). */
export interface FileOpenedEvent {
  type: 'file-opened';
  file: V.OpenedFile;
}

/** A native menu item the renderer carries out. */
export interface MenuEvent {
  type: 'menu';
  command: 'sync' | 'new-message' | 'new-campaign' | 'campaigns' | 'accounts' | 'provider-index' | 'about' | 'copy-diagnostics' | 'settings' | 'shortcuts' | 'archive' | 'notifications';
}

/**
 * The engine (the process where sync, sending and the store run) stopped unexpectedly. 'restarted':
 * it runs again, calls under way failed with 'engine-restarted'; 'stopped': it kept dying and the
 * host gave up restarting it (reopen PecDesk).
 */
export interface EngineEvent {
  type: 'engine';
  state: 'restarted' | 'stopped';
  /** Why it stopped, in the host's words (exit code, signal or error), for the diagnostics. */
  reason: string;
}

/** Everything the main process pushes to the renderer. */
export type PecEvent =
  | StoreChangedEvent | SyncProgressEvent | FileOpenedEvent | MenuEvent | ImportProgressEvent | SendNoticeEvent | ProviderIndexRecheckEvent
  | StoreHealthEvent | RuleNotifyEvent | ArchiveProgressEvent | NotificationEvent | EngineEvent;

/** IPC channel of a method: the only channels the preload will invoke. */
export function methodChannel(method: ApiMethod): string {
  return `pecdesk:${method}`;
}

/** IPC channel the main process sends events on. */
export const EVENT_CHANNEL = 'pecdesk:event';

/** Checks an untrusted string is a method name. */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** The client side of the API as the renderer uses it: the methods plus event subscription. */
export interface PecClient {
  call<M extends ApiMethod>(method: M, request: ApiInput<M>): Promise<Result<ApiResponses[M]>>;
  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: (event: PecEvent) => void): () => void;
}
