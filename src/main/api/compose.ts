// Reply / reply all / forward / forward only attachments, and sending one message. Replies go to
// the REAL sender of a PEC (postacert.eml's Reply-To or From), never to the provider's
// posta-certificata@ address on the envelope. Sending validates and builds the message, then hands
// it to the send queue (send/single.ts), which stores it with its Message-ID before submitting it,
// so every receipt can be linked (RFC 6109 §3.1.3), and sends it like a bulk send's recipient, so
// it survives a crash and is never sent twice: its progress and outcome come as events and in the
// deliveries view.
import type { DraftView } from '../../shared/api-values';
import { escapeHtml } from '../../shared/escape-html';
import { mailboxText } from '../../shared/mailbox-text';
import { originalAttachments, prepareMessage, type LoadedMessage, type PrepareResult } from '../mail';
import type { ReadableMessage } from '../attachments';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { discardDraft, type DraftPushes } from './drafts';
import { sentMissing } from './folders';
import { loadMessage } from './load';
import { resolveAttachments } from './outgoing-attachments';
import { fail, ok } from './result';
import { sendTaskView } from './send-task-view';

const romeTime = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' });

function bodyHtml(m: ReadableMessage): string {
  return m.html ?? `<pre>${escapeHtml(m.text ?? '')}</pre>`;
}

/** Subject with one reply/forward prefix ("Re: Re: x" → "Re: x"). */
function prefixed(prefix: 'Re' | 'Fwd', subject: string): string {
  const bare = subject.replace(/^\s*((re|r|fwd|fw|i|inoltro)\s*:\s*)+/i, '');
  return `${prefix}: ${bare}`;
}

