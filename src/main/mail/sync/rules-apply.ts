// "Applica ai messaggi esistenti": the rules for incoming mail run now on every message of one
// folder of the account, with that folder selected. PecDesk's local receipts folder holds INBOX
// messages under their INBOX UIDs (receipts.ts), so it is worked on through INBOX.
import { isInbox, LOCAL_RECEIPTS_PATH } from './folder-tree';
import type { MailboxView } from './local-state';
import type { ActionContext } from './message-actions';
import { runRules } from './rules';
import type { RuleNotice, RulesResult } from './types';

/** Runs the rules on the messages of `folderId`. Throws only when the connection fails. */
export async function applyRulesTo(ctx: ActionContext, folderId: number, notify: (notice: RuleNotice) => void): Promise<RulesResult> {
  const folders = ctx.store.listFolders(ctx.accountId);
  const folder = folders.find((f) => f.id === folderId);
  if (!folder) return { ok: false, code: 'no-such-folder', detail: `there is no folder ${folderId} in this account` };
  const inbox = folders.find((f) => isInbox(f.path));
  const local = folder.path === LOCAL_RECEIPTS_PATH;
  if (local && !inbox) return { ok: false, code: 'no-such-folder', detail: 'the account has no INBOX' };
  const view: MailboxView = local && inbox ? { path: inbox.path, folderId: inbox.id, aliasId: folder.id } : { path: folder.path, folderId: folder.id, aliasId: null };
  const messageRowIds = [...new Set([...ctx.local.locations({ path: folder.path, folderId: folder.id, aliasId: null }).values()].map((l) => l.messageRowId))];
  const lock = await ctx.client.getMailboxLock(view.path);
  try {
    return { ok: true, ...(await runRules({ ...ctx, view, notify }, messageRowIds)) };
  } finally {
    lock.release();
  }
}
