// Drafts of single messages over the API. A save writes the local copy first (the store: it
// survives no network and a kill -9), then replaces the server's copy in Drafts. Saves of one
// draft reach the server one at a time (DraftPushes), so two quick saves never leave two copies.
import type { DraftSaveView, DraftSummary, EditableDraft, OtherDraftSummary } from '../../shared/api-drafts';
import type { Result } from '../../shared/api';
import { buildDraftMessage, deleteDraftCopies, otherDraftContent, saveDraftOnServer } from '../mail';
import type { DraftRow, DraftServerCopy, OtherDraftRow } from '../store';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { loadMessage } from './load';
import { resolveAttachments } from './outgoing-attachments';
import { fail, ok } from './result';

type DraftHandlers = Pick<Handlers, 'draftSave' | 'draftList' | 'draftOpen' | 'draftDiscard' | 'draftListOthers' | 'draftOpenOther'>;

/** Runs the server work of each draft in order, one step after the other. */
export class DraftPushes {
  private readonly tails = new Map<number, Promise<unknown>>();

  run<T>(draftId: number, step: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(draftId) ?? Promise.resolve()).then(step, step);
    const tail = next.catch(() => undefined);
    this.tails.set(draftId, tail);
    void tail.then(() => {
      if (this.tails.get(draftId) === tail) this.tails.delete(draftId);
    });
    return next;
  }
}

type ServerOutcome = { server: DraftSaveView['server']; serverDetail: string | null };

/** Every copy a draft has on servers: the current one and those not deleted yet. */
function copiesOf(draft: DraftRow): DraftServerCopy[] {
  return [...(draft.serverCopy ? [draft.serverCopy] : []), ...draft.staleCopies];
}

/** An account's settings and password, or why the server cannot be reached with them. */
async function login(ctx: ApiContext, accountId: number) {
  const { accounts } = ctx.services;
  const account = await accounts.get(String(accountId));
  if (!account.ok) return { ok: false as const, detail: account.detail };
  const password = await accounts.password(String(accountId));
  if (!password.ok) return { ok: false as const, detail: `nessuna password salvata per ${account.value.address}` };
  return { ok: true as const, account: account.value, password: password.value };
}

function sameCopy(a: DraftServerCopy, b: DraftServerCopy): boolean {
  return a.accountId === b.accountId && a.path === b.path && a.uid === b.uid;
}

/**
 * Takes the copies just deleted on their servers out of the synced folders here too, as a delete
 * from the message list does: until the next sync they would be listed in Bozze as drafts nobody
 * holds (another program's, to all appearances).
 */
function forgetDeleted(ctx: ApiContext, copies: DraftServerCopy[], left: DraftServerCopy[]): void {
  const { store } = ctx.services;
  for (const copy of copies) {
    if (left.some((l) => sameCopy(l, copy))) continue;
    const folder = store.listFolders(copy.accountId).find((f) => f.path === copy.path);
    if (folder) store.removeLocations(folder.id, [copy.uid]);
  }
}

/** Deletes copies from the servers of their accounts (a draft's account may have changed); returns those left. */
async function deleteCopies(ctx: ApiContext, copies: DraftServerCopy[]): Promise<DraftServerCopy[]> {
  const left: DraftServerCopy[] = [];
  for (const accountId of new Set(copies.map((c) => c.accountId))) {
    const own = copies.filter((c) => c.accountId === accountId);
    const creds = await login(ctx, accountId);
    if (!creds.ok) {
      // An account removed since: its server's copies are no longer ours to reach.
      if (!(await ctx.services.accounts.get(String(accountId))).ok) continue;
      left.push(...own);
      continue;
    }
    const deleted = await deleteDraftCopies(creds.account, creds.password, own, ctx.services.connect);
    left.push(...deleted.notDeleted.map((c) => ({ ...c, accountId })));
  }
  forgetDeleted(ctx, copies, left);
  return left;
}

/** Puts the draft's current version on its account's server, replacing the copies there (and removing those on another account's). */
async function pushDraft(ctx: ApiContext, draftId: number): Promise<ServerOutcome> {
  const { store, connect } = ctx.services;
  const draft = store.drafts.get(draftId);
  if (!draft || draft.accountId === null) return { server: 'local', serverDetail: null };
  const accountId = draft.accountId;
  const creds = await login(ctx, accountId);
  if (!creds.ok) return { server: 'failed', serverDetail: creds.detail };

  const message = await buildDraftMessage(creds.account, { ...draft, attachments: store.drafts.files(draftId) }, draftId);
  const copies = copiesOf(draft);
  const saved = await saveDraftOnServer(creds.account, creds.password, message, copies.filter((c) => c.accountId === accountId), connect);
  if (!saved.ok) return { server: 'failed', serverDetail: saved.detail };
  const notDeleted = saved.notDeleted.map((c) => ({ ...c, accountId }));
  forgetDeleted(ctx, copies.filter((c) => c.accountId === accountId), notDeleted);
  const foreignLeft = await deleteCopies(ctx, copies.filter((c) => c.accountId !== accountId));
  // Listed in the folder tree at once (the sync would list it at its next run).
  if (!store.listFolders(accountId).some((f) => f.path === saved.folder.path)) {
    store.upsertFolder(accountId, { path: saved.folder.path, specialUse: saved.folder.specialUse, role: 'drafts' });
  }
  const copy = saved.copy ? { ...saved.copy, accountId } : null;
  if (!store.drafts.get(draftId)) {
    // Discarded or sent while this copy was on its way: it goes too.
    if (copy) await deleteCopies(ctx, [copy]);
    return { server: 'local', serverDetail: null };
  }
  store.drafts.setServerCopy(draftId, copy, [...notDeleted, ...foreignLeft]);
  return { server: 'saved', serverDetail: null };
}

