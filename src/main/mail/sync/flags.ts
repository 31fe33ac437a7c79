// Flags both ways. PecDesk's changes (the store's flags_dirty rows) are stored on the server first,
// conditionally with CONDSTORE (RFC 7162 §3.1.3 UNCHANGEDSINCE): a message another client changed
// since our last sync is left as the server has it, and the pull that follows brings that state
// back (the server wins a conflict). Then the server's changes since the last sync's HIGHESTMODSEQ
// (CHANGEDSINCE), or all flags on a server without CONDSTORE, are written to the store, which
// clears the dirty mark of every location it updates. A STORE the server refuses leaves its rows
// dirty and is tried again at the next sync; the folder's report says so, for the status bar.
import type { ImapFlow } from 'imapflow';
import type { MessageLocation, Store } from '../../store';
import { assertConnected, sameFlags, storedFlags, uidBatches, uidSet, type FolderContext } from './context';

/** How many messages' flags the server took, and the UIDs whose flags it refused (still to push). */
export interface PushedFlags {
  stored: number;
  refused: ReadonlySet<number>;
}

/** Stores PecDesk's flag changes in the mailbox on the server. */
export async function pushFlags(ctx: FolderContext, unchangedSince: bigint | null): Promise<PushedFlags> {
  const { folderId, aliasId } = ctx.view;
  return storeFlags(ctx.client, ctx.store.flagChangesToPush().filter((l) => l.folderId === folderId || l.folderId === aliasId), unchangedSince);
}

/**
 * Stores PecDesk's pending flag changes of some messages of the selected mailbox (store folder
 * `folderId`) before they leave it, under the same rule as pushFlags (the server wins a conflict),
 * and records the flags the server then holds. MOVE and COPY keep a message's flags (RFC 6851 §3.3,
 * RFC 3501 §6.4.7), so the read mark given just before a deletion reaches the Trash, and no change
 * stays pending for a UID that no longer exists.
 */
export async function settleFlags(client: ImapFlow, store: Store, folderId: number, uids: number[]): Promise<void> {
  const leaving = new Set(uids);
  const pending = store.flagChangesToPush().filter((l) => l.folderId === folderId && leaving.has(l.uid));
  if (pending.length === 0) return;
  const condstore = client.enabled.has('CONDSTORE') && client.mailbox !== false && !client.mailbox.noModseq;
  await storeFlags(client, pending, condstore ? (store.folderSyncState(folderId)?.highestModseq ?? null) : null);
  const held: { uid: number; flags: string[] }[] = [];
  for (const uids of uidBatches(pending.map((l) => l.uid).sort((a, b) => a - b))) {
    for await (const m of client.fetch(uidSet(uids), { uid: true, flags: true }, { uid: true })) held.push({ uid: m.uid, flags: storedFlags(m.flags) });
    assertConnected(client, 'the flags of the messages to move');
  }
  for (const h of held) store.setServerFlags(folderId, h.uid, h.flags);
}

async function storeFlags(client: ImapFlow, changed: MessageLocation[], unchangedSince: bigint | null): Promise<PushedFlags> {
  // One STORE per distinct flag set: "mark 300 messages read" is one command.
  const groups = new Map<string, { flags: string[]; uids: number[] }>();
  for (const location of changed) {
    const flags = storedFlags(location.flags);
    const key = flags.join(' ');
    const group = groups.get(key) ?? { flags, uids: [] };
    group.uids.push(location.uid);
    groups.set(key, group);
  }
  const pushed = { stored: 0, refused: new Set<number>() };
  for (const { flags, uids } of groups.values()) {
    // silent: our own change must not come back as a notice that the mailbox changed.
    const options = unchangedSince === null ? { uid: true, silent: true } : { uid: true, silent: true, unchangedSince };
    // imapflow answers false both for a NO or BAD and for flags the mailbox's PERMANENTFLAGS
    // leave out (a read-only mailbox lists none), which it never sends: either way they did not
    // reach the server. The rows stay dirty: the next sync tries again.
    for (const batch of uidBatches(uids.sort((a, b) => a - b))) {
      if (await client.messageFlagsSet(uidSet(batch), flags, options)) pushed.stored += batch.length;
      else for (const uid of batch) pushed.refused.add(uid);
    }
  }
  return pushed;
}

/**
 * Copies the server's flags of UIDs below `below` into the store: only those changed since
 * `changedSince` when given (CONDSTORE), else all of them. Returns how many locations changed.
 * The UIDs in `refused` keep PecDesk's pending marks: the server refused to store them in this
 * very sync, so its flags are not a change another client made, and copying them would silently
 * undo the user's marks on a server without CONDSTORE (there every flag is pulled).
 */
export async function pullFlags(ctx: FolderContext, below: number, changedSince: bigint | null, refused: ReadonlySet<number>): Promise<number> {
  if (below <= 1) return 0;
  const known = ctx.local.locations(ctx.view);
  const updates: { folderId: number; uid: number; flags: string[] }[] = [];
  const options = changedSince === null ? { uid: true } : { uid: true, changedSince };
  for await (const message of ctx.client.fetch(`1:${below - 1}`, { uid: true, flags: true }, options)) {
    const location = known.get(message.uid);
    if (!location || (location.dirty && refused.has(message.uid))) continue;
    const flags = storedFlags(message.flags);
    if (location.dirty || !sameFlags(location.flags, flags)) updates.push({ folderId: location.folderId, uid: message.uid, flags });
  }
  assertConnected(ctx.client, `the flags of ${ctx.view.path}`);
  for (const u of updates) ctx.store.setServerFlags(u.folderId, u.uid, u.flags);
  return updates.length;
}
