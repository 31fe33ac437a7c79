// "Nuovo da modello" and "Rispondi con modello": a single message started from a template of the
// bulk send (the same store, the same {{placeholders}}), filled from the recipient's contact when
// the address is one. A placeholder with no value stays visible as written, and is named, so the
// user fills it in before sending instead of sending "Gentile ,".
import type { TemplateDraftView } from '../../shared/api-drafts';
import type { DraftView } from '../../shared/api-values';
import { placeholderFields } from '../contacts';
import { placeholderValues, renderPlaceholders } from '../send';
import { draftFor } from './compose';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { loadMessage } from './load';
import { fail, ok } from './result';

function textAsHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
  return escaped
    .split(/\r?\n\r?\n/)
    .map((p) => `<p>${p.replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/** The handler of draftFromTemplate. */
export function templateDraftHandlers(ctx: ApiContext): Pick<Handlers, 'draftFromTemplate'> {
  const { send, contacts } = ctx.services;
  return {
    async draftFromTemplate(req) {
      const template = send.campaigns.templates.message(req.templateId);
      if (!template) return fail('not-found', 'template-missing', { templateId: req.templateId });
      let base: DraftView = { accountId: req.accountId, to: req.to, cc: [], subject: '', html: '', inReplyTo: null, references: [], attachments: [] };
      if (req.replyTo) {
        const loaded = await loadMessage(ctx, req.replyTo);
        if (!loaded.ok) return loaded;
        base = await draftFor(ctx, loaded.value, 'reply');
      }
      const contact = base.to.length ? contacts.byAddress(base.to[0]) : null;
      const values = contact ? placeholderValues({ name: contact.name || contact.organization || null, fields: placeholderFields(contact) }) : Object.create(null);
      // A reply keeps its "Re:" subject: only the text comes from the template.
      const rendered = renderPlaceholders({ subject: req.replyTo ? '' : template.subject, text: template.text, html: template.html }, values, true);
      const view: TemplateDraftView = {
        ...base,
        accountId: req.accountId ?? base.accountId,
        subject: req.replyTo ? base.subject : rendered.subject,
        draftId: null,
        receiptVariant: template.receiptVariant,
        lead: rendered.html ?? textAsHtml(rendered.text ?? ''),
        uploads: template.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType ?? 'application/octet-stream',
          dataBase64: a.content.toString('base64'),
          size: a.content.length,
        })),
        missing: rendered.missing,
      };
      return ok(view);
    },
  };
}