function withoutOwn(addresses: string[], own: string | null): string[] {
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const key = a.toLowerCase();
    if (key === own || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The account the message arrived in, from the folder it sits in. */
function receivingAccount(ctx: ApiContext, message: LoadedMessage): string | null {
  const folderId = message.stored?.locations[0]?.folderId;
  if (folderId === undefined) return null;
  const folder = ctx.services.store.listFolders().find((f) => f.id === folderId);
  return folder ? String(folder.accountId) : null;
}

/** Builds the draft for a reply or forward of a loaded message. */
export async function draftFor(ctx: ApiContext, message: LoadedMessage, mode: 'reply' | 'replyAll' | 'forward' | 'forwardAttachments'): Promise<DraftView> {
  const source = message.content.original ?? message.content.outer;
  const accountId = receivingAccount(ctx, message);
  const own = accountId ? await ctx.services.accounts.get(accountId) : null;
  const ownAddress = own?.ok ? own.value.address.toLowerCase() : null;
  const base = { accountId, inReplyTo: null, references: [] as string[], attachments: [] as DraftView['attachments'] };
  const date = source.date ? romeTime.format(new Date(source.date)) : '';

  if (mode === 'reply' || mode === 'replyAll') {
    const target = (source.replyTo[0] ?? source.from)?.address;
    const to = withoutOwn([...(target ? [target] : []), ...(mode === 'replyAll' ? source.to.map((m) => m.address) : [])], ownAddress);
    const cc = mode === 'replyAll' ? withoutOwn(source.cc.map((m) => m.address), ownAddress).filter((a) => !to.includes(a)) : [];
    return {
      ...base,
      to,
      cc,
      subject: prefixed('Re', source.subject),
      html: `<p>Il ${escapeHtml(date)}, ${escapeHtml(mailboxText(source.from))} ha scritto:</p><blockquote type="cite">${bodyHtml(source)}</blockquote>`,
      inReplyTo: source.messageId,
      references: [...source.references, ...(source.messageId ? [source.messageId] : [])],
    };
  }
  const attachments = originalAttachments(message).map((a) => ({ ref: message.ref, partId: a.partId, filename: a.filename, size: a.size }));
  const header = [
    '-------- Messaggio inoltrato --------',
    `Oggetto: ${source.subject}`,
    `Data: ${date}`,
    `Da: ${mailboxText(source.from)}`,
    `A: ${source.to.map(mailboxText).join(', ')}`,
  ]
    .map(escapeHtml)
    .join('<br>');
  return {
    ...base,
    to: [],
    cc: [],
    subject: prefixed('Fwd', source.subject),
    html: mode === 'forward' ? `<p>${header}</p>${bodyHtml(source)}` : '',
    attachments,
  };
}

const MB = 1_000_000;

/** A message prepareMessage refused, in words: over the provider's limits with the numbers, else what is wrong with it. */
function refusedMessage(prepared: Extract<PrepareResult, { ok: false }>) {
  if (prepared.code !== 'too-large') {
    // The schema's issues are its own words, as for invalid-request.
    return prepared.code === 'bcc-forbidden' ? fail('invalid-request', 'pec-no-bcc') : fail('invalid-request', 'message-invalid', { issues: prepared.detail });
  }
  const { sizeBytes, recipientCount, maxMessageBytes, maxRecipients } = prepared;
  if (maxRecipients !== null && recipientCount > maxRecipients) return fail('invalid-request', 'message-too-many-recipients', { recipients: recipientCount, max: maxRecipients });
  // The provider counts the message once per recipient.
  return fail('invalid-request', 'message-too-large', { size: sizeBytes / MB, recipients: recipientCount, total: (sizeBytes * recipientCount) / MB, limit: (maxMessageBytes ?? 0) / MB });
}

/** The compose handlers; a message sent from a saved draft removes the draft (through `drafts`, which orders its server work). */
export function composeHandlers(ctx: ApiContext, drafts: DraftPushes): Pick<Handlers, 'prepareDraft' | 'sendMessage' | 'sendState'> {
  const { accounts, send, store } = ctx.services;
  return {
    async prepareDraft(req) {
      const loaded = await loadMessage(ctx, req.ref);
      return loaded.ok ? ok(await draftFor(ctx, loaded.value, req.mode)) : loaded;
    },

    async sendMessage(req) {
      const account = await accounts.get(req.accountId);
      if (!account.ok) return fail('not-found', 'account-missing', { accountId: req.accountId });
      // Checked now, not when the queue reaches it: the person who pressed Invia can fix it.
      const password = await accounts.password(req.accountId);
      if (!password.ok) return fail('denied', 'account-no-password', { address: account.value.address });

      const resolved = await resolveAttachments(ctx, req.attachments);
      if (!resolved.ok) return resolved;
      const prepared = await prepareMessage(account.value, {
        to: req.to,
        cc: req.cc,
        subject: req.subject,
        html: req.html,
        attachments: resolved.value,
        receiptVariant: req.receiptVariant,
        inReplyTo: req.inReplyTo ?? undefined,
        references: req.references,
      });
      if (!prepared.ok) return refusedMessage(prepared);
      const { messageId, raw, envelope } = prepared.message;
      // Stored with its Message-ID and queued before anything leaves: receipts link to it, and the
      // queue sends it once, whatever happens to this process meanwhile.
      const queued = await send.sendSingle({
        accountId: Number(account.value.id),
        from: account.value.address,
        to: req.to,
        cc: req.cc,
        envelope: envelope.to,
        subject: req.subject,
        messageId,
        raw,
      });
      // io: the bytes could not be kept on disk (the system's error), or the engine is closing.
      if (!queued.ok) return queued.code === 'io' ? fail('io', 'message-not-stored', { detail: queued.detail }) : fail('invalid-request', 'message-not-queued', { detail: queued.detail });
      // The draft it was written in is done with; one already gone (another tab sent it) is fine.
      if (req.draftId) await discardDraft(ctx, drafts, req.draftId);
      return ok({ messageId, sentMessageId: queued.value.sentMessageId });
    },

    async sendState(req) {
      if (!store.getSent(req.sentMessageId)) return sentMissing(req.sentMessageId);
      const task = store.sendTasks.ofSent(req.sentMessageId);
      return ok(task ? sendTaskView(task) : null);
    },
  };
}
