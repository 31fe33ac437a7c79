// Migration 8: the verdict on every signed PEC object, and which receipts count as proof
// (README "Ricevute attendibili"). Migration 7 belongs to the providers' index.
//
// messages: the verdict as computed (level, reasons, provider, index version, when) and the
// facts it was computed from, so a new index re-judges every object without reading its bytes:
// the signer certificate's SHA-1 and validity window, and the signed daticert's sender,
// recipient and time.
// receipts: the account whose mailbox it arrived in (a receipt links only to that account's
// sent messages); trust_ok = its verdict counts; header_mismatch = the unsigned outer
// X-Riferimento-Message-ID names another message than the signed daticert.xml; contradiction =
// what its sent message says against it; proof = it counts in D/A/C/E (all of the above clean).
// Rows from before this migration have no verdict: they are non-firmata until re-checked, and
// nothing they said counts until then; `recheckVerdicts` fills them.
export const schemaTrustV8 = `
ALTER TABLE messages ADD COLUMN trust_level TEXT CHECK (trust_level IN ('attendibile', 'integra', 'alterata', 'non-firmata'));
ALTER TABLE messages ADD COLUMN trust_reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(trust_reasons));
ALTER TABLE messages ADD COLUMN trust_provider TEXT;
ALTER TABLE messages ADD COLUMN trust_index_version INTEGER;
ALTER TABLE messages ADD COLUMN trust_checked_at TEXT;
ALTER TABLE messages ADD COLUMN sig_signer_sha1 TEXT;
ALTER TABLE messages ADD COLUMN sig_valid_from TEXT;
ALTER TABLE messages ADD COLUMN sig_valid_to TEXT;
ALTER TABLE messages ADD COLUMN pec_sender TEXT;
ALTER TABLE messages ADD COLUMN pec_delivered_to TEXT;
ALTER TABLE messages ADD COLUMN pec_certified_at TEXT;
CREATE INDEX messages_trust_level ON messages(trust_level) WHERE trust_level IS NOT NULL;

ALTER TABLE receipts ADD COLUMN account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE receipts ADD COLUMN trust_ok INTEGER NOT NULL DEFAULT 0 CHECK (trust_ok IN (0, 1));
ALTER TABLE receipts ADD COLUMN header_mismatch INTEGER NOT NULL DEFAULT 0 CHECK (header_mismatch IN (0, 1));
ALTER TABLE receipts ADD COLUMN contradiction TEXT CHECK (contradiction IN ('recipient-not-sent', 'message-refused', 'other-account'));
ALTER TABLE receipts ADD COLUMN proof INTEGER NOT NULL DEFAULT 0 CHECK (proof IN (0, 1));
CREATE INDEX receipts_not_proof ON receipts(id) WHERE proof = 0;

-- Only an attendibile avvenuta-consegna confirms that its recipient is a PEC mailbox (migration
-- 2 believed any). The message row, with its verdict, is filed before its receipt row; a
-- re-check that makes a stored consegna attendibile confirms its recipient then. What migration 2
-- recorded came from receipts nobody verified: it is forgotten, and the first re-check against a
-- providers' index records again what attendibile receipts prove.
DELETE FROM pec_addresses_seen;
DROP TRIGGER receipts_pec_address_seen;
CREATE TRIGGER receipts_pec_address_seen AFTER INSERT ON receipts
WHEN new.type = 'avvenuta-consegna' AND new.recipient IS NOT NULL
  AND (SELECT trust_level FROM messages WHERE id = new.message_row_id) = 'attendibile' BEGIN
  INSERT INTO pec_addresses_seen (address, certified, seen_ms)
    VALUES (new.recipient, 1, COALESCE(unixepoch(new.timestamp), unixepoch('now')) * 1000)
  ON CONFLICT (address) DO UPDATE SET certified = 1, seen_ms = excluded.seen_ms WHERE excluded.seen_ms >= pec_addresses_seen.seen_ms;
END;
CREATE TRIGGER messages_pec_address_attendibile AFTER UPDATE OF trust_level ON messages
WHEN new.trust_level = 'attendibile' AND old.trust_level IS NOT 'attendibile' BEGIN
  INSERT INTO pec_addresses_seen (address, certified, seen_ms)
    SELECT r.recipient, 1, COALESCE(unixepoch(r.timestamp), unixepoch('now')) * 1000 FROM receipts r
    WHERE r.message_row_id = new.id AND r.type = 'avvenuta-consegna' AND r.recipient IS NOT NULL
  ON CONFLICT (address) DO UPDATE SET certified = 1, seen_ms = excluded.seen_ms WHERE excluded.seen_ms >= pec_addresses_seen.seen_ms;
END;
`;
