// The trust domain: the providers' index (RFC 6109 LDIF) and the verdict on a provider's
// signature that every counter and every piece of evidence rests on.
export { buildSnapshot, normalizeSha1, type IndexedProvider, type ProviderIndexSnapshot } from './snapshot';
export { recheckVerdicts, type RecheckProgress } from './recheck';
export { countsAsProof, isSignedPecObject, judge, signedFactsOf, speaksForRecipient, type SignedFacts } from './verdict';
