// The trust handlers: "Ricevute da verificare", the receipts that do not count as proof.
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { ok } from './result';

/** The trust handlers. */
export function trustHandlers(ctx: ApiContext): Pick<Handlers, 'listReceiptsToVerify'> {
  const { store } = ctx.services;
  return {
    async listReceiptsToVerify(req) {
      const page = store.receiptsToVerify(req.offset, req.limit);
      return ok({
        total: page.total,
        offset: req.offset,
        rows: page.rows.map((r) => ({
          receiptId: r.id,
          messageRowId: r.messageRowId,
          type: r.type,
          recipient: r.recipient,
          timestamp: r.timestamp,
          issuer: r.issuer,
          refMessageId: r.refMessageId,
          sentMessageId: r.sentMessageId,
          sentSubject: r.sentSubject,
          accountId: r.accountId === null ? null : String(r.accountId),
          trust: r.trust,
          level: r.trust?.level ?? null,
          proof: r.proof,
          problems: r.problems,
        })),
      });
    },
  };
}
