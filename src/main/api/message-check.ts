// checkMessage: the pre-send checks of one PEC (send/checks.ts, the campaigns' own), so the composer
// shows the same report before anything leaves; whether a recipient is a PEC mailbox is the send
// domain's rule (send/recipient-pec-status.ts).
import { checkMessage, recipientPecStatus } from '../send';
import { loadCurrentIndex } from '../store';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { resolveAttachments } from './outgoing-attachments';
import { fail, ok } from './result';

/** The handler of checkMessage. */
export function messageCheckHandlers(ctx: ApiContext): Pick<Handlers, 'checkMessage'> {
  return {
    async checkMessage(req) {
      const account = await ctx.services.accounts.get(req.accountId);
      if (!account.ok) return fail('not-found', 'account-missing', { accountId: req.accountId });
      const attachments = await resolveAttachments(ctx, req.attachments);
      if (!attachments.ok) return attachments;
      return ok(
        await checkMessage({
          to: req.to,
          cc: req.cc,
          subject: req.subject,
          html: req.html,
          attachments: attachments.value,
          receiptVariant: req.receiptVariant,
          settings: account.value,
          pecStatus: recipientPecStatus((address) => ctx.services.contacts.pecStatus(address), loadCurrentIndex(ctx.services.store)),
        }),
      );
    },
  };
}
