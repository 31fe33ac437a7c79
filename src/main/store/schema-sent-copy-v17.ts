// Migration 17: a single PEC's copy in the server's Sent folder is a step of its own, recorded on
// its task: 'pending' from enqueueing until the copy is on the server, 'done' once it is, 'none'
// when the account keeps no copy. A crash, or a server unreachable between the provider's
// acceptance and the IMAP APPEND, leaves it pending and the engine finishes it later, instead of
// the copy being silently missing from the Sent folder that webmail and phones show. Tasks enqueued
// before this migration stay NULL: nobody knows whether their copy was made.
export const schemaSentCopyV17 = `
ALTER TABLE campaigns ADD COLUMN sent_copy TEXT CHECK (sent_copy IS NULL OR sent_copy IN ('pending', 'done', 'none'));
CREATE INDEX campaigns_sent_copy_pending ON campaigns(id) WHERE sent_copy = 'pending';
`;
