// The evidence archive of one PEC sent to several recipients (layout and guarantees in
// evidence-archive.ts): a folder per To and Cc recipient, each with the one message submitted and,
// in PEC order, the accettazione of the whole message and that recipient's own receipts; the
// message and its D/A/C/E in the manifest. A message recorded without its bytes (an old import)
// still has its receipts exported: the manifest and the report say the message itself is missing.
import type { DeliveryRow, SentMessageRow, Store } from '../store';
import { SENT_NOT_STORED_NOTE, writeEvidenceArchive, type EvidenceResult, type SentBytes } from './evidence-archive';
import { recipientReceipts } from './recipient-receipts';
import type { RecipientStatus } from './types';

/** What the export reads. */
export interface SentEvidenceInput {
  store: Store;
  sentMessageId: number;
  /** Submitted before this instant and still without delivery: "in ritardo", as in a campaign. */
  cutoff: number;
  now: number;
}

/** Writes the evidence archive of one sent message to `file`. */
export async function exportSentEvidence(input: SentEvidenceInput, file: string): Promise<EvidenceResult> {
  const { store } = input;
  const sent = store.getSent(input.sentMessageId);
  if (!sent) return { ok: false, code: 'not-found', detail: `il messaggio inviato ${input.sentMessageId} non esiste (più)` };
  const receipts = store.receiptsOf(sent.id);
  // One message for every recipient: read (and hash-checked) once.
  let bytes: SentBytes | undefined;
  const readBytes = (): SentBytes => (bytes ??= sentBytes(store, sent));
  // Recorded just before it left (compose.ts): that time is the submission's, once the provider took it.
  const submittedAt = sent.status === 'queued' || sent.status === 'submit-failed' ? null : sent.createdAt;
  const submittedMs = Date.parse(sent.createdAt);
  return writeEvidenceArchive(
    {
      store,
      about: {
        message: {
          id: sent.id,
          messageId: sent.messageId,
          subject: sent.subject,
          from: sent.from,
          sentAt: sent.createdAt,
          status: sent.status,
          identificativo: sent.identificativo,
          sentMessageSha256: sent.rawSha256,
          note: sent.rawSha256 ? null : SENT_NOT_STORED_NOTE,
        },
        dac: store.dac(sent.id),
      },
      recipients: store.deliveriesOf(sent.id).map((d) => {
        const status = recipientStatus(d, sent);
        return {
          line: {
            address: d.address,
            name: null,
            status,
            overdue: ['submitted', 'accepted', 'warning'].includes(status) && submittedMs <= input.cutoff,
            submittedAt,
            acceptedAt: d.acceptedAt,
            deliveredAt: d.deliveredAt,
            errorAt: d.errorAt,
            identificativo: sent.identificativo,
            messageId: sent.messageId,
            error: d.errorDetail ?? d.error,
          },
          sent: readBytes,
          receipts: recipientReceipts(receipts, d.id),
        };
      }),
      now: input.now,
    },
    file,
  );
}

function sentBytes(store: Store, sent: SentMessageRow): SentBytes {
  // The manifest names the SHA-256 recorded with the row; a campaign message of an older version
  // has none there (its bytes are in its queue row, which the campaign's own export reads).
  const read = sent.rawSha256 ? store.readSentRaw(sent.id) : null;
  if (!read) return { ok: false, code: 'not-stored' };
  return read.ok ? { ok: true, raw: read.raw, sha256: sent.rawSha256! } : read;
}

/** A recipient's status as a campaign's report names it: the receipts' word, else how far the submission got. */
function recipientStatus(d: DeliveryRow, sent: SentMessageRow): RecipientStatus {
  if (d.status !== 'pending') return d.status;
  if (sent.status === 'submit-failed') return 'failed';
  return sent.status === 'queued' ? 'pending' : 'submitted';
}
