// Folder tree changes, rules run on a folder, and quotas: each request goes to the sync engine of
// the account, which carries it out on the server and then in the store (the tree follows through
// store-changed). A refusal carries a reason the window words in its language, and the refusal's
// code as the error's one item (the folder tree tells the kinds apart by it).
import type { ApiErrorCode, Result } from '../../shared/api';
import type { ApiErrorReason } from '../../shared/api-errors';
import { quotaLevel, type QuotaView, type RuleNotifyEvent } from '../../shared/api-organize';
import { pecTypeOf, type FolderOpErrorCode, type FolderOpResult, type QuotaResult, type RuleNotice, type SyncFailure } from '../mail';
import type { Store } from '../store';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';
import { syncFailure } from './sync-failure';

const API_CODE: Record<FolderOpErrorCode, ApiErrorCode> = {
  'no-such-folder': 'not-found',
  'local-only': 'local-only',
  'protected': 'denied',
  'bad-name': 'invalid-request',
  'exists': 'exists',
  'into-itself': 'invalid-request',
  'has-subfolders': 'wrong-state',
  'not-empty': 'wrong-state',
  'server-refused': 'server',
};

const REASONS: Record<FolderOpErrorCode, ApiErrorReason> = {
  'no-such-folder': 'folder-gone',
  'local-only': 'folder-local-only',
  'protected': 'folder-protected',
  'bad-name': 'folder-bad-name',
  'exists': 'folder-exists',
  'into-itself': 'folder-into-itself',
  'has-subfolders': 'folder-has-subfolders',
  'not-empty': 'folder-not-empty',
  'server-refused': 'folder-server-refused',
};

function folderResult(result: FolderOpResult | SyncFailure): Result<{ folderId: number }> {
  if (result.ok) return ok({ folderId: result.folderId });
  if ('message' in result) return syncFailure(result.code === 'disk-full' || result.code === 'store-failed' ? 'io' : 'server', result, [result.code]);
  return fail(API_CODE[result.code], REASONS[result.code], result.code === 'server-refused' ? { reply: result.said ?? '' } : undefined, [result.code]);
}

function quotaView(accountId: number, quota: QuotaResult | SyncFailure): QuotaView {
  if (quota.ok) {
    const percent = Math.min(100, Math.round((quota.usedBytes / quota.limitBytes) * 100));
    return { accountId: String(accountId), state: 'ok', usedBytes: quota.usedBytes, limitBytes: quota.limitBytes, percent, level: quotaLevel(percent) };
  }
  return { accountId: String(accountId), state: quota.code === 'unsupported' ? 'unsupported' : 'unavailable' };
}

/** The event the renderer shows for a rule's notification; null when the message is gone meanwhile. */
export function ruleNotifyEvent(store: Store, notice: RuleNotice): RuleNotifyEvent | null {
  const message = store.getMessage(notice.messageRowId);
  if (!message) return null;
  return {
    type: 'rule-notify',
    accountId: String(notice.accountId),
    messageId: message.id,
    ruleName: notice.ruleName,
    subject: message.displaySubject,
    from: message.displayFrom,
    pecType: pecTypeOf(message),
  };
}

/** The folder change, rules-run and quota handlers. */
export function folderChangeHandlers(ctx: ApiContext): Pick<Handlers, 'createFolder' | 'renameFolder' | 'deleteFolder' | 'applyRules' | 'listQuotas'> {
  const { mail } = ctx.services;
  return {
    async createFolder(req) {
      return folderResult(await mail.createFolder(req.accountId, { parentFolderId: req.parentFolderId, name: req.name }));
    },

    async renameFolder(req) {
      return folderResult(await mail.renameFolder({ folderId: req.folderId, name: req.name, parentFolderId: req.parentFolderId }));
    },

    async deleteFolder(req) {
      const result = folderResult(await mail.deleteFolder(req.folderId));
      return result.ok ? ok(null) : result;
    },

    async applyRules(req) {
      const result = await mail.applyRules(req.folderId);
      if (result.ok) return ok({ checked: result.checked, matched: result.matched, moved: result.moved });
      if ('message' in result) return syncFailure('server', result, [result.code]);
      return fail('not-found', 'folder-gone', undefined, [result.code]);
    },

    async listQuotas() {
      return ok((await mail.quotas()).map(({ accountId, quota }) => quotaView(accountId, quota)));
    },
  };
}
