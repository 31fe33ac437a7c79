// Drafts on the server: the bytes of a draft, and its copy in the mailbox's Drafts folder. The
// local copy is the store's (Store.drafts); src/main/api/drafts.ts puts the two together.

/** The MIME bytes of a draft, and the header naming its local draft. */
export { buildDraftMessage, DRAFT_HEADER, type DraftContent } from './draft-mime';
/** APPEND of a draft with \Draft replacing its previous copy, deletion of copies, and the Drafts folder. */
export { saveDraftOnServer, deleteDraftCopies, resolveDraftsFolder, type ServerDraftCopy, type DraftsFolder, type SaveDraftResult, type DeleteDraftsResult } from './server-drafts';
/** Another program's draft from the server's Drafts as the composer's content. */
export { otherDraftContent } from './other-draft';
