// The bulk-send domain: campaigns (one PEC per recipient, personalized), pre-send checks, a
// crash-safe queue in SQLite paced within the provider's limits, live tracking and the evidence
// export. Other domains reach it only through this file.

/** The engine: start, pause, resume, cancel, resume after a crash, overdue watch, notices (its state is in the store). */
export { createSendEngine, type AccountSource, type SendEngine, type SendEngineOptions } from './engine';
/** Campaigns as data: drafts, the campaign view's reads, preview, resend to the failed, evidence export. */
export { Campaigns, DEFAULT_OVERDUE_AFTER_MS, ZIP_NAME, type CampaignsOptions } from './campaigns';
/** Templates: a campaign's message kept under a name, and new drafts made from one. */
export { MAX_TEMPLATE_NAME, type CampaignTemplates } from './templates';
/** The most recipients a campaign can have. */
export { MAX_CAMPAIGN_RECIPIENTS } from './draft-recipients';
/** Placeholders ({{nome}}…) filled from a recipient's values; the values of a recipient. */
export { render as renderPlaceholders, placeholderValues, type Rendered } from './personalize';
/** The injectable clock (tests run provider minutes in seconds). */
export { systemClock, type Clock } from './clock';
/** The grace before a message whose submission was interrupted is sent again (real providers). */
export { DEFAULT_RECONCILE_GRACE_MS } from './reconcile';
/** The evidence .zip of one sent message (every To and Cc recipient), laid out as a campaign's. */
export { exportSentEvidence, type SentEvidenceInput } from './sent-evidence';
/** An evidence export's outcome. */
export { type EvidenceResult } from './evidence-archive';
/** Status names in Italian, as the campaign view and the report show them. */
export { STATUS_LABELS } from './report';
/** The checks of one PEC before it leaves (the composer's), in the campaigns' report shape. */
export { checkMessage, type MessageCheckInput } from './checks';
/** A single PEC sent through the queue: what to send and the task made for it. */
export type { SingleSendInput, SingleSendResult, SingleSendTask } from './single';
/** Whether a recipient is a PEC mailbox for the checks: evidence, then the providers' index, then the domain guess. */
export { recipientPecStatus } from './recipient-pec-status';
/** A queue row's failure read back from the store, and its Italian words (a single PEC's view words it too). */
export { italianFailureWords, storedFailureValues } from './failure-words';
/** Value types (plain data: they cross IPC). */
export * from './types';
/** A zip written to a file entry by entry (also the mailbox archive's, keeping/). */
export { partFileFor, publishPart, removeAbandonedParts, ZipFileWriter } from './zip';
