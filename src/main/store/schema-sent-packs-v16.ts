// Migration 16: the bytes of messages sent from PecDesk in pack files (packStore.ts), like a sync
// batch's. Store.storeSentRaw writes a batch of messages about to be sent into one pack with one
// fsync, where one file each cost a file and a folder fsync per message. A sent message whose
// bytes are in a pack has raw_path = the pack and the offset and length of its bytes there; one
// stored as its own file (raw/ab/<sha256>.eml) keeps all three NULL, as every row before this
// migration does. raw_sha256 names the bytes either way. The index finds the rows of a pack when
// an account is deleted.
export const schemaSentPacksV16 = `
ALTER TABLE sent_messages ADD COLUMN raw_path TEXT;
ALTER TABLE sent_messages ADD COLUMN raw_offset INTEGER CHECK (raw_offset IS NULL OR raw_offset >= 0);
ALTER TABLE sent_messages ADD COLUMN raw_length INTEGER CHECK (raw_length IS NULL OR raw_length >= 0);
CREATE INDEX sent_messages_raw_pack ON sent_messages(raw_path) WHERE raw_offset IS NOT NULL;
`;
