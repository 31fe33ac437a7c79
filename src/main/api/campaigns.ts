// Bulk-send handlers (issue #6): campaign drafts from the composer, the pre-send check, the user's
// explicit start, pause/resume/cancel, the campaign view's reads, resend to the failed ones, the
// evidence export, and recipients picked from the contacts. The send domain does the work; this
// file turns its results into API results.
import type { ApiErrorCode, ApiPayload, Result } from '../../shared/api';
import type { ApiErrorParams, ApiErrorReason } from '../../shared/api-errors';
import { sanitizeFileName } from '../attachments';
import { MAX_TEMPLATE_NAME, type CampaignDraft, type CampaignErrorCode, type CampaignResult, type SendEngine, type SendNotice } from '../send';
import { recipientsOfContacts } from './campaign-contacts';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { deliverEvidence } from './file-output';
import { fail, ok } from './result';

/** The API error each campaign failure becomes. */
const ERROR_CODES: Record<CampaignErrorCode, ApiErrorCode> = {
  'not-found': 'not-found',
  'invalid-draft': 'invalid-request',
  'wrong-state': 'wrong-state',
  'checks-failed': 'checks-failed',
  account: 'not-found',
  'export-failed': 'io',
};

/**
 * The reason each failure code gets unless the call names a closer one: a code covers several
 * situations (not-found: a campaign, a recipient, a template), which only the call tells apart.
 * The domain's detail, in its own words, is not passed on.
 */
const REASONS: Record<CampaignErrorCode, ApiErrorReason> = {
  'not-found': 'campaign-missing',
  'invalid-draft': 'campaign-draft-invalid',
  'wrong-state': 'campaign-started-no-edit',
  'checks-failed': 'campaign-checks-failed',
  account: 'campaign-account-gone',
  'export-failed': 'evidence-not-written',
};

/** How one call words its failures: closer reasons for some codes, and the values the texts name. */
export interface FailureWords {
  reasons?: Partial<Record<CampaignErrorCode, ApiErrorReason>>;
  params?: ApiErrorParams;
}

type Failure = Extract<CampaignResult<unknown>, { ok: false }>;

/** A send-domain failure as an API failure; for checks-failed, items are the blocking findings. */
export function campaignFailure(failure: Failure, words: FailureWords = {}): ReturnType<typeof fail> {
  const blocking = failure.report?.findings.filter((f) => f.severity === 'error').map((f) => f.message);
  const reason = words.reasons?.[failure.code] ?? REASONS[failure.code];
  // A draft the schema refused: its issues are the schema's words, as for invalid-request.
  const params = reason === 'campaign-draft-invalid' ? { ...words.params, issues: failure.detail } : words.params;
  return fail(ERROR_CODES[failure.code], reason, params, blocking);
}

/** A send-domain result (a campaign's, an evidence export's) as an API result. */
export function answer<T, U = T>(result: CampaignResult<T>, map: (value: T) => U = (v) => v as unknown as U, words: FailureWords = {}) {
  return result.ok ? ok(map(result.value)) : campaignFailure(result, words);
}

/** The failures of a call about campaign `campaignId`, with closer reasons for some codes. */
function about(campaignId: number, reasons: FailureWords['reasons'] = {}): FailureWords {
  return { reasons, params: { campaignId } };
}

