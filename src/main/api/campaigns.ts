// Bulk-send handlers (issue #6): campaign drafts from the composer, the pre-send check, the user's
// explicit start, pause/resume/cancel, the campaign view's reads, resend to the failed ones, the
// evidence export, and recipients picked from the contacts. The send domain does the work; this
// file turns its results into API results.
import type { ApiErrorCode, ApiPayload } from '../../shared/api';
import { sanitizeFileName } from '../attachments';
import type { CampaignDraft, CampaignErrorCode, CampaignResult, SendEngine, SendNotice } from '../send';
import { recipientsOfContacts } from './campaign-contacts';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { deliverEvidence } from './file-output';
import { fail, ok } from './result';

/** The API error each campaign failure becomes; the message is the domain's Italian detail. */
const ERROR_CODES: Record<CampaignErrorCode, ApiErrorCode> = {
  'not-found': 'not-found',
  'invalid-draft': 'invalid-request',
  'wrong-state': 'wrong-state',
  'checks-failed': 'checks-failed',
  account: 'not-found',
  'export-failed': 'io',
};

type Failure = Extract<CampaignResult<unknown>, { ok: false }>;

/** A send-domain failure as an API failure; for checks-failed, items are the blocking findings. */
function campaignFailure(failure: Failure): ReturnType<typeof fail> {
  const blocking = failure.report?.findings.filter((f) => f.severity === 'error').map((f) => f.message);
  return fail(ERROR_CODES[failure.code], failure.detail, blocking);
}

/** A send-domain result (a campaign's, an evidence export's) as an API result. */
export function answer<T, U = T>(result: CampaignResult<T>, map: (value: T) => U = (v) => v as unknown as U) {
  return result.ok ? ok(map(result.value)) : campaignFailure(result);
}

/** The composer's draft with its attachments decoded; kept ones are read from the campaign being edited. */
function domainDraft(send: SendEngine, draft: ApiPayload<'campaignCreate'>, editing: number | null): CampaignResult<CampaignDraft> {
  const stored = editing === null ? [] : send.campaigns.repo.attachmentsWithContent(editing, 'file');
  const attachments: CampaignDraft['attachments'] = [];
  for (const a of draft.attachments) {
    if ('dataBase64' in a) {
      attachments.push({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.dataBase64, 'base64') });
      continue;
    }
    const kept = stored.find((s) => s.id === a.keep);
    if (!kept) return { ok: false, code: 'not-found', detail: `l'allegato ${a.keep} non è più nella bozza: allegalo di nuovo` };
    attachments.push({ filename: kept.filename, contentType: kept.contentType ?? undefined, content: kept.content });
  }
  return { ok: true, value: { ...draft, attachments } };
}

type CampaignHandlers = Pick<
  Handlers,
  | 'campaignCreate' | 'campaignUpdate' | 'campaignRemove' | 'campaignList' | 'campaignGet' | 'campaignRecipients' | 'campaignPreview' | 'campaignCheck'
  | 'campaignStart' | 'campaignPause' | 'campaignResume' | 'campaignCancel' | 'campaignResendFailed' | 'campaignExport' | 'campaignPacing'
  | 'recipientsFromContacts' | 'campaignTemplateSave' | 'campaignTemplateList' | 'campaignTemplateRemove' | 'campaignFromTemplate'
>;

/** The bulk-send handlers. */
export function campaignHandlers(ctx: ApiContext): CampaignHandlers {
  const { send, contacts, accounts } = ctx.services;
  const missing = (id: number) => fail('not-found', `La campagna ${id} non esiste (più).`);
  return {
    async campaignCreate(req) {
      const draft = domainDraft(send, req, null);
      return draft.ok ? answer(send.campaigns.create(draft.value)) : campaignFailure(draft);
    },

    async campaignUpdate(req) {
      const draft = domainDraft(send, req.draft, req.id);
      return draft.ok ? answer(send.campaigns.update(req.id, draft.value)) : campaignFailure(draft);
    },

    async campaignRemove(req) {
      return answer(send.campaigns.remove(req.id), () => null);
    },

    async campaignList() {
      return ok(send.campaigns.list());
    },

    async campaignGet(req) {
      const detail = send.campaigns.get(req.id);
      return detail ? ok(detail) : missing(req.id);
    },

    async campaignRecipients(req) {
      if (!send.campaigns.get(req.id)) return missing(req.id);
      return ok(send.campaigns.recipients(req.id, { statuses: req.statuses, overdueOnly: req.overdueOnly, offset: req.offset, limit: req.limit }));
    },

    async campaignPreview(req) {
      return answer(await send.campaigns.preview(req.id, req.recipientId));
    },

    async campaignCheck(req) {
      return answer(await send.check(req.id));
    },

    async campaignStart(req) {
      return answer(await send.start(req.id));
    },

    async campaignPause(req) {
      return answer(send.pause(req.id), () => null);
    },

    async campaignResume(req) {
      return answer(send.resume(req.id), () => null);
    },

    async campaignCancel(req) {
      return answer(send.cancel(req.id));
    },

    async campaignResendFailed(req) {
      return answer(send.campaigns.resendFailed(req.id));
    },

    async campaignExport(req) {
      const detail = send.campaigns.get(req.id);
      if (!detail) return missing(req.id);
      const name = sanitizeFileName(`Prove invio ${req.id} - ${detail.subject || 'senza oggetto'}.zip`);
      return deliverEvidence(ctx, name, async (file) => answer(await send.campaigns.exportEvidence(req.id, file)));
    },

    async campaignPacing(req) {
      return ok(send.pacing(req.accountId));
    },

    async campaignTemplateSave(req) {
      return answer(send.campaigns.templates.save(req.campaignId, req.name));
    },

    async campaignTemplateList() {
      return ok(send.campaigns.templates.list());
    },

    async campaignTemplateRemove(req) {
      return answer(send.campaigns.templates.remove(req.id), () => null);
    },

    async campaignFromTemplate(req) {
      // The draft names the account by row id; one removed meanwhile would fail the foreign key.
      if (!(await accounts.get(String(req.accountId))).ok) return fail('not-found', "L'account non esiste (più).");
      return answer(send.campaigns.templates.createDraft(req.templateId, req.accountId));
    },

    async recipientsFromContacts(req) {
      const recipients = recipientsOfContacts(contacts, req.contactIds, req.groupIds);
      return recipients ? ok(recipients) : fail('not-found', 'Il gruppo non esiste (più).');
    },
  };
}

/** Tells the user once that some recipients are late ("in ritardo"): a system notification where the host has them. */
export function notifyOverdue(ctx: ApiContext, event: Extract<SendNotice, { kind: 'overdue' }>): void {
  const subject = ctx.services.send.campaigns.get(event.campaignId)?.subject || 'senza oggetto';
  const count = event.recipients.length;
  ctx.host.notify?.(
    'PecDesk: consegne in ritardo',
    `${count === 1 ? `1 destinatario non ha` : `${count} destinatari non hanno`} ancora la ricevuta di consegna («${subject}»).`,
  );
}
