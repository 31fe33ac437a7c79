// The trust domain: keeping the providers' index (RFC 6109 LDIF) current (reading, downloading,
// importing it) and re-checking the stored verdicts when it changes. The verdict rule itself, which
// every counter and every piece of evidence rests on, is proof/'s; the index in force, the store's.
export { recheckVerdicts, type RecheckProgress } from './recheck';
/** Reading an index file: RFC 2849 LDIF to provider entries, with the size cap. */
export { MAX_INDEX_BYTES, parseProviderIndex, type IndexRefusal, type ParsedIndex } from './ldif-providers';
export { LdifError, readLdif, type LdifEntry, type LdifValue } from './ldif';
/** Downloading it: HTTPS, timeout, size cap; the default address. */
export { AGID_INDEX_URL_UNCONFIRMED, DEFAULT_INDEX_URL, addressProblem, downloadIndex, type Download } from './download';
/** Keeping it current: import, update, the weekly schedule, the re-check events. */
export {
  ProviderIndexService, STALE_AFTER_DAYS, UPDATE_EVERY_DAYS, type IndexEvent, type IndexFailure, type IndexOutcome, type IndexServiceOptions, type IndexStatus,
} from './service';
