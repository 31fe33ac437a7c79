// The server's copy of a draft (RFC 3501 §6.3.11 APPEND with \Draft): the folder marked \Drafts
// (RFC 6154), else one named "Bozze" or "Drafts", else a new "Drafts". Each save appends the new
// version and then deletes the copies it replaces, so the folder holds one copy per draft and a
// failed append never loses the previous one.
import type { ImapFlow, ListResponse } from 'imapflow';
import { classifyConnectionError, loginImap, type AccountSettings, type ConnectOptions } from '../../accounts';
import { uidByMessageId } from '../uid-by-message-id';

/** Where a copy of a draft is on the server. */
export interface ServerDraftCopy {
  path: string;
  uid: number;
}

/** The Drafts folder found or made. */
export interface DraftsFolder {
  path: string;
  specialUse: string | null;
}

/** Result of saveDraftOnServer. */
export type SaveDraftResult =
  | { ok: true; folder: DraftsFolder; copy: ServerDraftCopy | null; notDeleted: ServerDraftCopy[] }
  | { ok: false; code: 'connection' | 'auth' | 'server'; detail: string };

/** Result of deleteDraftCopies. */
export type DeleteDraftsResult = { ok: true; notDeleted: ServerDraftCopy[] } | { ok: false; code: 'connection' | 'auth' | 'server'; detail: string; notDeleted: ServerDraftCopy[] };

/** The names a Drafts folder goes by when the server marks none (Italian providers say "Bozze"). */
const DRAFTS_NAMES = ['bozze', 'drafts'];
/** The name of the folder made when the mailbox has none. */
const NEW_DRAFTS_NAME = 'Drafts';

/** Finds the Drafts folder (special-use first, then by name, with the namespace prefix some servers add), creating it when missing. */
export async function resolveDraftsFolder(client: ImapFlow): Promise<DraftsFolder> {
  const listed = await client.list();
  const special = listed.find((f) => f.specialUse === '\\Drafts');
  if (special) return { path: special.path, specialUse: '\\Drafts' };
  const prefix = (client.namespace?.prefix ?? '').toLowerCase();
  const named = listed.find((f) => selectable(f) && DRAFTS_NAMES.some((n) => [n, prefix + n].includes(f.path.toLowerCase())));
  if (named) return { path: named.path, specialUse: null };
  const created = await client.mailboxCreate(NEW_DRAFTS_NAME);
  await client.mailboxSubscribe(created.path);
  return { path: created.path, specialUse: null };
}

function selectable(folder: ListResponse): boolean {
  return ![...folder.flags].some((f) => ['\\noselect', '\\nonexistent'].includes(f.toLowerCase()));
}

/** Deletes copies on the connected server; returns those it could not. */
async function deleteCopies(client: ImapFlow, copies: ServerDraftCopy[]): Promise<ServerDraftCopy[]> {
  const left: ServerDraftCopy[] = [];
  for (const path of new Set(copies.map((c) => c.path))) {
    const uids = copies.filter((c) => c.path === path).map((c) => c.uid);
    try {
      const lock = await client.getMailboxLock(path);
      try {
        // A UID already gone (deleted by another client) is no failure: the copy is not there any more.
        await client.messageDelete(uids.join(','), { uid: true });
      } finally {
        lock.release();
      }
    } catch {
      left.push(...uids.map((uid) => ({ path, uid })));
    }
  }
  return left;
}

async function withClient<T>(settings: AccountSettings, password: string, opts: ConnectOptions, work: (client: ImapFlow) => Promise<T>): Promise<T | { ok: false; code: 'connection' | 'auth' | 'server'; detail: string }> {
  const login = await loginImap(settings.imap, password, opts);
  if (!login.ok) return { ok: false, code: login.stage === 'auth' ? 'auth' : 'connection', detail: login.detail };
  const { client } = login;
  try {
    return await work(client);
  } catch (err) {
    return { ok: false, code: 'server', detail: classifyConnectionError(err, settings.imap).detail };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Appends `raw` to Drafts with \Draft and \Seen, then deletes the copies it `replaces`. */
export async function saveDraftOnServer(
  settings: AccountSettings,
  password: string,
  draft: { raw: Buffer; messageId: string },
  replaces: ServerDraftCopy[],
  opts: ConnectOptions = {},
): Promise<SaveDraftResult> {
  return withClient(settings, password, opts, async (client): Promise<SaveDraftResult> => {
    const folder = await resolveDraftsFolder(client);
    const appended = await client.append(folder.path, draft.raw, ['\\Draft', '\\Seen']);
    if (!appended) return { ok: false, code: 'server', detail: `the server refused to store the draft in "${folder.path}"` };
    const uid = appended.uid ?? (await uidByMessageId(client, folder.path, draft.messageId));
    const notDeleted = await deleteCopies(client, replaces);
    return { ok: true, folder, copy: uid === null ? null : { path: folder.path, uid }, notDeleted };
  });
}

/** Deletes a draft's copies from the server (the draft was discarded or sent). */
export async function deleteDraftCopies(settings: AccountSettings, password: string, copies: ServerDraftCopy[], opts: ConnectOptions = {}): Promise<DeleteDraftsResult> {
  if (!copies.length) return { ok: true, notDeleted: [] };
  const result = await withClient(settings, password, opts, async (client): Promise<DeleteDraftsResult> => ({ ok: true, notDeleted: await deleteCopies(client, copies) }));
  return result.ok ? result : { ...result, notDeleted: copies };
}
