// The PEC provider toolkit: pure functions that make provider certificates and compose signed PEC
// messages exactly as a gestore would. Used by the sandbox server and by tests to build fixtures.

/** Test CA and provider certificates (RSA 2048, native keygen), with an on-disk cache. */
export {
  createTestCa,
  issueProviderCert,
  issueServerCert,
  loadOrCreateCa,
  loadOrIssueProviderCert,
  PEC_POLICY_OID,
  type CertifiedKey,
  type ProviderCert,
  type TestCa,
} from './ca';
/** Detached CMS signature (smime.p7s) over exact bytes. */
export { micalg, signDetached, type DigestName, type Signer } from './sign';
/** daticert.xml rendering (DM 2/11/2005 annex §7.3.3). */
export { renderDaticert, xmlEscape, type DaticertData, type DaticertTipo } from './daticert';
/** Signed receipts, busta di trasporto and busta di anomalia. */
export {
  composeAnomaly,
  composeEnvelope,
  composeReceipt,
  pecProvider,
  providerAddress,
  type ComposeOptions,
  type PecProvider,
  type ReceiptSpec,
  type SignatureType,
} from './compose';
/** Reading a submitted message and the postacert.eml rewrite. */
export { certifiedFacts, readSubmission, rewriteForPostacert, type CertifiedFacts, type SubmittedMessage } from './submission';
/** Provider ids (identificativo, receipt Message-IDs) and Italian local time. */
export { newPecId } from './ids';
/** Italian local time as daticert and Date headers write it. */
export { italianTime, type ItalianTime } from './time';
/** The postacert.eml of a ricevuta breve, and the decoded bodies of a message's parts. */
export { leafBodies, replaceAttachmentsWithHashes } from './mime';
/** The providers' index (RFC 6109 LDIF) of a set of providers. */
export { certificateDer, colonSha1, providerIndexLdif, type IndexEntrySpec } from './index-ldif';
