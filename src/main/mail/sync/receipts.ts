// Receipts out of the INBOX (the account's receiptsMode):
//
// - 'move': once a receipt is stored (bytes fsynced, row committed), it is moved on the server to
//   the receipts folder (MOVE, RFC 6851; imapflow falls back to COPY + \Deleted + UID EXPUNGE
//   where MOVE is missing) and its store location follows it to the new UID (UIDPLUS COPYUID,
//   RFC 4315), one transaction per MOVE. Without COPYUID the old location is dropped and the
//   receipts folder's own sync files it again (same bytes, same message row).
// - 'local': the server is left alone (other clients share the mailbox); PecDesk files the
//   receipt in its local receipts folder (LOCAL_RECEIPTS_PATH) under its INBOX UID. That folder
//   is INBOX's alias (local-state.ts): expunges and flag changes of INBOX reach it, and its
//   UIDVALIDITY follows INBOX's.
import { classifyHeaders, parseHeaderBlock } from '../../pec';
import type { LocationMove } from '../../store';
import { uidSet, type FolderContext } from './context';
import type { KnownLocation } from './local-state';
import type { SyncErrorCode } from './types';

/** Outcome of filing receipts: how many moved, or why some could not. */
export type ReceiptsOutcome = { ok: true; filed: number } | { ok: false; code: Extract<SyncErrorCode, 'receipts-move-failed'>; detail: string; filed: number };

// A MOVE of a few hundred UIDs keeps the command line short on servers with line limits.
const MOVE_BATCH = 500;

function isReceipt(raw: Buffer): boolean {
  // The same header test the classifier starts from (X-Ricevuta, RFC 6109 §3), on the header block only.
  const { headers } = parseHeaderBlock(raw, 0, Math.min(raw.length, 256 * 1024));
  return classifyHeaders(headers).kind === 'receipt';
}

/**
 * The store folder a message fetched from the mailbox is filed in: the local receipts folder for
 * an INBOX receipt in 'local' mode (filed there at once, so it is never analysed twice), else the
 * mailbox's own folder. In 'move' mode receipts are filed in INBOX first: that is where they are.
 */
export function initialFolderFor(ctx: FolderContext, raw: Buffer): number {
  return ctx.receipts?.mode === 'local' && isReceipt(raw) ? ctx.receipts.folderId : ctx.view.folderId;
}

/** The moves that put receipts at `uidOf(receipt)` in the receipts folder. */
function movesTo(folderId: number, receipts: KnownLocation[], uidOf: (r: KnownLocation) => number | undefined): LocationMove[] {
  return receipts.flatMap((r) => {
    const toUid = uidOf(r);
    return toUid === undefined ? [] : [{ fromFolderId: r.folderId, fromUid: r.uid, toFolderId: folderId, toUid }];
  });
}

async function moveOnServer(ctx: FolderContext, path: string, folderId: number, receipts: KnownLocation[]): Promise<ReceiptsOutcome> {
  let filed = 0;
  for (let i = 0; i < receipts.length; i += MOVE_BATCH) {
    const batch = receipts.slice(i, i + MOVE_BATCH);
    const moved = await ctx.client.messageMove(uidSet(batch.map((r) => r.uid)), path, { uid: true });
    if (!moved) return { ok: false, code: 'receipts-move-failed', detail: `the server refused to move receipts to "${path}"`, filed };
    const newUid = (r: KnownLocation) => moved.uidMap?.get(r.uid);
    ctx.store.moveLocations(movesTo(folderId, batch, newUid));
    const lost = batch.filter((r) => newUid(r) === undefined);
    for (const from of new Set(lost.map((r) => r.folderId))) ctx.store.removeLocations(from, lost.filter((r) => r.folderId === from).map((r) => r.uid));
    filed += batch.length;
  }
  return { ok: true, filed };
}

/** Files the receipts the store holds in INBOX where the account wants them. Throws only when the connection fails. */
export async function fileReceipts(ctx: FolderContext): Promise<ReceiptsOutcome> {
  const target = ctx.receipts;
  if (!target) return { ok: true, filed: 0 };
  const { folderId, aliasId } = ctx.view;
  if (target.mode === 'local') {
    const receipts = ctx.local.receiptsIn(folderId);
    return { ok: true, filed: ctx.store.moveLocations(movesTo(target.folderId, receipts, (r) => r.uid)) };
  }
  // Receipts still in INBOX on the server: those filed there, and those a former 'local' mode filed aside.
  const pending = ctx.local.receiptsIn(folderId, aliasId ?? folderId);
  if (pending.length === 0) return { ok: true, filed: 0 };
  if (target.mode === 'unavailable') return { ok: false, code: 'receipts-move-failed', detail: target.detail, filed: 0 };
  return moveOnServer(ctx, target.path, target.folderId, pending);
}
