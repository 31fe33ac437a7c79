// Migration 11: drafts of single messages (the composer's), kept locally so a PEC being written
// survives a closed tab, no network and a kill -9. The server's copy (IMAP APPEND to Drafts with
// \Draft) is a convenience for other clients; where it is, is remembered so the next save can
// replace it. Campaign drafts are campaigns (migration 3) and never meet these rows.
export const schemaMessageDraftsV11 = `
CREATE TABLE message_drafts (
  id INTEGER PRIMARY KEY,
  -- Null while the composer has no account chosen yet: the draft stays local until it has one.
  account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
  to_json TEXT NOT NULL DEFAULT '[]',
  cc_json TEXT NOT NULL DEFAULT '[]',
  subject TEXT NOT NULL DEFAULT '',
  html TEXT NOT NULL DEFAULT '',
  receipt_variant TEXT NOT NULL DEFAULT 'completa' CHECK (receipt_variant IN ('completa', 'breve', 'sintetica')),
  in_reply_to TEXT,
  references_json TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL,
  -- The copy on the server the next save replaces (null until one reached it), and whose server it is
  -- (the draft's account may have changed since).
  server_account_id INTEGER,
  server_path TEXT,
  server_uid INTEGER,
  server_saved_at TEXT,
  -- Older server copies whose deletion failed (offline): {accountId, path, uid} objects, deleted at the next save.
  stale_copies_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX message_drafts_account ON message_drafts(account_id, updated_at);

-- The files of a draft as the composer holds them (uploads and parts carried from a forwarded message).
CREATE TABLE message_draft_attachments (
  id INTEGER PRIMARY KEY,
  draft_id INTEGER NOT NULL REFERENCES message_drafts(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content_type TEXT,
  content BLOB NOT NULL,
  size INTEGER NOT NULL,
  -- Lets an autosave with the same files skip rewriting their bytes.
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
);
CREATE INDEX message_draft_attachments_draft ON message_draft_attachments(draft_id);
`;
