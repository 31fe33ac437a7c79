// The account's folder tree: LIST on the server → folder rows in the store, with the special-use
// attribute (RFC 6154) and PecDesk's role for each, folders gone from the server removed, and the
// receipts folder prepared (created and subscribed on the server, or the local-only one).
import type { ImapFlow, ListResponse } from 'imapflow';
import type { Store } from '../../store';
import type { LocalState, MailboxView } from './local-state';
import type { SyncAccount } from './types';

/**
 * Path of the store folder that shows receipts kept on the server's INBOX ('local' mode). It
 * starts with '#', the mark of namespaces other than the personal one (the convention of RFC 2342's
 * "#shared", "#news."), so a LIST of the user's own folders does not return it and collide with it.
 */
export const LOCAL_RECEIPTS_PATH = '#pecdesk/receipts';

/** Where receipts of INBOX go: a server folder, PecDesk's local folder, or nowhere because that failed. */
export type ReceiptsTarget =
  | { mode: 'move'; path: string; folderId: number }
  | { mode: 'local'; folderId: number }
  | { mode: 'unavailable'; detail: string };

/** The folders to sync, INBOX first, and where its receipts go (null for ordinary accounts). */
export interface FolderTree {
  mailboxes: MailboxView[];
  receipts: ReceiptsTarget | null;
}

const ROLE_BY_SPECIAL_USE: Record<string, string> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
};

function selectable(folder: ListResponse): boolean {
  // \Noselect (RFC 3501 §7.2.2) and \NonExistent (RFC 5258 §3) name hierarchy levels, not mailboxes.
  return ![...folder.flags].some((f) => ['\\noselect', '\\nonexistent'].includes(f.toLowerCase()));
}

/** True for INBOX, whatever its case (RFC 3501 §5.1). */
export function isInbox(path: string): boolean {
  return path.toUpperCase() === 'INBOX';
}

/** Finds the receipts folder by name, with the personal namespace prefix some servers add ("INBOX."). */
function findByName(client: ImapFlow, listed: ListResponse[], name: string): ListResponse | undefined {
  const prefix = client.namespace?.prefix ?? '';
  return listed.find((f) => f.path === name || f.path === prefix + name);
}

/** Makes sure the server's receipts folder exists and is subscribed, so other clients show it too. */
async function prepareServerReceiptsFolder(client: ImapFlow, listed: ListResponse[], name: string): Promise<{ ok: true; path: string } | { ok: false; detail: string }> {
  const existing = findByName(client, listed, name);
  try {
    if (existing) {
      if (!existing.subscribed && !(await client.mailboxSubscribe(existing.path))) return { ok: false, detail: `the server refused to subscribe "${existing.path}"` };
      return { ok: true, path: existing.path };
    }
    const created = await client.mailboxCreate(name);
    await client.mailboxSubscribe(created.path);
    return { ok: true, path: created.path };
  } catch (err) {
    return { ok: false, detail: `cannot create the receipts folder "${name}": ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Brings the store's folders in line with the server's LIST. Throws only when the connection fails. */
export async function syncFolderTree(client: ImapFlow, store: Store, accountId: number, account: SyncAccount, local: LocalState): Promise<FolderTree> {
  let listed = (await client.list()).filter(selectable);
  const pec = account.kind === 'pec';
  const serverReceipts = pec && account.receiptsMode === 'move' ? await prepareServerReceiptsFolder(client, listed, account.receiptsFolder) : null;
  if (serverReceipts?.ok && !listed.some((f) => f.path === serverReceipts.path)) listed = (await client.list()).filter(selectable);
  const receiptsPath = serverReceipts?.ok ? serverReceipts.path : (findByName(client, listed, account.receiptsFolder)?.path ?? null);

  const inStore = new Map(store.listFolders(accountId).map((f) => [f.path, f]));
  const mailboxes: MailboxView[] = [];
  for (const folder of listed) {
    const specialUse = folder.specialUse ?? null;
    const role = isInbox(folder.path) ? 'inbox' : folder.path === receiptsPath ? 'receipts' : (ROLE_BY_SPECIAL_USE[specialUse ?? ''] ?? null);
    const known = inStore.get(folder.path);
    // Written only when new or changed, so an unchanged tree causes no change event.
    const unchanged = known && known.specialUse === specialUse && (role === null || known.role === role);
    const folderId = unchanged ? known.id : store.upsertFolder(accountId, { path: folder.path, specialUse, role });
    mailboxes.push({ path: folder.path, folderId, aliasId: null });
  }
  mailboxes.sort((a, b) => Number(isInbox(b.path)) - Number(isInbox(a.path)) || a.path.localeCompare(b.path));

  let receipts: ReceiptsTarget | null = null;
  if (pec && account.receiptsMode === 'local') {
    const folderId = inStore.get(LOCAL_RECEIPTS_PATH)?.id ?? store.upsertFolder(accountId, { path: LOCAL_RECEIPTS_PATH, specialUse: null, role: 'receipts' });
    receipts = { mode: 'local', folderId };
  } else if (serverReceipts) {
    const folderId = mailboxes.find((m) => m.path === receiptsPath)?.folderId;
    if (!serverReceipts.ok) receipts = { mode: 'unavailable', detail: serverReceipts.detail };
    else receipts = folderId === undefined ? { mode: 'unavailable', detail: `"${serverReceipts.path}" is not listed` } : { mode: 'move', path: serverReceipts.path, folderId };
  }

  // Receipts filed locally before a switch to 'move' are still INBOX messages on the server: the
  // local folder stays INBOX's alias until they have been moved there and it is empty.
  const localFolder = inStore.get(LOCAL_RECEIPTS_PATH) ?? (receipts?.mode === 'local' ? { id: receipts.folderId } : undefined);
  const keepLocal = !!localFolder && (receipts?.mode === 'local' || local.count({ path: LOCAL_RECEIPTS_PATH, folderId: localFolder.id, aliasId: null }) > 0);
  const inbox = mailboxes.find((m) => isInbox(m.path));
  if (inbox && localFolder && keepLocal) inbox.aliasId = localFolder.id;

  const onServer = new Set(listed.map((f) => f.path));
  for (const folder of inStore.values()) {
    if (onServer.has(folder.path) || (folder.path === LOCAL_RECEIPTS_PATH && keepLocal)) continue;
    store.removeFolder(folder.id);
  }
  return { mailboxes, receipts };
}
