// The campaign-draft handlers (issue #14 §3): the recipient list of a bulk-send draft, edited in the
// engine where it is kept (send/draft-recipients.ts); the composer holds only the page it shows.
import { MAX_CAMPAIGN_RECIPIENTS } from '../send';
import { answer, campaignFailure, type FailureWords } from './campaigns';
import { recipientsOfContacts } from './campaign-contacts';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

type CampaignDraftHandlers = Pick<
  Handlers,
  | 'campaignDraftRecipientsAdd' | 'campaignDraftRecipientsAddContacts' | 'campaignDraftRecipientsRemove' | 'campaignDraftRecipientsReplace'
  | 'campaignDraftRecipientsPage' | 'campaignDraftRecipientsCount'
>;

/** The campaign-draft handlers. */
export function campaignDraftHandlers(ctx: ApiContext): CampaignDraftHandlers {
  const list = () => ctx.services.send.campaigns.draftRecipients;
  const about = (campaignId: number): FailureWords => ({ params: { campaignId } });
  /** An addition over the limit says how many more fit (all of them when the list is replaced). */
  const adding = (campaignId: number, replace: boolean): FailureWords => {
    const count = list().count(campaignId);
    const room = MAX_CAMPAIGN_RECIPIENTS - (replace || !count.ok ? 0 : count.value);
    return { reasons: { 'invalid-draft': 'campaign-recipients-over-max' }, params: { campaignId, max: MAX_CAMPAIGN_RECIPIENTS, room } };
  };
  return {
    async campaignDraftRecipientsAdd(req) {
      const added = list().add(req.id, req.recipients);
      return added.ok ? ok(added.value) : campaignFailure(added, adding(req.id, false));
    },

    async campaignDraftRecipientsAddContacts(req) {
      const recipients = recipientsOfContacts(ctx.services.contacts, req.contactIds, req.groupIds);
      if (!recipients) return fail('not-found', 'group-missing');
      const added = list().add(req.id, recipients.map((r) => ({ ...r, name: r.name ?? undefined })));
      return added.ok ? ok(added.value) : campaignFailure(added, adding(req.id, false));
    },

    async campaignDraftRecipientsRemove(req) {
      return answer(list().remove(req.id, req.addresses), undefined, about(req.id));
    },

    async campaignDraftRecipientsReplace(req) {
      const replaced = list().add(req.id, req.recipients, true);
      return replaced.ok ? ok(replaced.value) : campaignFailure(replaced, adding(req.id, true));
    },

    async campaignDraftRecipientsPage(req) {
      return answer(list().page(req.id, req.offset, req.limit), undefined, about(req.id));
    },

    async campaignDraftRecipientsCount(req) {
      return answer(list().count(req.id), (total) => ({ total }), about(req.id));
    },
  };
}
