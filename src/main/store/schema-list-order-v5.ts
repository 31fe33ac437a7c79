// Migration 5: a folder page sorted by date (the message list's default) must be an index range
// scan, not a sort of the whole folder: at 100,000 messages the sort of messages ⋈ locations cost
// 0.2–0.5 s a page. The sort key lives on the messages row, so each location carries a copy of it
// (sort_date_ms = coalesce(date_ms, received_ms)), indexed with the folder. Triggers keep the copy
// right whoever writes a location (ingest, a move, the benches' SQL), and a message's dates are
// stored once at ingest and never recomputed, so the copy cannot drift.
// The unread count of the folder pane reads a partial index of the unseen locations only.
export const schemaListOrderV5 = `
ALTER TABLE message_locations ADD COLUMN sort_date_ms INTEGER;
UPDATE message_locations SET sort_date_ms = (SELECT coalesce(m.date_ms, m.received_ms) FROM messages m WHERE m.id = message_row_id);
CREATE INDEX message_locations_date_order ON message_locations(folder_id, sort_date_ms, message_row_id);
CREATE INDEX message_locations_unread ON message_locations(folder_id) WHERE seen = 0;

CREATE TRIGGER message_locations_sort_date_insert AFTER INSERT ON message_locations BEGIN
  UPDATE message_locations SET sort_date_ms = (SELECT coalesce(m.date_ms, m.received_ms) FROM messages m WHERE m.id = new.message_row_id)
  WHERE id = new.id;
END;
CREATE TRIGGER message_locations_sort_date_relink AFTER UPDATE OF message_row_id ON message_locations BEGIN
  UPDATE message_locations SET sort_date_ms = (SELECT coalesce(m.date_ms, m.received_ms) FROM messages m WHERE m.id = new.message_row_id)
  WHERE id = new.id;
END;
CREATE TRIGGER messages_sort_date_update AFTER UPDATE OF date_ms, received_ms ON messages BEGIN
  UPDATE message_locations SET sort_date_ms = coalesce(new.date_ms, new.received_ms) WHERE message_row_id = new.id;
END;
`;
