// The providers' index part of the API contract ("Elenco gestori PEC"): method names, values and
// the re-check progress event; request schemas in api-provider-index-requests.ts. Kept in files of
// its own like the contacts and bulk-send parts, so the verdict work can add its own beside it.
import type { ProviderIndexInfo } from './trust';

/** The providers' index methods. */
export const PROVIDER_INDEX_API_METHODS = ['providerIndexStatus', 'providerIndexImportDialog', 'providerIndexUpload', 'providerIndexUpdate', 'providerIndexSetUrl'] as const;

/** Name of a providers' index method. */
export type ProviderIndexApiMethod = (typeof PROVIDER_INDEX_API_METHODS)[number];

/** The index in force and how it is kept current. */
export interface ProviderIndexStatusView {
  /** Null when no index was ever imported. */
  info: ProviderIndexInfo | null;
  /** The address "Aggiorna" and the weekly update download from. */
  url: string;
  defaultUrl: string;
  lastAttemptAt: string | null;
  /** Why the last update failed (plain words), or null. */
  lastError: string | null;
  /** Last time the index was imported or found unchanged (ISO 8601). */
  checkedAt: string | null;
  /** No index, or not checked for more than 30 days: shown in amber. */
  stale: boolean;
}

/** Outcome of an import or update that succeeded. */
export interface ProviderIndexImportView {
  info: ProviderIndexInfo;
  /** The bytes were those of the index in force: nothing new recorded. */
  unchanged: boolean;
  /** Signed PEC objects re-checked against the new index, and how many changed verdict. */
  checked: number;
  changed: number;
}

/** Progress of the re-check of stored messages after a new index. */
export interface ProviderIndexRecheckEvent {
  type: 'provider-index-recheck';
  state: 'running' | 'done';
  done: number;
  total: number;
}

/** What each providers' index method resolves to. */
export interface ProviderIndexApiResponses {
  providerIndexStatus: ProviderIndexStatusView;
  /** Native "Open" dialog (desktop app), then the import; null when cancelled. */
  providerIndexImportDialog: ProviderIndexImportView | null;
  /** An LDIF file picked in the browser build, uploaded and imported. */
  providerIndexUpload: ProviderIndexImportView;
  /** Downloads the index from the configured address now ("Aggiorna"). */
  providerIndexUpdate: ProviderIndexImportView;
  /** Sets the address (null: the default) and returns the new status. */
  providerIndexSetUrl: ProviderIndexStatusView;
}
