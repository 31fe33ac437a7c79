// The store-health part of the API contract: whether the database passed its check at start, and
// the way back when it did not. The window opens before the check ends (it runs in the background,
// src/main/core.ts); the renderer asks getStoreHealth and listens to 'store-health' events, and shows
// the banner with "Ripristina dal backup" when the store is damaged. Kept apart from api.ts like
// the trust part; request schemas are in api-store-health-requests.ts.

/** The store-health methods, in the order the API lists them. */
export const STORE_HEALTH_API_METHODS = ['getStoreHealth', 'restoreStoreFromBackup'] as const;

/** Name of a store-health method. */
export type StoreHealthApiMethod = (typeof STORE_HEALTH_API_METHODS)[number];

/**
 * Why the store cannot be used: the database is empty (0 bytes), missing while raw/ holds messages,
 * or damaged (not SQLite, bad pages); or the store cannot open for another reason (a full disk,
 * an unwritable folder).
 */
export type StoreProblemCode = 'db-empty-file' | 'db-missing' | 'db-damaged' | 'disk-full' | 'store-unavailable';

/** The database's state: being checked (calls wait), sound, damaged (restore offered) or unavailable. */
export interface StoreHealth {
  state: 'checking' | 'ok' | 'damaged' | 'unavailable';
  code: StoreProblemCode | null;
  /** What the check found, in English (the UI shows its own words by code, this as the detail). */
  detail: string | null;
  /** Automatic backups in the data folder's backups/ (a restore takes the newest that passes integrity_check). */
  backups: number;
}

/** What a restore did. */
export interface StoreRestored {
  /** The backup put in place. */
  from: string;
  /** Where the damaged database was kept (never deleted), null when there was none. */
  damagedKeptAs: string | null;
  /** Messages newer than the backup filed again from raw/. */
  reindexed: number;
  /** Raw files that could not be filed again. */
  failed: number;
}

/** What each store-health method resolves to. */
export interface StoreHealthApiResponses {
  getStoreHealth: StoreHealth;
  /** Puts the newest good backup in place of a damaged database and opens it; refused when the store is sound. */
  restoreStoreFromBackup: StoreRestored;
}

/** The store's health changed (the check at start ended, a restore brought it back). */
export interface StoreHealthEvent {
  type: 'store-health';
  health: StoreHealth;
}
