// Which receipts of a sent message belong to one recipient: the access point's answer, given once
// for the whole message (accettazione or non-accettazione), and the receipts the store linked to
// that recipient by its daticert <consegna> (avvenuta-consegna, errore-consegna, preavviso…). The
// campaign view and every evidence archive list the same ones.
import type { ReceiptRow } from '../store';
import type { RecipientReceipt } from './types';

/** The receipts of the recipient whose deliveries row is deliveryId (null: none yet), in the store's order. */
export function recipientReceipts(receipts: ReceiptRow[], deliveryId: number | null): RecipientReceipt[] {
  return receipts
    .filter((x) => x.type === 'accettazione' || x.type === 'non-accettazione' || (deliveryId !== null && x.deliveryId === deliveryId))
    .map((x) => ({ receiptId: x.id, messageRowId: x.messageRowId, type: x.type, timestamp: x.timestamp, level: x.trust?.level ?? null, proof: x.proof, problems: x.problems }));
}
