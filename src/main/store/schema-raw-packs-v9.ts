// Migration 9: raw messages stored in pack files (packStore.ts). A message filed by a sync batch
// has raw_path = its pack (raw/packs/<name>.pack) and the offset and length of its bytes there;
// a message stored as its own file (raw/ab/<sha256>.eml) keeps both NULL, as every row before
// this migration does. The index finds the rows of a pack when an account's mail is deleted.
export const schemaRawPacksV9 = `
ALTER TABLE messages ADD COLUMN raw_offset INTEGER CHECK (raw_offset IS NULL OR raw_offset >= 0);
ALTER TABLE messages ADD COLUMN raw_length INTEGER CHECK (raw_length IS NULL OR raw_length >= 0);
CREATE INDEX messages_raw_pack ON messages(raw_path) WHERE raw_offset IS NOT NULL;
`;
