// Folder tree changes, rules run on a folder, and quotas: each request goes to the sync engine of
// the account, which carries it out on the server and then in the store (the tree follows through
// store-changed). A refusal carries its reason's code as the error's one item, so the renderer can
// say it in the UI's language.
import type { ApiErrorCode, Result } from '../../shared/api';
import { quotaLevel, type QuotaView, type RuleNotifyEvent } from '../../shared/api-organize';
import { pecTypeOf, type FolderOpErrorCode, type FolderOpResult, type QuotaResult, type RuleNotice, type SyncFailure } from '../mail';
import type { Store } from '../store';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

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

function folderResult(result: FolderOpResult | SyncFailure): Result<{ folderId: number }> {
  if (result.ok) return ok({ folderId: result.folderId });
  if ('message' in result) return fail(result.code === 'disk-full' || result.code === 'store-failed' ? 'io' : 'server', result.message, [result.code]);
  return fail(API_CODE[result.code], result.detail, [result.code]);
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
      if ('message' in result) return fail('server', result.message, [result.code]);
      return fail('not-found', result.detail, [result.code]);
    },

    async listQuotas() {
      return ok((await mail.quotas()).map(({ accountId, quota }) => quotaView(accountId, quota)));
    },
  };
}
