// Reply / reply all / forward / forward only attachments, and sending one message. Replies go to
// the REAL sender of a PEC (postacert.eml's Reply-To or From), never to the provider's
// posta-certificata@ address on the envelope. Sending stores the message and its Message-ID
// before submitting it, so every receipt can be linked (RFC 6109 §3.1.3, issue #4).
import type { DraftView, Mailbox } from '../../shared/api-values';
import { appendToSent, createSmtpSender, originalAttachments, type LoadedMessage } from '../mail';
import type { ReadableMessage } from '../attachments';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { discardDraft, type DraftPushes } from './drafts';
import { loadMessage } from './load';
import { resolveAttachments } from './outgoing-attachments';
import { fail, ok } from './result';

const romeTime = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function mailboxText(m: Mailbox | null): string {
  return m ? (m.name ? `${m.name} <${m.address}>` : m.address) : '';
}

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

/** The compose handlers; a message sent from a saved draft removes the draft (through `drafts`, which orders its server work). */
export function composeHandlers(ctx: ApiContext, drafts: DraftPushes): Pick<Handlers, 'prepareDraft' | 'sendMessage'> {
  const { store, accounts, connect } = ctx.services;
  return {
    async prepareDraft(req) {
      const loaded = await loadMessage(ctx, req.ref);
      return loaded.ok ? ok(await draftFor(ctx, loaded.value, req.mode)) : loaded;
    },

    async sendMessage(req) {
      const account = await accounts.get(req.accountId);
      if (!account.ok) return fail('not-found', `There is no account ${req.accountId}.`);
      const password = await accounts.password(req.accountId);
      if (!password.ok) return fail('denied', `No password is saved for ${account.value.address}: add it in Account…`);

      const resolved = await resolveAttachments(ctx, req.attachments);
      if (!resolved.ok) return resolved;
      const attachments = resolved.value;

      const sender = createSmtpSender(account.value, password.value, connect);
      try {
        const prepared = await sender.prepare({
          to: req.to,
          cc: req.cc,
          subject: req.subject,
          html: req.html,
          attachments,
          receiptVariant: req.receiptVariant,
          inReplyTo: req.inReplyTo ?? undefined,
          references: req.references,
        });
        if (!prepared.ok) return fail('invalid-request', prepared.detail);
        const message = prepared.message;
        // Stored before it leaves, with its Message-ID: receipts arriving at any time can link to it.
        const recorded = store.recordSent({
          messageId: message.messageId,
          accountId: Number(account.value.id),
          subject: req.subject,
          from: account.value.address,
          to: req.to,
          cc: req.cc,
          raw: message.raw,
          status: 'queued',
        });
        if (!recorded.ok) return fail('io', recorded.detail);
        ctx.emit({ type: 'send-progress', messageId: message.messageId, state: 'queued', error: null });
        const sent = await sender.send(message);
        store.setSentStatus(recorded.sentMessageId, sent.ok ? 'submitted' : 'submit-failed');
        ctx.emit({ type: 'send-progress', messageId: message.messageId, state: sent.ok ? 'submitted' : 'failed', error: sent.ok ? null : sent.detail });
        if (!sent.ok) return fail('server', sent.detail);
        let sentFolderPath: string | null = null;
        if (account.value.sentFolder !== null) {
          // The copy in Sent is a convenience: the message left and is stored either way.
          const appended = await appendToSent(account.value, password.value, message.raw, account.value.sentFolder, connect);
          if (appended.ok) sentFolderPath = appended.folder;
        }
        // Listed in Posta inviata now, not at the next sync; the sync's copy replaces it without a duplicate.
        await store.fileSentCopy({ accountId: Number(account.value.id), sentMessageId: recorded.sentMessageId, raw: message.raw, folderPath: sentFolderPath });
        // The draft it was written in is done with; one already gone (another tab sent it) is fine.
        if (req.draftId) await discardDraft(ctx, drafts, req.draftId);
        return ok({ messageId: message.messageId, sentMessageId: recorded.sentMessageId });
      } finally {
        sender.close();
      }
    },
  };
}
