// The store-health handlers as the API over open services answers them: the services exist only
// over a database that passed its check, so it is sound. While the check runs, or when it failed,
// core.ts answers these two methods itself (and refuses the others with 'store-damaged').
import { listBackups } from '../store';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

/** The store-health handlers of a sound store. */
export function storeHealthHandlers(ctx: ApiContext): Pick<Handlers, 'getStoreHealth' | 'restoreStoreFromBackup'> {
  return {
    async getStoreHealth() {
      return ok({ state: 'ok', code: null, detail: null, backups: listBackups(ctx.services.dataDir).length });
    },
    async restoreStoreFromBackup() {
      return fail('wrong-state', 'store-not-damaged');
    },
  };
}
