// Migration 3, for the bulk-send domain (issue #6): what a campaign sends, the per-recipient
// queue that survives a crash, and the submission times the rate limit is computed from.
// The send domain (src/main/send) is the only writer of these columns and tables.
export const schemaSendV3 = `
-- The message of a campaign. Subject and bodies may hold {{placeholders}}.
ALTER TABLE campaigns ADD COLUMN body_text TEXT;
ALTER TABLE campaigns ADD COLUMN body_html TEXT;
-- X-TipoRicevuta asked of the provider (RFC 6109): completa when absent.
ALTER TABLE campaigns ADD COLUMN receipt_variant TEXT NOT NULL DEFAULT 'completa'
  CHECK (receipt_variant IN ('completa', 'breve', 'sintetica'));
ALTER TABLE campaigns ADD COLUMN zip_attachments INTEGER NOT NULL DEFAULT 0 CHECK (zip_attachments IN (0, 1));
-- Addresses in Cc of every message: each recipient sees them, so the checks warn about it.
ALTER TABLE campaigns ADD COLUMN cc TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cc));
-- Addresses dropped as repeats when the list was given, so the checks can still tell the user.
ALTER TABLE campaigns ADD COLUMN duplicates TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(duplicates));
-- Why the campaign is paused (a refused password), in plain words.
ALTER TABLE campaigns ADD COLUMN state_detail TEXT;
ALTER TABLE campaigns ADD COLUMN started_at TEXT;
ALTER TABLE campaigns ADD COLUMN finished_at TEXT;
ALTER TABLE campaigns ADD COLUMN resent_from INTEGER REFERENCES campaigns(id) ON DELETE SET NULL;

-- The files of a campaign as given, and (role zip) the one archive made of them when the
-- campaign asks for it: made once, so every recipient and every restart gets the same bytes.
CREATE TABLE campaign_attachments (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'file' CHECK (role IN ('file', 'zip')),
  filename TEXT NOT NULL,
  content_type TEXT,
  content BLOB NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
);
CREATE INDEX campaign_attachments_campaign ON campaign_attachments(campaign_id, role);

-- The queue: one row per recipient moves pending → preparing → submitting → submitted | failed
-- | retry-wait (or cancelled). raw holds the exact bytes submitted, committed before any byte
-- goes to SMTP, so a message interrupted by a crash can be resent identical (same Message-ID).
ALTER TABLE campaign_recipients ADD COLUMN name TEXT;
ALTER TABLE campaign_recipients ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
  CHECK (state IN ('pending', 'preparing', 'submitting', 'submitted', 'failed', 'retry-wait', 'cancelled'));
ALTER TABLE campaign_recipients ADD COLUMN message_id TEXT;
ALTER TABLE campaign_recipients ADD COLUMN raw BLOB;
ALTER TABLE campaign_recipients ADD COLUMN raw_sha256 TEXT;
ALTER TABLE campaign_recipients ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaign_recipients ADD COLUMN next_attempt_ms INTEGER;
-- When the last SMTP transaction started: the reconciliation grace runs from here.
ALTER TABLE campaign_recipients ADD COLUMN submitting_ms INTEGER;
ALTER TABLE campaign_recipients ADD COLUMN submitted_at TEXT;
ALTER TABLE campaign_recipients ADD COLUMN submitted_ms INTEGER;
ALTER TABLE campaign_recipients ADD COLUMN error_code TEXT;
ALTER TABLE campaign_recipients ADD COLUMN error TEXT;
-- Set once the user was told the recipient is late ("in ritardo"): told once, across restarts.
ALTER TABLE campaign_recipients ADD COLUMN overdue_notified_at TEXT;
CREATE INDEX campaign_recipients_state ON campaign_recipients(campaign_id, state);
CREATE UNIQUE INDEX campaign_recipients_message_id ON campaign_recipients(message_id) WHERE message_id IS NOT NULL;

-- The start time of every SMTP transaction per account over the last hour: the rate limit is a
-- sliding window over these, so a restart knows what was sent just before it and does not burst.
CREATE TABLE send_attempts (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX send_attempts_account ON send_attempts(account_id, at_ms);

-- Which process sends for an account: two processes (the app and the CLI) sending the same
-- queue could each take a message left in 'submitting' for lost and send it twice.
CREATE TABLE send_leases (
  account_id INTEGER PRIMARY KEY,
  pid INTEGER NOT NULL,
  heartbeat_ms INTEGER NOT NULL
) WITHOUT ROWID;
`;
