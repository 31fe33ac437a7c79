// The user's changes to the folder tree, carried out on the server first (CREATE, RENAME, DELETE,
// RFC 3501 §6.3.3-6.3.5) and only then in the store, so the tree never shows a folder the server
// does not have. A refusal (here or by the server) changes nothing locally and says why.
//
// INBOX is never renamed or deleted: RENAME INBOX is legal IMAP but moves every message out of it
// into a new folder (RFC 3501 §6.3.5), not what anyone renaming a folder means. The receipts folder
// is named in the account's settings and PecDesk's local receipts folder has no server mailbox.
// Only an empty folder without subfolders is deleted: its messages are evidence someone must move
// on purpose first (DELETE would expunge them on the server).
import type { ImapFlow } from 'imapflow';
import type { FolderSummary } from '../../store';
import { isInbox, LOCAL_RECEIPTS_PATH } from './folder-tree';
import type { ActionContext } from './message-actions';
import type { CreateFolderRequest, FolderOpErrorCode, FolderOpResult, RenameFolderRequest } from './types';

type Refusal = Extract<FolderOpResult, { ok: false }>;
const refuse = (code: FolderOpErrorCode, detail: string): Refusal => ({ ok: false, code, detail });

/** The server's hierarchy delimiter ("/" or "."), from its personal namespace (RFC 2342). */
function delimiterOf(client: ImapFlow): string {
  return client.namespace?.delimiter || '/';
}

/** Why a new folder name cannot be used on this server, or null. */
function badName(name: string, delimiter: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f%*]/.test(name)) return `"${name}" holds a character IMAP reserves (%, * or a control character)`;
  if (name.includes(delimiter)) return `"${name}" holds "${delimiter}", the server's separator of folder levels`;
  if (isInbox(name)) return 'INBOX is the name of the inbox';
  return null;
}

function folderOf(ctx: ActionContext, folderId: number): FolderSummary | Refusal {
  const folder = ctx.store.listFolders(ctx.accountId).find((f) => f.id === folderId);
  if (!folder) return refuse('no-such-folder', `there is no folder ${folderId} in this account`);
  if (folder.path === LOCAL_RECEIPTS_PATH) return refuse('local-only', `"${folder.path}" exists only in PecDesk`);
  return folder;
}

/** A folder the user may rename, move or delete: not INBOX, not the receipts folder. */
function changeable(ctx: ActionContext, folderId: number): FolderSummary | Refusal {
  const folder = folderOf(ctx, folderId);
  if ('ok' in folder) return folder;
  if (isInbox(folder.path)) return refuse('protected', 'INBOX cannot be renamed, moved or deleted');
  if (folder.role === 'receipts') return refuse('protected', `"${folder.path}" is the account's receipts folder (change it in the account's settings)`);
  return folder;
}

/** The path of `name` under `parentId` (null: the top level), or a refusal. */
function pathUnder(ctx: ActionContext, parentId: number | null, name: string, delimiter: string): string | Refusal {
  const problem = badName(name, delimiter);
  if (problem) return refuse('bad-name', problem);
  if (parentId === null) return name;
  const parent = folderOf(ctx, parentId);
  if ('ok' in parent) return parent;
  return `${parent.path}${delimiter}${name}`;
}

function taken(ctx: ActionContext, path: string): Refusal | null {
  const clash = ctx.store.listFolders(ctx.accountId).some((f) => f.path.toLowerCase() === path.toLowerCase());
  return clash ? refuse('exists', `there is already a folder "${path}"`) : null;
}

function serverSaidNo(err: unknown, what: string): Refusal {
  const e = err as { serverResponseCode?: string; responseText?: string; message?: string };
  if (e.serverResponseCode === 'ALREADYEXISTS') return refuse('exists', `${what}: the server has such a folder already`);
  const said = e.responseText || e.message || String(err);
  return { ...refuse('server-refused', `${what}: ${said}`), said };
}