/** Deletes a draft here, then its copies on the servers; what is left there is named. */
export async function discardDraft(ctx: ApiContext, pushes: DraftPushes, draftId: number): Promise<Result<{ serverRemoved: boolean; detail: string | null }>> {
  const removed = ctx.services.store.drafts.delete(draftId);
  if (!removed) return fail('not-found', 'draft-gone', { draftId });
  const copies = copiesOf(removed);
  if (!copies.length) return ok({ serverRemoved: true, detail: null });
  // After any save still on its way, which sees the draft gone and removes its own copy.
  const left = await pushes.run(draftId, () => deleteCopies(ctx, copies));
  if (!left.length) return ok({ serverRemoved: true, detail: null });
  return ok({ serverRemoved: false, detail: 'la copia nella cartella Bozze del server è rimasta (server non raggiungibile)' });
}

function summary(d: DraftRow): DraftSummary {
  return {
    draftId: d.id,
    accountId: d.accountId === null ? null : String(d.accountId),
    to: d.to,
    subject: d.subject,
    updatedAt: d.updatedAt,
    attachments: d.attachments.length,
    onServer: d.serverCopy !== null && d.serverSavedAt !== null && d.serverSavedAt >= d.updatedAt,
  };
}

function otherSummary(d: OtherDraftRow): OtherDraftSummary {
  return { messageId: d.messageRowId, to: d.to, subject: d.subject, date: d.date, hasAttachments: d.hasAttachments };
}

/** A saved draft as the composer opens it, its files as uploads. */
function editable(ctx: ApiContext, d: DraftRow): EditableDraft {
  return {
    draftId: d.id,
    accountId: d.accountId === null ? null : String(d.accountId),
    to: d.to,
    cc: d.cc,
    subject: d.subject,
    html: d.html,
    inReplyTo: d.inReplyTo,
    references: d.references,
    receiptVariant: d.receiptVariant,
    attachments: [],
    uploads: ctx.services.store.drafts.files(d.id).map((f) => ({
      filename: f.filename,
      contentType: f.contentType ?? 'application/octet-stream',
      dataBase64: f.content.toString('base64'),
      size: f.content.length,
    })),
  };
}

/** The drafts handlers; `pushes` orders the server work of each draft (shared with sendMessage's clean-up). */
export function draftHandlers(ctx: ApiContext, pushes: DraftPushes): DraftHandlers {
  const { store, accounts } = ctx.services;
  return {
    async draftSave(req) {
      if (req.accountId !== null && !(await accounts.get(req.accountId)).ok) return fail('not-found', 'account-missing', { accountId: req.accountId });
      const files = await resolveAttachments(ctx, req.attachments);
      if (!files.ok) return files;
      const saved = store.drafts.save(req.draftId, {
        accountId: req.accountId === null ? null : Number(req.accountId),
        to: req.to,
        cc: req.cc,
        subject: req.subject,
        html: req.html,
        receiptVariant: req.receiptVariant,
        inReplyTo: req.inReplyTo,
        references: req.references,
        attachments: files.value.map((f) => ({ filename: f.filename, contentType: f.contentType ?? null, content: f.content })),
      });
      // Only a draft saved before can be gone: a new one (draftId null) is always saved.
      if (!saved) return fail('not-found', 'draft-discarded-or-sent', { draftId: req.draftId ?? '' });
      const outcome = await pushes.run(saved.id, () => pushDraft(ctx, saved.id));
      return ok({ draftId: saved.id, updatedAt: saved.updatedAt, ...outcome });
    },

    async draftList(req) {
      return ok(store.drafts.list(req.accountId === undefined ? undefined : Number(req.accountId)).map(summary));
    },

    async draftOpen(req) {
      const d = store.drafts.get(req.draftId);
      if (!d) return fail('not-found', 'draft-gone', { draftId: req.draftId });
      return ok(editable(ctx, d));
    },

    async draftListOthers(req) {
      return ok(store.drafts.othersOnServer(Number(req.accountId)).map(otherSummary));
    },

    async draftOpenOther(req) {
      const other = store.drafts.otherOnServer(req.messageId);
      if (!other) return fail('not-found', 'server-draft-gone');
      const loaded = await loadMessage(ctx, { messageId: req.messageId });
      if (!loaded.ok) return loaded;
      const content = otherDraftContent(loaded.value);
      return ok(editable(ctx, store.drafts.adopt(other.copy, { ...content, accountId: other.copy.accountId })));
    },

    async draftDiscard(req) {
      return discardDraft(ctx, pushes, req.draftId);
    },
  };
}
