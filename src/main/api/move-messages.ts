// Move and delete handlers: the request goes to the sync engine of the folder's account, which
// carries it out on the server and then in the store (its change events update the lists).
import type { ApiErrorCode, Result } from '../../shared/api';
import type { MoveReport } from '../../shared/api-values';
import type { MessageActionErrorCode, MessageActionResult, SyncErrorCode } from '../mail';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';
import { actionFailureReason, syncFailure } from './sync-failure';

const API_CODE: Record<MessageActionErrorCode | SyncErrorCode, ApiErrorCode> = {
  'no-such-folder': 'not-found',
  'not-in-folder': 'not-found',
  'no-trash': 'not-found',
  'other-account': 'invalid-request',
  'local-only': 'local-only',
  // Deleting from Trash is for good: the renderer asks the user, then calls again with permanently.
  'needs-confirmation': 'denied',
  'server-refused': 'server',
  'no-password': 'server',
  'auth-failed': 'server',
  'connect-failed': 'server',
  'connection-lost': 'server',
  'folder-failed': 'server',
  'store-failed': 'io',
  'disk-full': 'io',
  'receipts-move-failed': 'server',
  'flags-refused': 'server',
  'disposed': 'server',
};

function report(result: MessageActionResult): Result<MoveReport> {
  if (result.ok) return ok({ count: result.count, permanently: result.permanently });
  // A SyncFailure names the server it tried: the connection failed.
  if ('host' in result) return syncFailure(API_CODE[result.code], result);
  return fail(API_CODE[result.code], actionFailureReason(result.code));
}

/** The move and delete handlers. */
export function moveHandlers(ctx: ApiContext): Pick<Handlers, 'moveMessages' | 'deleteMessages'> {
  const { mail } = ctx.services;
  return {
    async moveMessages(req) {
      return report(await mail.moveMessages(req));
    },

    async deleteMessages(req) {
      return report(await mail.deleteMessages(req));
    },
  };
}
