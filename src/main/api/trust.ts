// The trust handlers: "Ricevute da verificare", the receipts that do not count as proof.
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { ok } from './result';

/** The trust handlers. */
export function trustHandlers(ctx: ApiContext): Pick<Handlers, 'listReceiptsToVerify'> {
  void ctx;
  return {
    async listReceiptsToVerify(req) {
      return ok({ total: 0, offset: req.offset, rows: [] });
    },
  };
}
