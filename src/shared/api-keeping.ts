// The keeping part of the API contract: "Importati", the local folder of the messages brought in
// from files (pecdesk import, an .eml opened and kept, an archive imported back). Kept apart from
// api.ts like the contacts, send and trust parts; api.ts merges the lists. Request schemas are in
// api-keeping-requests.ts.
import type { MessagePage } from './api-values';

/** The keeping methods, in the order the API lists them. */
export const KEEPING_API_METHODS = ['getImportedFolder', 'listImported', 'keepOpenedFile'] as const;

/** Name of a keeping method. */
export type KeepingApiMethod = (typeof KEEPING_API_METHODS)[number];

/** "Importati" in the folder pane: a local folder, on no server. */
export interface ImportedFolderView {
  total: number;
  unread: number;
}

/** What keeping an opened file did. */
export interface KeptFile {
  /** The stored message, now listed in "Importati". */
  messageId: number;
  /** false when the same bytes were stored already (synced, or kept before). */
  created: boolean;
}

/** What each keeping method resolves to when it succeeds. */
export interface KeepingApiResponses {
  /** How many messages "Importati" lists and how many are unread. */
  getImportedFolder: ImportedFolderView;
  /** A page of "Importati", sorted like a folder. */
  listImported: MessagePage;
  /** Stores an .eml opened from disk byte-exact (classified, judged, its receipts linked) and lists it in "Importati". */
  keepOpenedFile: KeptFile;
}
