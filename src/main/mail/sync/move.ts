// Moving messages of the selected mailbox to another mailbox of the same account, with the store
// following them: UID MOVE (RFC 6851), which imapflow turns into COPY + \Deleted + UID EXPUNGE on
// servers without MOVE. With UIDPLUS the server names the UID each message got in the destination
// (COPYUID, RFC 4315) and the store moves its location there, one transaction per batch; a message
// without a new UID loses its location, and the destination's own sync files it again (same
// bytes, same message row). Receipts filed aside (receipts.ts) and the user's moves and deletions
// (message-actions.ts) both go through here.
import type { ImapFlow } from 'imapflow';
import type { LocationMove, Store } from '../../store';
import { UID_BATCH, uidSet } from './context';

/** A message of the selected mailbox: its store location (folder, as filed; uid, on the server). */
export interface SelectedLocation {
  folderId: number;
  uid: number;
}

/** The mailbox messages go to: its server path and its store folder. */
export interface MoveDestination {
  path: string;
  folderId: number;
}

/** How many messages left the mailbox (`unmapped` of them without a new UID), or why the rest did not. */
export type MoveOutcome = { ok: true; moved: number; unmapped: number } | { ok: false; detail: string; moved: number; unmapped: number };

/** The store moves that put each location at `uidOf(location)` in `folderId`; one without a UID stays out. */
export function movesTo(folderId: number, locations: SelectedLocation[], uidOf: (l: SelectedLocation) => number | undefined): LocationMove[] {
  return locations.flatMap((l) => {
    const toUid = uidOf(l);
    return toUid === undefined ? [] : [{ fromFolderId: l.folderId, fromUid: l.uid, toFolderId: folderId, toUid }];
  });
}

/** Moves `locations` (ascending UIDs of the selected mailbox) to `to`. Throws only when the connection fails. */
export async function moveSelected(client: ImapFlow, store: Store, locations: SelectedLocation[], to: MoveDestination): Promise<MoveOutcome> {
  let moved = 0;
  let unmapped = 0;
  for (let i = 0; i < locations.length; i += UID_BATCH) {
    const batch = locations.slice(i, i + UID_BATCH);
    const result = await client.messageMove(uidSet(batch.map((l) => l.uid)), to.path, { uid: true });
    if (!result) return { ok: false, detail: `the server refused to move messages to "${to.path}"`, moved, unmapped };
    // COPYUID's UIDs count only in the UIDVALIDITY the store knows for the destination (RFC 4315 §3).
    const known = store.folderSyncState(to.folderId)?.uidValidity ?? null;
    const sameEpoch = result.uidValidity === undefined || known === null || Number(result.uidValidity) === known;
    const newUid = (l: SelectedLocation) => (sameEpoch ? result.uidMap?.get(l.uid) : undefined);
    store.moveLocations(movesTo(to.folderId, batch, newUid));
    const lost = batch.filter((l) => newUid(l) === undefined);
    for (const from of new Set(lost.map((l) => l.folderId))) store.removeLocations(from, lost.filter((l) => l.folderId === from).map((l) => l.uid));
    moved += batch.length;
    unmapped += lost.length;
  }
  return { ok: true, moved, unmapped };
}
