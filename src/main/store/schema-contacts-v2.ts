// Migration 2, for the contacts domain (issue #7): autocomplete that ignores accents, the PEC
// addresses seen in receipts, and the column mappings remembered per spreadsheet layout.
export const schemaContactsV2 = `
-- "nicolo" must find "Nicolò": the words of name, organization and addresses with accents
-- folded, as " w1 w2 … ", written by the contacts domain on every insert and update (SQLite has
-- no accent folding of its own). A LIKE scan of 50,000 rows takes milliseconds, and unlike an
-- FTS5 index it costs nothing measurable when an import inserts 50,000 contacts at once.
ALTER TABLE contacts ADD COLUMN search_text TEXT;

-- What receipts proved about an address (lowercased): certified = 1 for a daticert destinatario
-- of tipo "certificato" or the recipient of an avvenuta-consegna (only a PEC provider's delivery
-- point issues one, DM 2/11/2005 art. 9), 0 for tipo "esterno" (an ordinary mailbox).
-- The newest evidence wins (seen_ms).
CREATE TABLE pec_addresses_seen (
  address TEXT PRIMARY KEY,
  certified INTEGER NOT NULL CHECK (certified IN (0, 1)),
  seen_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER receipts_pec_address_seen AFTER INSERT ON receipts
WHEN new.type = 'avvenuta-consegna' AND new.recipient IS NOT NULL BEGIN
  INSERT INTO pec_addresses_seen (address, certified, seen_ms)
    VALUES (new.recipient, 1, COALESCE(unixepoch(new.timestamp), unixepoch('now')) * 1000)
  ON CONFLICT (address) DO UPDATE SET certified = 1, seen_ms = excluded.seen_ms WHERE excluded.seen_ms >= pec_addresses_seen.seen_ms;
END;
INSERT OR IGNORE INTO pec_addresses_seen (address, certified, seen_ms)
  SELECT recipient, 1, MAX(COALESCE(unixepoch(timestamp), 0)) * 1000 FROM receipts
  WHERE type = 'avvenuta-consegna' AND recipient IS NOT NULL GROUP BY recipient;

-- Column mappings of the import wizard, keyed by a hash of the header row's names.
CREATE TABLE contact_import_layouts (
  layout_key TEXT PRIMARY KEY,
  mapping TEXT NOT NULL CHECK (json_valid(mapping)),
  used_at TEXT NOT NULL
) WITHOUT ROWID;
`;
