// The campaign-draft handlers (issue #14 §3): the recipient list of a bulk-send draft, edited in the
// engine where it is kept (send/draft-recipients.ts); the composer holds only the page it shows.
import { answer } from './campaigns';
import { recipientsOfContacts } from './campaign-contacts';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail } from './result';

type CampaignDraftHandlers = Pick<
  Handlers,
  | 'campaignDraftRecipientsAdd' | 'campaignDraftRecipientsAddContacts' | 'campaignDraftRecipientsRemove' | 'campaignDraftRecipientsReplace'
  | 'campaignDraftRecipientsPage' | 'campaignDraftRecipientsCount'
>;

/** The campaign-draft handlers. */
export function campaignDraftHandlers(ctx: ApiContext): CampaignDraftHandlers {
  const list = () => ctx.services.send.campaigns.draftRecipients;
  return {
    async campaignDraftRecipientsAdd(req) {
      return answer(list().add(req.id, req.recipients));
    },

    async campaignDraftRecipientsAddContacts(req) {
      const recipients = recipientsOfContacts(ctx.services.contacts, req.contactIds, req.groupIds);
      if (!recipients) return fail('not-found', 'Il gruppo non esiste (più).');
      return answer(list().add(req.id, recipients.map((r) => ({ ...r, name: r.name ?? undefined }))));
    },

    async campaignDraftRecipientsRemove(req) {
      return answer(list().remove(req.id, req.addresses));
    },

    async campaignDraftRecipientsReplace(req) {
      return answer(list().add(req.id, req.recipients, true));
    },

    async campaignDraftRecipientsPage(req) {
      return answer(list().page(req.id, req.offset, req.limit));
    },

    async campaignDraftRecipientsCount(req) {
      return answer(list().count(req.id), (total) => ({ total }));
    },
  };
}
