// The first version of the database schema (migration 1). Later changes are new migrations in
// migrations.ts, never edits of this text: databases in the field already ran it.
//
// Conventions: times are ISO 8601 strings; *_ms columns hold the same instant as epoch
// milliseconds for sorting (ISO strings with different offsets do not sort); JSON columns are
// checked with json_valid; Message-IDs are stored without angle brackets; e-mail addresses are
// lowercased where they are matched.
export const schemaV1 = `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL COLLATE NOCASE UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('pec', 'ordinary')),
  -- Server settings and the account's other preferences as JSON; never a password (SecretStore).
  imap TEXT CHECK (imap IS NULL OR json_valid(imap)),
  smtp TEXT CHECK (smtp IS NULL OR json_valid(smtp)),
  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  created_at TEXT NOT NULL
);

CREATE TABLE folders (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  special_use TEXT,
  role TEXT,
  uidvalidity INTEGER,
  uidnext INTEGER,
  highestmodseq INTEGER,
  UNIQUE (account_id, path)
);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  raw_path TEXT NOT NULL,
  kind TEXT CHECK (kind IN ('ordinary', 'envelope', 'anomaly', 'receipt')),
  receipt_type TEXT,
  receipt_variant TEXT,
  requested_variant TEXT,
  subject TEXT,
  from_addr TEXT,
  to_addrs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(to_addrs)),
  date TEXT,
  date_ms INTEGER,
  message_id TEXT,
  ref_message_id TEXT,
  identificativo TEXT,
  -- The signature verdict as first computed: evidence of what was checked on arrival, never recomputed.
  sig_present INTEGER,
  sig_valid INTEGER,
  sig_trusted INTEGER,
  sig_signer TEXT,
  sig_signer_email TEXT,
  sig_signing_time TEXT,
  sig_detail TEXT,
  orig_from TEXT,
  orig_to TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(orig_to)),
  orig_cc TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(orig_cc)),
  orig_subject TEXT,
  orig_date TEXT,
  orig_message_id TEXT,
  has_attachments INTEGER NOT NULL DEFAULT 0,
  flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
  problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems)),
  unreadable INTEGER NOT NULL DEFAULT 0,
  unreadable_code TEXT,
  unreadable_detail TEXT,
  received_at TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  CHECK (unreadable = 0 OR unreadable_code IS NOT NULL)
);
CREATE INDEX messages_message_id ON messages(message_id);
CREATE INDEX messages_identificativo ON messages(identificativo);
CREATE INDEX messages_unreadable ON messages(unreadable) WHERE unreadable = 1;

CREATE TABLE message_locations (
  id INTEGER PRIMARY KEY,
  message_row_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  uid INTEGER NOT NULL,
  flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
  seen INTEGER NOT NULL DEFAULT 0,
  -- 1 while a flag change made in PecDesk has not been stored on the server yet.
  flags_dirty INTEGER NOT NULL DEFAULT 0,
  UNIQUE (folder_id, uid)
);
CREATE INDEX message_locations_message ON message_locations(message_row_id);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  message_row_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL
);
CREATE INDEX attachments_message ON attachments(message_row_id);

-- Italian file names carry accents (fattura_già_pagata.pdf): fold them so "gia" finds it.
CREATE VIRTUAL TABLE attachments_fts USING fts5(
  filename, content = 'attachments', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER attachments_fts_insert AFTER INSERT ON attachments BEGIN
  INSERT INTO attachments_fts(rowid, filename) VALUES (new.id, new.filename);
END;
CREATE TRIGGER attachments_fts_delete AFTER DELETE ON attachments BEGIN
  INSERT INTO attachments_fts(attachments_fts, rowid, filename) VALUES ('delete', old.id, old.filename);
END;

-- rowid = messages.id. Filled at ingest; body is a text snippet when the caller has one.
CREATE VIRTUAL TABLE messages_fts USING fts5(
  subject, sender, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
END;

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  subject TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft',
  created_at TEXT NOT NULL
);

CREATE TABLE sent_messages (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  -- Providers may rewrite the domain of the id but keep the local part (fakepec 2024 sample).
  local_part TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
  from_addr TEXT,
  subject TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'submitted', 'submit-failed', 'accepted', 'not-accepted')),
  -- From the accettazione (daticert identificativo): the provider's key for the message.
  identificativo TEXT,
  raw_sha256 TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX sent_messages_local_part ON sent_messages(local_part);
CREATE INDEX sent_messages_identificativo ON sent_messages(identificativo);
CREATE INDEX sent_messages_campaign ON sent_messages(campaign_id);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  sent_message_id INTEGER NOT NULL REFERENCES sent_messages(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('to', 'cc')),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'accepted', 'warning', 'delivered', 'error')),
  UNIQUE (sent_message_id, address)
);

CREATE TABLE receipts (
  id INTEGER PRIMARY KEY,
  message_row_id INTEGER NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('accettazione', 'non-accettazione', 'presa-in-carico',
    'avvenuta-consegna', 'errore-consegna', 'preavviso-errore-consegna', 'rilevazione-virus')),
  variant TEXT,
  ref_message_id TEXT,
  ref_local_part TEXT,
  identificativo TEXT,
  recipient TEXT,
  timestamp TEXT,
  error TEXT NOT NULL DEFAULT 'nessuno',
  error_detail TEXT,
  issuer TEXT,
  sent_message_id INTEGER REFERENCES sent_messages(id) ON DELETE SET NULL,
  delivery_id INTEGER REFERENCES deliveries(id) ON DELETE SET NULL
);
CREATE INDEX receipts_ref_message_id ON receipts(ref_message_id);
CREATE INDEX receipts_ref_local_part ON receipts(ref_local_part);
CREATE INDEX receipts_identificativo ON receipts(identificativo);
CREATE INDEX receipts_sent ON receipts(sent_message_id, type);
CREATE INDEX receipts_delivery ON receipts(delivery_id, type);
CREATE INDEX receipts_unlinked ON receipts(id) WHERE sent_message_id IS NULL;

-- Recipients of a bulk send; the send domain fills it and links each row to its sent message.
CREATE TABLE campaign_recipients (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
  sent_message_id INTEGER REFERENCES sent_messages(id) ON DELETE SET NULL,
  UNIQUE (campaign_id, address)
);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  organization TEXT,
  pec TEXT COLLATE NOCASE,
  email TEXT COLLATE NOCASE,
  tax_code TEXT,
  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  notes TEXT,
  is_pec INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX contacts_pec ON contacts(pec);
CREATE INDEX contacts_email ON contacts(email);
CREATE INDEX contacts_tax_code ON contacts(tax_code);

CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE group_members (
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX group_members_contact ON group_members(contact_id);
`;
