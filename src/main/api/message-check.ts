// checkMessage: the pre-send checks of one PEC (send/checks.ts, the campaigns' own), so the composer
// shows the same report before anything leaves. Whether a recipient is a PEC mailbox is read from
// the providers' index when one was imported (its managed domains), otherwise from the contacts'
// evidence and the known PEC domains.
import type { PecStatus } from '../../shared/api-contacts';
import { addressDomain } from '../accounts';
import { checkMessage } from '../send';
import { loadCurrentIndex } from '../trust';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { resolveAttachments } from './outgoing-attachments';
import { fail, ok } from './result';

/** The PEC status the check uses: receipts and the user's word first, then the index, then the domain guess. */
function pecStatusFor(ctx: ApiContext): (address: string) => PecStatus {
  const { contacts, store } = ctx.services;
  const index = loadCurrentIndex(store);
  return (address) => {
    const evidence = contacts.pecStatus(address);
    if (!index || evidence === 'confirmed' || evidence === 'user' || evidence === 'no') return evidence;
    return index.providerForDomain(addressDomain(address)) ? 'likely' : 'no';
  };
}

/** The handler of checkMessage. */
export function messageCheckHandlers(ctx: ApiContext): Pick<Handlers, 'checkMessage'> {
  return {
    async checkMessage(req) {
      const account = await ctx.services.accounts.get(req.accountId);
      if (!account.ok) return fail('not-found', `There is no account ${req.accountId}.`);
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
          pecStatus: pecStatusFor(ctx),
        }),
      );
    },
  };
}
