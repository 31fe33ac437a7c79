// Folder and sent-message handlers: folders with unread counts, D/A/C/E, deliveries, receipts,
// and the evidence .zip of a sent message.
import type { FolderRole, FolderView } from '../../shared/api-values';
import { sanitizeFileName } from '../attachments';
import { LOCAL_RECEIPTS_PATH } from '../mail';
import { exportSentEvidence } from '../send';
import type { FolderSummary } from '../store';
import type { ApiContext } from './context';
import { answer } from './campaigns';
import type { Handlers } from './dispatch';
import { deliverEvidence } from './file-output';
import { fail, ok } from './result';
import { sendTaskView } from './send-task-view';

// RFC 6154 special-use attributes.
const SPECIAL_USE: Record<string, FolderRole> = {
  '\\sent': 'sent',
  '\\drafts': 'drafts',
  '\\trash': 'trash',
  '\\junk': 'junk',
  '\\archive': 'archive',
  '\\all': 'archive',
};

/** The role the UI gives a folder (INBOX, special-use, PecDesk's receipts folder). */
export function roleOf(f: FolderSummary): FolderRole {
  if (f.role === 'receipts') return 'receipts';
  // RFC 3501 §5.1: INBOX is case-insensitive.
  if (f.path.toUpperCase() === 'INBOX') return 'inbox';
  return (f.specialUse && SPECIAL_USE[f.specialUse.toLowerCase()]) || 'other';
}

/** A stored folder as the UI shows it (name, role). */
export function folderView(f: FolderSummary): FolderView {
  return { id: f.id, accountId: String(f.accountId), path: f.path, name: f.path.split(/[/.]/).pop() || f.path, role: roleOf(f), total: f.total, unread: f.unread, localOnly: f.path === LOCAL_RECEIPTS_PATH };
}

/** There is no sent message with this id. */
export function sentMissing(sentMessageId: number) {
  return fail('not-found', 'sent-message-missing', { sentMessageId });
}

/** The folder and sent-message handlers. */
export function folderHandlers(ctx: ApiContext): Pick<Handlers, 'listFolders' | 'listReceipts' | 'getDeliveries' | 'exportSentEvidence'> {
  const { store, send } = ctx.services;
  const taskOf = (sentMessageId: number) => {
    const task = store.sendTasks.ofSent(sentMessageId);
    return task ? sendTaskView(task) : null;
  };
  return {
    async listFolders(req) {
      const accountId = req.accountId === undefined ? undefined : Number(req.accountId);
      if (accountId !== undefined && !Number.isSafeInteger(accountId)) return fail('not-found', 'account-missing', { accountId: req.accountId ?? '' });
      return ok(store.listFolders(accountId).map(folderView));
    },

    async listReceipts(req) {
      if (!store.getSent(req.sentMessageId)) return sentMissing(req.sentMessageId);
      return ok(
        store.receiptsOf(req.sentMessageId).map((r) => ({
          messageId: r.messageRowId,
          type: r.type,
          variant: r.variant,
          recipient: r.recipient,
          timestamp: r.timestamp,
          issuer: r.issuer,
          errorDetail: r.errorDetail,
          trust: r.trust,
          proof: r.proof,
          problems: r.problems,
        })),
      );
    },

    async getDeliveries(req) {
      const sent = store.getSent(req.sentMessageId);
      if (!sent) return sentMissing(req.sentMessageId);
      return ok({
        sentMessageId: sent.id,
        messageId: sent.messageId,
        subject: sent.subject,
        counters: store.dac(sent.id),
        recipients: store.deliveriesOf(sent.id).map(({ address, field, status, acceptedAt, deliveredAt, errorAt, errorDetail, warningAt, unproven }) => ({
          address,
          field,
          status,
          acceptedAt,
          deliveredAt,
          errorAt,
          errorDetail,
          warningAt,
          unproven,
        })),
        submission: taskOf(sent.id),
      });
    },

    async exportSentEvidence(req) {
      const sent = store.getSent(req.sentMessageId);
      if (!sent) return sentMissing(req.sentMessageId);
      const name = sanitizeFileName(`Prove PEC - ${sent.subject || 'senza oggetto'}.zip`);
      const input = { store, sentMessageId: sent.id, cutoff: send.campaigns.overdueCutoff(), now: send.campaigns.clock.now() };
      const words = { reasons: { 'not-found': 'sent-message-missing' }, params: { sentMessageId: sent.id } } as const;
      return deliverEvidence(ctx, name, async (file) => answer(await exportSentEvidence(input, file), undefined, words));
    },
  };
}
