// Whether a mailbox can be skipped because it provably has not changed since its last sync, found
// without selecting it (on Dovecot a SELECT of a 10,000-message Maildir costs ~0.2 s):
// - the mailbox open on this connection hears of every change as untagged responses (RFC 3501
//   §7), so if it stayed open since its full sync and NOOP brings no news, nothing changed;
// - another mailbox is asked STATUS (RFC 7162 adds HIGHESTMODSEQ to it): the same UIDVALIDITY,
//   UIDNEXT (no new message), MESSAGES (no expunge) and HIGHESTMODSEQ (no flag change) as saved.
// PecDesk's own pending work (flags to store, receipts to file) always makes a full sync.
import type { ImapFlow } from 'imapflow';
import type { FolderSyncState } from '../../store';
import type { FolderContext } from './context';

// Read through a function: TypeScript would keep the narrowing of client.mailbox across the await.
function openCount(client: ImapFlow): number | null {
  return client.mailbox ? client.mailbox.exists : null;
}

function pendingLocalWork(ctx: FolderContext): boolean {
  const { folderId, aliasId } = ctx.view;
  if (ctx.store.flagChangesToPush().some((l) => l.folderId === folderId || l.folderId === aliasId)) return true;
  if (!ctx.receipts) return false;
  // 'local' files INBOX receipts aside; 'move' (or a move that failed) also empties the alias.
  return ctx.local.hasReceipts(folderId, ctx.receipts.mode === 'local' ? folderId : (aliasId ?? folderId));
}

/** True when the mailbox has not changed on either side since its last sync. Throws when the connection fails. */
export async function provenUnchanged(ctx: FolderContext, stored: FolderSyncState): Promise<boolean> {
  const { client, view, notices } = ctx;
  if (stored.uidValidity === null || stored.uidNext === null || !notices.quiet(view.path) || pendingLocalWork(ctx)) return false;
  if (client.mailbox && client.mailbox.path === view.path) {
    if (!notices.quietSinceSync(view.path)) return false;
    await client.noop();
    return notices.quietSinceSync(view.path) && openCount(client) === ctx.local.count(view);
  }
  if (stored.highestModseq === null || !client.enabled.has('CONDSTORE')) return false;
  const status = await client.status(view.path, { messages: true, uidNext: true, uidValidity: true, highestModseq: true });
  return (
    status !== false &&
    status.uidValidity !== undefined &&
    Number(status.uidValidity) === stored.uidValidity &&
    status.uidNext === stored.uidNext &&
    status.highestModseq === stored.highestModseq &&
    status.messages === ctx.local.count(view)
  );
}
