// What counts as proof: the verdict on a provider's signature against the providers' index in
// force, and that index as the verdict looks it up. Pure rules over plain data: the store applies
// them as it files a signed object and counts only proof; trust/ keeps the index current and
// re-checks stored verdicts with them. Both import this; it imports neither.
export { buildSnapshot, normalizeSha1, type IndexedProvider, type ProviderIndexSnapshot } from './snapshot';
export { countsAsProof, isSignedPecObject, judge, signedFactsOf, speaksForRecipient, type SignedFacts } from './verdict';
