// Migration 15: when the user was told that a sent PEC still lacks consegne. Kept with the message
// so the notice is given once, not again at every start of PecDesk.
export const schemaMissingNotifiedV15 = `
ALTER TABLE sent_messages ADD COLUMN missing_notified_at TEXT;
`;
