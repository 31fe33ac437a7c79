// Bozze in every account's folder list, whether or not the server has a Drafts folder yet.
import type { FolderView } from '../../../shared/api-values';

/**
 * The folders of an account with Bozze among them: the server's Drafts when the sync has listed it,
 * else a Bozze of PecDesk's own (a negative id no server folder has), so drafts kept on this computer
 * are reachable before the server has a Drafts folder, or while it cannot be reached.
 */
export function withDrafts(folders: FolderView[], accountId: string): FolderView[] {
  if (folders.some((f) => f.role === 'drafts')) return folders;
  return [...folders, { id: -Number(accountId), accountId, path: '', name: '', role: 'drafts', total: 0, unread: 0, localOnly: true }];
}
