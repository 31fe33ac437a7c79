// The user's moves and deletions of messages, carried out on the server first and then in the
// store, so the list changes through the store's change events like any synced change (server →
// mail → store → UI) and the next sync finds the store already where the server is.
//
// "Delete" moves messages to the account's Trash (special-use \Trash, RFC 6154), as every mail
// client does, so a slip of the Delete key can be undone; only from Trash, and only once the user
// has confirmed, are messages deleted for good (\Deleted + UID EXPUNGE, RFC 4315). Either way the
// message row and its raw bytes in the content-addressed store stay: PEC envelopes and receipts
// are legal evidence (DM 2/11/2005; a receipt proves delivery in court, D/A/C/E counts it), so
// PecDesk only forgets where the message was on the server, never the bytes it received.
import type { ImapFlow } from 'imapflow';
import type { FolderSummary, Store } from '../../store';
import { uidBatches, uidSet } from './context';
import { settleFlags } from './flags';
import { LOCAL_RECEIPTS_PATH } from './folder-tree';
import type { LocalState } from './local-state';
import { moveSelected, type MoveDestination, type SelectedLocation } from './move';
import type { DeleteRequest, MessageActionErrorCode, MoveRequest } from './types';

/** What an action works with: the account's connection and its store. */
export interface ActionContext {
  client: ImapFlow;
  store: Store;
  local: LocalState;
  accountId: number;
}

/**
 * What an action did: how many messages left the folder, and the folder to sync at once when some
 * arrived there without a UID the store could follow (a server without UIDPLUS); or why nothing happened.
 */
export type ActionOutcome =
  | { ok: true; count: number; permanently: boolean; resync: MoveDestination | null }
  | { ok: false; code: MessageActionErrorCode; detail: string };

type Refusal = Extract<ActionOutcome, { ok: false }>;
type Found<T> = { ok: true; value: T } | Refusal;

const refuse = (code: MessageActionErrorCode, detail: string): Refusal => ({ ok: false, code, detail });

/** The account's folder `folderId`, refused when it is another account's or PecDesk's local receipts folder. */
function folderOf(ctx: ActionContext, folders: FolderSummary[], folderId: number): Found<FolderSummary> {
  const folder = folders.find((f) => f.id === folderId);
  if (!folder) {
    const elsewhere = ctx.store.listFolders().some((f) => f.id === folderId);
    return elsewhere ? refuse('other-account', `folder ${folderId} belongs to another account`) : refuse('no-such-folder', `there is no folder ${folderId}`);
  }
  // In 'local' receipts mode those receipts live in the server's INBOX under INBOX UIDs: the
  // folder has no mailbox of its own to move from or to.
  if (folder.path === LOCAL_RECEIPTS_PATH) return refuse('local-only', `"${folder.path}" exists only in PecDesk, not on the server`);
  return { ok: true, value: folder };
}

/** Where the messages sit in the folder, or a refusal when none does. */
function locationsIn(ctx: ActionContext, folder: FolderSummary, messageIds: number[]): Found<SelectedLocation[]> {
  const locations = ctx.local.messagesIn(folder.id, messageIds);
  return locations.length > 0 ? { ok: true, value: locations } : refuse('not-in-folder', `none of the messages is in "${folder.path}"`);
}

async function moveOut(ctx: ActionContext, from: FolderSummary, locations: SelectedLocation[], to: FolderSummary): Promise<ActionOutcome> {
  const lock = await ctx.client.getMailboxLock(from.path);
  try {
    await settleFlags(ctx.client, ctx.store, from.id, locations.map((l) => l.uid));
    const destination = { path: to.path, folderId: to.id };
    const moved = await moveSelected(ctx.client, ctx.store, locations, destination);
    if (!moved.ok) return refuse('server-refused', moved.detail);
    return { ok: true, count: moved.moved, permanently: false, resync: moved.unmapped > 0 ? destination : null };
  } finally {
    lock.release();
  }
}

async function expunge(ctx: ActionContext, from: FolderSummary, locations: SelectedLocation[]): Promise<ActionOutcome> {
  const lock = await ctx.client.getMailboxLock(from.path);
  try {
    for (const batch of uidBatches(locations)) {
      const uids = batch.map((l) => l.uid);
      // With UIDPLUS imapflow sends UID EXPUNGE of these UIDs only; without it a plain EXPUNGE also
      // removes what other clients had marked \Deleted, which the next sync then forgets as well.
      if (!(await ctx.client.messageDelete(uidSet(uids), { uid: true }))) return refuse('server-refused', `the server refused to delete messages from "${from.path}"`);
      // Only the location goes: the message row and its raw .eml stay as evidence (see the top of this file).
      ctx.store.removeLocations(from.id, uids);
    }
    return { ok: true, count: locations.length, permanently: true, resync: null };
  } finally {
    lock.release();
  }
}

/** Moves messages of one folder to another folder of the account. Throws only when the connection fails. */
export async function moveMessages(ctx: ActionContext, request: MoveRequest): Promise<ActionOutcome> {
  const folders = ctx.store.listFolders(ctx.accountId);
  const from = folderOf(ctx, folders, request.fromFolderId);
  if (!from.ok) return from;
  const to = folderOf(ctx, folders, request.toFolderId);
  if (!to.ok) return to;
  const locations = locationsIn(ctx, from.value, request.messageIds);
  if (!locations.ok) return locations;
  if (from.value.id === to.value.id) return { ok: true, count: 0, permanently: false, resync: null };
  return moveOut(ctx, from.value, locations.value, to.value);
}

/** Moves messages to the account's Trash, or deletes them for good (from Trash only once confirmed). Throws only when the connection fails. */
export async function deleteMessages(ctx: ActionContext, request: DeleteRequest): Promise<ActionOutcome> {
  const folders = ctx.store.listFolders(ctx.accountId);
  const from = folderOf(ctx, folders, request.folderId);
  if (!from.ok) return from;
  const locations = locationsIn(ctx, from.value, request.messageIds);
  if (!locations.ok) return locations;
  const trash = folders.find((f) => f.role === 'trash');
  if (from.value.id === trash?.id && !request.permanently) return refuse('needs-confirmation', `the messages are already in "${trash.path}": deleting them is for good`);
  if (request.permanently) return expunge(ctx, from.value, locations.value);
  if (!trash) return refuse('no-trash', 'the account has no Trash folder (special-use \\Trash)');
  return moveOut(ctx, from.value, locations.value, trash);
}
