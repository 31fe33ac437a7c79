// A failure of the mail domain's sync engine as an API failure: a connection that failed under a
// folder change or a move, or a move the engine refused. Its code and values (host, stage) name
// the reason whose Italian is the engine's own words (mail/sync/status-words.ts, kept identical by
// test/main/api/sync-failure.test.ts), so the window can say them in its language.
import type { ApiErrorCode } from '../../shared/api';
import type { ApiErrorParams, ApiErrorReason } from '../../shared/api-errors';
import type { ConnectionStage } from '../accounts';
import type { MessageActionErrorCode, SyncErrorCode } from '../mail';
import { fail } from './result';

/** What the engine's failureWords are built from. */
export interface SyncFailureValues {
  code: SyncErrorCode;
  host?: string;
  stage?: ConnectionStage;
}

/** The reason of a connection failure, by where connecting failed. */
function connectReason(stage: ConnectionStage | undefined): ApiErrorReason {
  if (stage === 'dns') return 'sync-server-not-found';
  if (stage === 'tls') return 'sync-tls-failed';
  if (stage === 'timeout') return 'sync-server-silent';
  return 'sync-server-unreachable';
}

const SYNC_REASONS: Record<Exclude<SyncErrorCode, 'connect-failed'>, ApiErrorReason> = {
  'no-password': 'sync-no-password',
  'auth-failed': 'sync-auth-failed',
  'connection-lost': 'sync-connection-lost',
  'store-failed': 'sync-store-failed',
  'disk-full': 'sync-disk-full',
  'folder-failed': 'sync-folder-failed',
  'receipts-move-failed': 'sync-receipts-move-failed',
  'flags-refused': 'sync-flags-refused',
  disposed: 'sync-disposed',
};

const ACTION_REASONS: Record<MessageActionErrorCode, ApiErrorReason> = {
  'no-such-folder': 'messages-folder-gone',
  'other-account': 'messages-other-account',
  'not-in-folder': 'messages-not-in-folder',
  'local-only': 'messages-local-receipts',
  'no-trash': 'messages-no-trash',
  'needs-confirmation': 'messages-need-confirmation',
  'server-refused': 'messages-server-refused',
};

/** The reason of a sync failure (failureWords), with the host when its text names it. */
export function syncFailureReason({ code, host = '', stage }: SyncFailureValues): [ApiErrorReason, ApiErrorParams?] {
  if (code === 'connect-failed') return [connectReason(stage), { host }];
  return code === 'auth-failed' ? [SYNC_REASONS[code], { host }] : [SYNC_REASONS[code]];
}

/** The reason of a move or deletion the engine refused (actionWords). */
export function actionFailureReason(code: MessageActionErrorCode): ApiErrorReason {
  return ACTION_REASONS[code];
}

/** A sync failure as an API failure. */
export function syncFailure(apiCode: ApiErrorCode, failure: SyncFailureValues, items?: string[]) {
  const [reason, params] = syncFailureReason(failure);
  return fail(apiCode, reason, params, items);
}
