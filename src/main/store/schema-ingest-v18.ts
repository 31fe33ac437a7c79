// Migration 18: filing a message costs fewer statements, and its words are indexed once per batch.
// Triggers did in SQL, once per row, what the ingest already knows in JavaScript:
// - messages_search_insert parsed the row's JSON address arrays back (json_each, seven sources in a
//   UNION) to fill message_addresses and message_recipients_fts (migration 10). The ingest now writes
//   both itself from the values it already holds (search-index.ts), the same values the trigger
//   computed, so the rows already stored and the new ones agree.
// - attachments_fts_insert copied each attachment's name into attachments_fts; the ingest now does,
//   after every other row of its batch (ingest.ts writeWords: a trigger's INSERT, like any
//   statement that needs a statement journal, made FTS5 write out its pending words as a segment
//   of one message, which automerge then merged again and again).
// The ingest is the only writer of messages and attachments rows (the store is the single writer),
// so no other path needs those triggers; their AFTER DELETE twins stay.
// - message_locations_sort_date_insert ran a second UPDATE of every location just inserted to copy
//   its message's sort date (migration 5). The ingest now puts sort_date_ms in the INSERT; the
//   trigger stays for a location inserted without it (the copy of a message filed earlier, older
//   code, hand-written SQL), so the copy still cannot be missing.
// - Three indexes no statement reads (EXPLAIN QUERY PLAN over every statement the store prepares):
//   messages(identificativo) (receipts and sent messages are matched by theirs, in their own
//   tables), messages(trust_level) (verdicts are read by message id; the count per level goes
//   through receipts) and receipts(id) WHERE proof = 0 (the receipts to verify are a scan of
//   their own conditions). Each cost a b-tree write per message or receipt, and the last a second
//   one when linking sets proof.
// Nothing to backfill: every row stored before this migration was filled by the triggers.
export const schemaIngestV18 = `
DROP TRIGGER messages_search_insert;

DROP TRIGGER message_locations_sort_date_insert;
CREATE TRIGGER message_locations_sort_date_insert AFTER INSERT ON message_locations WHEN new.sort_date_ms IS NULL BEGIN
  UPDATE message_locations SET sort_date_ms = (SELECT coalesce(m.date_ms, m.received_ms) FROM messages m WHERE m.id = new.message_row_id)
  WHERE id = new.id;
END;

DROP TRIGGER attachments_fts_insert;

DROP INDEX messages_identificativo;
DROP INDEX messages_trust_level;
DROP INDEX receipts_not_proof;
`;
