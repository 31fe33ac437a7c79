// The keeping part of the API contract: "Importati", the local folder of the messages brought in
// from files (pecdesk import, an .eml opened and kept, an archive imported back). Kept apart from
// api.ts like the contacts, send and trust parts; api.ts merges the lists. Request schemas are in
// api-keeping-requests.ts.
import type { MessagePage } from './api-values';

/** The keeping methods, in the order the API lists them. */
export const KEEPING_API_METHODS = ['getImportedFolder', 'listImported', 'keepOpenedFile', 'archiveMessages', 'cancelArchive', 'importArchive', 'getNotificationSettings', 'setNotificationSettings', 'printMessage'] as const;

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

/** What "Archivia…" did: the archive written and read back, and what was removed from the server. */
export interface ArchiveReportView {
  /** The archive's file name in the chosen folder. */
  fileName: string;
  bytes: number;
  messages: number;
  receipts: number;
  /** Every file was read back from disk and matched its SHA-256 before anything was removed. */
  verified: boolean;
  removed: number;
  /** Folders whose removal the server refused, with its words: their messages stay there. */
  notRemoved: { folder: string; reason: string }[];
}

/** What importing an archive did. */
export interface ArchiveImportView {
  stored: number;
  alreadyPresent: number;
  /** Messages the user sent, recorded as sent again (their receipts count for them). */
  sent: number;
  /** Files that differ from the SHA-256 the archive's manifest gives them (stored all the same). */
  changed: string[];
  failed: { name: string; reason: string }[];
}

/** Progress of the archive run or import under way, pushed while it runs. */
export interface ArchiveProgressEvent {
  type: 'archive-progress';
  phase: 'writing' | 'verifying' | 'removing' | 'importing';
  done: number;
  /** 0 when not known (an import reads its files one by one). */
  total: number;
}

/** What the user wants to be told about (a system notification and a line in the app). */
export interface NotificationSettingsView {
  newPec: boolean;
  /** A mancata consegna, a non accettazione, a virus found (receipts that count as proof). */
  deliveryFailed: boolean;
  /** A sent PEC still without its consegne after missingAfterHours. */
  missingDeliveries: boolean;
  /** 1 to 720 hours; 24 by default. */
  missingAfterHours: number;
}

/** Something to tell the user, pushed as it happens. */
export interface NotificationEvent {
  type: 'notification';
  kind: 'new-pec' | 'delivery-failed' | 'deliveries-missing';
  /** The message to open (a new PEC, the failure notice); null for a summary. */
  messageId: number | null;
  sentMessageId: number | null;
  subject: string;
  /** The real sender (new PEC), the recipient not reached (delivery failed). */
  who: string | null;
  /** New PEC in a summary, or recipients waiting. */
  count: number;
}

/** What printing did: sent to the printer, saved as PDF (where), or cancelled in a dialog. */
export type PrintResult = { kind: 'printed' } | { kind: 'saved'; path: string } | { kind: 'cancelled' };

/** What each keeping method resolves to when it succeeds. */
export interface KeepingApiResponses {
  /** How many messages "Importati" lists and how many are unread. */
  getImportedFolder: ImportedFolderView;
  /** A page of "Importati", sorted like a folder. */
  listImported: MessagePage;
  /** Stores an .eml opened from disk byte-exact (classified, judged, its receipts linked) and lists it in "Importati". */
  keepOpenedFile: KeptFile;
  /**
   * "Archivia…": a .zip of .eml files byte-exact with manifest.json and manifest.sha256, written into
   * the folder of a chooseFolder token (temporary file renamed at the end), read back and checked;
   * then, when asked, the archived messages are removed from the server. One run at a time.
   */
  archiveMessages: ArchiveReportView;
  /** Stops the archive run or import under way: nothing half-written stays, nothing more is removed. */
  cancelArchive: null;
  /** Imports a .zip (ours or any of .eml files) or one .eml into "Importati", classified and linked. */
  importArchive: ArchiveImportView;
  getNotificationSettings: NotificationSettingsView;
  /** Saves the settings; a shorter wait for deliveries is applied at once. */
  setNotificationSettings: NotificationSettingsView;
  /**
   * Prints a stored message's print view (its PEC facts and receipts) or, with pdf, saves it as PDF
   * where the user chooses: the desktop app. The browser build answers 'unsupported' and the page
   * opens the print view (#print/<id>) to print from the browser.
   */
  printMessage: PrintResult;
}
