// Migration 13: "Importati", the local folder of messages brought in from files (`pecdesk import`,
// an .eml opened and kept, an archive imported back). A message without any server location is not
// enough to tell: one deleted on the server stays stored as evidence but was never imported, and
// must not reappear there. So an import says so in its own row.
// sort_date_ms copies the message's sort key (coalesce(date_ms, received_ms), stored once at ingest
// and never recomputed) so the folder's date order is an index range scan, as for a server folder.
// Messages already stored without any location were, until now, imported from files (or deleted on
// the server, which cannot be told apart afterwards): they are listed, so nothing imported stays hidden.
export const schemaImportedV13 = `
CREATE TABLE imported_messages (
  message_row_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('file', 'opened', 'archive')),
  imported_at TEXT NOT NULL,
  sort_date_ms INTEGER NOT NULL
);
CREATE INDEX imported_messages_date_order ON imported_messages(sort_date_ms, message_row_id);

INSERT INTO imported_messages (message_row_id, source, imported_at, sort_date_ms)
  SELECT m.id, 'file', m.received_at, coalesce(m.date_ms, m.received_ms) FROM messages m
  WHERE NOT EXISTS (SELECT 1 FROM message_locations l WHERE l.message_row_id = m.id);
`;
