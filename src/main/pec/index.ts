// The PEC domain: what a message is and what it certifies. Pure functions over raw bytes;
// imports nothing of ours but shared/.

/** Classifies raw message bytes and reads their PEC data (kind, receipt, original, signature); never throws for bad input. */
export { analyzeMessage, analyzeWithText, type AnalyzeOptions, MAX_MESSAGE_BYTES } from './analyze';
/** Classifies a message from its X-Ricevuta / X-Trasporto headers alone. */
export { classifyHeaders, type Classification } from './classify';
/** Parses daticert.xml bytes without resolving DTDs or entities: a Daticert or an error value. */
export { parseDaticert, daticertTimestamp, MAX_DATICERT_BYTES, type Daticert, type DaticertTipo, type DaticertResult, type DaticertErrorCode } from './daticert';
/** postacert.eml (bytes and summary) of an envelope or receipt, or null. */
export { extractPostacert, type Postacert } from './postacert';
/** Verdict on the S/MIME signature of a raw message, judged as of signing time. */
export { verifySignature, type VerifyOptions } from './signature';
/** The signer's certificate (DER) of a signed PEC object, as the providers' index names it. */
export { signerCertificateDer } from './signer-certificate';
/** What full-text search reads: the sender's body (postacert.eml's for an envelope, none for a receipt) and the senders' names. */
export { searchableText, MAX_BODY_TEXT, type SearchableText } from './search-text';
/** PecDesk's own Message-IDs and how ids are compared. */
export { generateMessageId, normalizeMessageId, messageIdLocalPart } from './message-id';
/** analyzeWithText on worker threads, answers in order; a message that throws or kills its thread is answered "crashed". */
export { createAnalyzerPool, defaultPoolSize, type AnalyzerPool, type AnalyzerPoolOptions } from './pool';
export { crashed, type AnalysisCrash, type PooledAnalysis } from './pool-protocol';
/** The loop of a pool thread, for a worker script of one's own (AnalyzerPoolOptions.entry). */
export { serveAnalyzer } from './pool-serve';
/** Raw MIME access for callers that need a header or part of a stored message. */
export { parseMime, parseHeaderBlock, headerValue, decodeBody, type MimePart, type HeaderMap } from './mime';
