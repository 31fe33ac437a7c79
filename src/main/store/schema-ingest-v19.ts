// Migration 19: a filed batch writes fewer b-tree pages, and its receipts fire no trigger.
// A commit writes every page it dirtied to the WAL (and the checkpoint writes it again), and an
// index over a random key (a Message-ID, an identificativo) gets one insert on a random page per
// row: filing 500 messages rewrote nearly every page of such an index at each commit. Counted on the
// sync bench's 10,000 messages (page numbers of the WAL frames of one commit, named with dbstat),
// a batch wrote ~1,000 pages, ~250 of them the three receipts indexes below and ~130 messages(message_id).
// - receipts(ref_message_id), (ref_local_part), (identificativo) are read only to find the receipts
//   not linked yet (link.ts: unlinkedForSent, unlinkedByIdentificativo, both `sent_message_id IS
//   NULL`), so they now hold only those. A receipt whose message is known is linked in the same
//   commit that files it: its entries go in and out of a small index, and the index no longer grows
//   with every receipt ever filed. A mailbox whose receipts stay unlinked (sent from another client)
//   keeps them all indexed, as before.
// - messages(message_id) is read only to find the server's copy of a message sent from PecDesk
//   (ingest.ts replacePending, serverCopyPresent), never a receipt: receipts, two thirds of a PEC
//   mailbox, leave it.
// - The receipts_pec_address_seen trigger recorded, per receipt, the address an attendibile
//   avvenuta-consegna proves to be a PEC mailbox; it made every receipt INSERT run a subquery and
//   keep a statement journal. The ingest, the only writer of receipts, now records them with one
//   statement per batch (ingest.ts recordPecAddresses), the same rows the trigger wrote.
// Nothing to backfill: the indexes are built from the rows already stored, and the addresses the
// trigger recorded stay.
export const schemaIngestV19 = `
DROP INDEX receipts_ref_message_id;
DROP INDEX receipts_ref_local_part;
DROP INDEX receipts_identificativo;
CREATE INDEX receipts_unlinked_ref_message_id ON receipts(ref_message_id) WHERE sent_message_id IS NULL;
CREATE INDEX receipts_unlinked_ref_local_part ON receipts(ref_local_part) WHERE sent_message_id IS NULL;
CREATE INDEX receipts_unlinked_identificativo ON receipts(identificativo) WHERE sent_message_id IS NULL;

DROP INDEX messages_message_id;
CREATE INDEX messages_message_id_not_receipt ON messages(message_id) WHERE kind IS NOT 'receipt';

DROP TRIGGER receipts_pec_address_seen;
`;
