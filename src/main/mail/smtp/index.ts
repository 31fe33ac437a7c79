// SMTP sending for PecDesk: prepare the exact bytes first, then submit them, then (when the
// account wants it) append the same bytes to Sent. src/main/mail/index.ts (the IMAP sync's)
// re-exports this file; other domains import from there.

/** Builds a message's bytes, Message-ID and envelope under the PEC rules, before sending. */
export { prepareMessage, prepareCheckedMessage, checkLimits, outgoingMessageSchema, type OutgoingMessage, type CheckedMessage, type PreparedMessage, type PrepareResult, type Envelope, type TooLarge } from './prepare';
/** Attachments encoded once for the many messages of a bulk send. */
export { encodeAttachments, EncodedAttachment, type AttachmentInput } from './encoded-attachments';
/** Pooled SMTP sender with typed results. */
export { createSmtpSender, type SmtpSender, type SenderOptions, type SendResult, type SendSuccess } from './sender';
/** Reading of SMTP errors (throttling, rejected recipients, auth, connection). */
export { classifySendError, isThrottleReply, type SendFailure, type SendErrorCode, type RejectedRecipient } from './classify';
/** IMAP APPEND of the sent bytes to the Sent folder. */
export { appendToSent, type AppendResult } from './append-sent';
