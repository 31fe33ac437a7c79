// Migration 12: what the user adds to messages and the rules for incoming mail, all local (none of
// it is ever sent to a server).
//
// message_tags: one row per tag of a message; tags are stored normalized (shared/rules.ts
// normalizeTag), and search's `tag:` reads this table. message_notes: one private note per
// message, searchable by its words through message_notes_fts (same tokenizer as messages_fts).
// mail_rules: the rules in the order they run (position), for one account or all (account_id
// NULL); conditions and actions as JSON in the shapes of shared/rules.ts.
export const schemaOrganizeV12 = `
CREATE TABLE message_tags (
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (message_id, tag)
) WITHOUT ROWID;
CREATE INDEX message_tags_tag ON message_tags(tag);

CREATE TABLE message_notes (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE message_notes_fts USING fts5(
  text, content = 'message_notes', content_rowid = 'message_id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER message_notes_fts_insert AFTER INSERT ON message_notes BEGIN
  INSERT INTO message_notes_fts(rowid, text) VALUES (new.message_id, new.text);
END;
CREATE TRIGGER message_notes_fts_delete AFTER DELETE ON message_notes BEGIN
  INSERT INTO message_notes_fts(message_notes_fts, rowid, text) VALUES ('delete', old.message_id, old.text);
END;
CREATE TRIGGER message_notes_fts_update AFTER UPDATE OF text ON message_notes BEGIN
  INSERT INTO message_notes_fts(message_notes_fts, rowid, text) VALUES ('delete', old.message_id, old.text);
  INSERT INTO message_notes_fts(rowid, text) VALUES (new.message_id, new.text);
END;

CREATE TABLE mail_rules (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  conditions TEXT NOT NULL CHECK (json_valid(conditions)),
  actions TEXT NOT NULL CHECK (json_valid(actions)),
  created_at TEXT NOT NULL
);
CREATE INDEX mail_rules_position ON mail_rules(position);
`;