/** The composer's draft with its attachments decoded; kept ones are read from the campaign being edited. */
function domainDraft(send: SendEngine, draft: ApiPayload<'campaignCreate'>, editing: number | null): Result<CampaignDraft> {
  const stored = editing === null ? [] : send.campaigns.repo.attachmentsWithContent(editing, 'file');
  const attachments: CampaignDraft['attachments'] = [];
  for (const a of draft.attachments) {
    if ('dataBase64' in a) {
      attachments.push({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.dataBase64, 'base64') });
      continue;
    }
    const kept = stored.find((s) => s.id === a.keep);
    if (!kept) return fail('not-found', 'campaign-attachment-gone', { attachmentId: a.keep });
    attachments.push({ filename: kept.filename, contentType: kept.contentType ?? undefined, content: kept.content });
  }
  return ok({ ...draft, attachments });
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
  const missing = (campaignId: number) => fail('not-found', 'campaign-missing', { campaignId });
  return {
    async campaignCreate(req) {
      const draft = domainDraft(send, req, null);
      return draft.ok ? answer(send.campaigns.create(draft.value)) : draft;
    },

    async campaignUpdate(req) {
      const draft = domainDraft(send, req.draft, req.id);
      return draft.ok ? answer(send.campaigns.update(req.id, draft.value), undefined, about(req.id)) : draft;
    },

    async campaignRemove(req) {
      return answer(send.campaigns.remove(req.id), () => null, about(req.id, { 'wrong-state': 'campaign-started-kept' }));
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
      // Not found past this point: the recipient.
      if (!send.campaigns.get(req.id)) return missing(req.id);
      const words = { reasons: { 'not-found': 'campaign-recipient-missing' }, params: { campaignId: req.id, recipientId: req.recipientId } } as const;
      return answer(await send.campaigns.preview(req.id, req.recipientId), undefined, words);
    },

    async campaignCheck(req) {
      return answer(await send.check(req.id), undefined, about(req.id));
    },

    async campaignStart(req) {
      return answer(await send.start(req.id), undefined, about(req.id, { 'wrong-state': 'campaign-not-a-draft' }));
    },

    async campaignPause(req) {
      return answer(send.pause(req.id), () => null, about(req.id, { 'wrong-state': 'campaign-not-sending' }));
    },

    async campaignResume(req) {
      return answer(send.resume(req.id), () => null, about(req.id, { 'wrong-state': 'campaign-not-paused' }));
    },

    async campaignCancel(req) {
      return answer(send.cancel(req.id), undefined, about(req.id, { 'wrong-state': 'campaign-already-ended' }));
    },

    async campaignResendFailed(req) {
      return answer(send.campaigns.resendFailed(req.id), undefined, about(req.id, { 'invalid-draft': 'campaign-no-failed-recipients' }));
    },

    async campaignExport(req) {
      const detail = send.campaigns.get(req.id);
      if (!detail) return missing(req.id);
      const name = sanitizeFileName(`Prove invio ${req.id} - ${detail.subject || 'senza oggetto'}.zip`);
      return deliverEvidence(ctx, name, async (file) => answer(await send.campaigns.exportEvidence(req.id, file), undefined, about(req.id)));
    },

    async campaignPacing(req) {
      return ok(send.pacing(req.accountId));
    },

    async campaignTemplateSave(req) {
      const words = { reasons: { 'invalid-draft': 'template-name-invalid' }, params: { campaignId: req.campaignId, max: MAX_TEMPLATE_NAME } } as const;
      return answer(send.campaigns.templates.save(req.campaignId, req.name), undefined, words);
    },

    async campaignTemplateList() {
      return ok(send.campaigns.templates.list());
    },

    async campaignTemplateRemove(req) {
      return answer(send.campaigns.templates.remove(req.id), () => null, { reasons: { 'not-found': 'template-missing' }, params: { templateId: req.id } });
    },

    async campaignFromTemplate(req) {
      // The draft names the account by row id; one removed meanwhile would fail the foreign key.
      if (!(await accounts.get(String(req.accountId))).ok) return fail('not-found', 'account-gone');
      return answer(send.campaigns.templates.createDraft(req.templateId, req.accountId), undefined, { reasons: { 'not-found': 'template-missing' }, params: { templateId: req.templateId } });
    },

    async recipientsFromContacts(req) {
      const recipients = recipientsOfContacts(contacts, req.contactIds, req.groupIds);
      return recipients ? ok(recipients) : fail('not-found', 'group-missing');
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
