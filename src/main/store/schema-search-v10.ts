// Migration 10: what the search syntax needs beyond subject, senders, body and attachment names
// (README "Cercare"): the recipients as words (`a:`/`to:`), and every address a message was
// exchanged with, exact and indexed ("Tutta la corrispondenza con…", `con:`).
//
// Both are filled by triggers from the messages row as it is inserted (the row already holds the
// cover's and postacert.eml's addresses and daticert's recipient), so the ingest code stays as it is;
// the rows already stored are filled here. Addresses may be stored as "Name <a@b>": the part in
// angle brackets is the address.
const addressOf = (v: string) =>
  `lower(trim(CASE WHEN instr(${v}, '<') > 0 AND instr(${v}, '>') > instr(${v}, '<')
    THEN substr(${v}, instr(${v}, '<') + 1, instr(${v}, '>') - instr(${v}, '<') - 1) ELSE ${v} END))`;

// Every address of a row `m` (new.* in the triggers), one per line.
const addressesOf = (m: string) => `SELECT ${m}.from_addr AS v UNION ALL SELECT ${m}.orig_from UNION ALL SELECT ${m}.pec_sender
  UNION ALL SELECT ${m}.pec_delivered_to UNION ALL SELECT value FROM json_each(${m}.to_addrs)
  UNION ALL SELECT value FROM json_each(${m}.orig_to) UNION ALL SELECT value FROM json_each(${m}.orig_cc)`;

// The recipients' words: the cover's To, postacert.eml's To and Cc, the recipient a consegna certifies.
const recipientsOf = (m: string) => `trim(coalesce((SELECT group_concat(value, ' ') FROM (SELECT value FROM json_each(${m}.to_addrs)
  UNION ALL SELECT value FROM json_each(${m}.orig_to) UNION ALL SELECT value FROM json_each(${m}.orig_cc))), '') || ' ' || coalesce(${m}.pec_delivered_to, ''))`;

// The rows already stored, one source column at a time (SQLite has no LATERAL join).
const backfill = [
  ...['from_addr', 'orig_from', 'pec_sender', 'pec_delivered_to'].map((c) => `SELECT m.${c} AS v, m.id AS id FROM messages m`),
  ...['to_addrs', 'orig_to', 'orig_cc'].map((c) => `SELECT j.value AS v, m.id AS id FROM messages m, json_each(m.${c}) j`),
]
  .map((source) => `INSERT OR IGNORE INTO message_addresses (address, message_row_id)
  SELECT ${addressOf('v')}, id FROM (${source}) WHERE v IS NOT NULL AND ${addressOf('v')} <> '';`)
  .join('\n');

export const schemaSearchV10 = `
CREATE TABLE message_addresses (
  address TEXT NOT NULL,
  message_row_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  PRIMARY KEY (address, message_row_id)
) WITHOUT ROWID;
CREATE INDEX message_addresses_message ON message_addresses(message_row_id);

CREATE VIRTUAL TABLE message_recipients_fts USING fts5(recipients, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
  INSERT OR IGNORE INTO message_addresses (address, message_row_id)
    SELECT ${addressOf('v')}, new.id FROM (${addressesOf('new')}) WHERE v IS NOT NULL AND ${addressOf('v')} <> '';
  INSERT INTO message_recipients_fts (rowid, recipients) VALUES (new.id, ${recipientsOf('new')});
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_recipients_fts WHERE rowid = old.id;
END;

${backfill}
INSERT INTO message_recipients_fts (rowid, recipients) SELECT m.id, ${recipientsOf('m')} FROM messages m;

-- A correspondent's receipts are found through the deliveries of the messages sent to them.
CREATE INDEX deliveries_address ON deliveries(address);
`;