/** Creates a folder on the server, subscribed, then in the store. Throws only when the connection fails. */
export async function createFolder(ctx: ActionContext, request: CreateFolderRequest): Promise<FolderOpResult> {
  const path = pathUnder(ctx, request.parentFolderId, request.name.trim(), delimiterOf(ctx.client));
  if (typeof path !== 'string') return path;
  const clash = taken(ctx, path);
  if (clash) return clash;
  let created: { path: string; created?: boolean } | undefined;
  try {
    created = await ctx.client.mailboxCreate(path);
  } catch (err) {
    if (!ctx.client.usable) throw err;
    return serverSaidNo(err, `cannot create "${path}"`);
  }
  // imapflow answers ALREADYEXISTS (RFC 5530) with created: false instead of throwing.
  if (!created || created.created === false) return refuse('exists', `the server has a folder "${path}" already`);
  return { ok: true, folderId: ctx.store.upsertFolder(ctx.accountId, { path: created.path, specialUse: null, role: null }) };
}

/** Renames a folder and/or puts it under another parent (or the top, parentFolderId null). Throws only when the connection fails. */
export async function renameFolder(ctx: ActionContext, request: RenameFolderRequest): Promise<FolderOpResult> {
  const folder = changeable(ctx, request.folderId);
  if ('ok' in folder) return folder;
  const delimiter = delimiterOf(ctx.client);
  const name = request.name.trim();
  const problem = badName(name, delimiter);
  if (problem) return refuse('bad-name', problem);
  // No parent given: the folder stays where it is (a rename); null: to the top; an id: under that folder.
  let parentPath = folder.path.includes(delimiter) ? folder.path.slice(0, folder.path.lastIndexOf(delimiter)) : null;
  if (request.parentFolderId === null) parentPath = null;
  else if (request.parentFolderId !== undefined) {
    const parent = folderOf(ctx, request.parentFolderId);
    if ('ok' in parent) return parent;
    parentPath = parent.path;
  }
  const newPath = parentPath === null ? name : `${parentPath}${delimiter}${name}`;
  if (newPath === folder.path) return { ok: true, folderId: folder.id };
  if (newPath.startsWith(folder.path + delimiter)) return refuse('into-itself', `"${folder.path}" cannot go inside its own subfolder`);
  const clash = newPath.toLowerCase() === folder.path.toLowerCase() ? null : taken(ctx, newPath);
  if (clash) return clash;
  try {
    await ctx.client.mailboxRename(folder.path, newPath);
  } catch (err) {
    if (!ctx.client.usable) throw err;
    return serverSaidNo(err, `cannot rename "${folder.path}" to "${newPath}"`);
  }
  ctx.store.renameFolder(folder.id, folder.path, newPath, delimiter);
  // Other clients show subscribed folders: the new name is subscribed as the old one was.
  await ctx.client.mailboxSubscribe(newPath).catch(() => false);
  return { ok: true, folderId: folder.id };
}

/** Deletes an empty folder without subfolders on the server, then in the store. Throws only when the connection fails. */
export async function deleteFolder(ctx: ActionContext, folderId: number): Promise<FolderOpResult> {
  const folder = changeable(ctx, folderId);
  if ('ok' in folder) return folder;
  const delimiter = delimiterOf(ctx.client);
  const children = ctx.store.listFolders(ctx.accountId).filter((f) => f.path.startsWith(folder.path + delimiter));
  if (children.length > 0) return refuse('has-subfolders', `"${folder.path}" has ${children.length} subfolder(s): delete or move them first`);
  const status = await ctx.client.status(folder.path, { messages: true }).catch((err: unknown) => {
    if (!ctx.client.usable) throw err;
    return null;
  });
  const messages = (status ? status.messages : undefined) ?? folder.total;
  if (messages > 0) return refuse('not-empty', `"${folder.path}" holds ${messages} message(s) on the server: move them first`);
  try {
    await ctx.client.mailboxDelete(folder.path);
  } catch (err) {
    if (!ctx.client.usable) throw err;
    return serverSaidNo(err, `cannot delete "${folder.path}"`);
  }
  ctx.store.removeFolder(folder.id);
  return { ok: true, folderId: folder.id };
}
