// Attachments and message content for the reader: bodies, the sender's attachments, PEC service
// parts, signed .p7m documents, and saving files safely. Reached through this file only.

/** Splits a raw message into bodies, the sender's original, attachments and PEC service parts. */
export { readMessageContent, readMessage, type MessageContent, type ReadableMessage, type ContentPart } from './content';
/** The document inside a .p7m (CAdES) and its signers. */
export { extractSignedDocument, looksSigned, type SignedDocument } from './p7m';
/** Safe file and folder names for disk and archives: no traversal, no device names, no bidi tricks, bounded, unique in a batch. */
export { sanitizeFileName, uniqueFileNames } from './filenames';
/** Whether an attachment may be opened with the system or only saved (programs, scripts, macros, disguised names). */
export { openRisk, isExecutableName, type OpenRisk } from './open-risk';
/** The platform's "downloaded from the Internet" mark (Mark of the Web, macOS quarantine). */
export { markAsDownloaded, zoneIdentifier, quarantineValue } from './mark';
/** Writes files into a folder without overwriting unless asked. */
export { saveFiles, type FileToSave, type SaveResult } from './save';
