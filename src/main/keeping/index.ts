// Keeping mail: message files found on disk (pecdesk import, an archive imported back), the
// mailbox archive (.zip of .eml byte-exact with a SHA-256 manifest, read back before anything is
// removed from the server) and importing it back. Other domains reach it only through this file.
export { findMessages, MAX_MESSAGE_BYTES, type Found } from './messages-in';
export { MANIFEST_JSON, MANIFEST_SHA256, type ArchiveManifest, type ManifestFile } from './archive-layout';
export { freeArchiveName, writeMailArchive, type ArchiveProgress, type WriteArchiveResult, type WrittenArchive } from './archive-write';
export { verifyMailArchive, type VerifyResult } from './archive-verify';
export { runMailArchive, type ArchiveRunReport, type ArchiveRunResult, type RemoveFromServer } from './archive-run';
export { importMailArchive, type ArchiveImportReport } from './archive-import';
export {
  collapseNewPec, DEFAULT_NOTIFICATION_SETTINGS, noticeForArrival, noticesForMissing,
  type ArrivedMessage, type AwaitingDelivery, type Notice, type NotificationSettings,
} from './notifications';
export { NotificationSettingsFile } from './notification-settings';
