// Receipts out of the INBOX (the account's receiptsMode):
//
// - 'move': once a receipt is stored (bytes fsynced, row committed), it is moved on the server to
//   the receipts folder (MOVE, RFC 6851; imapflow falls back to COPY + \Deleted + UID EXPUNGE
//   where MOVE is missing) and its store location follows it to the new UID (UIDPLUS COPYUID,
//   RFC 4315). Without COPYUID the old location is dropped and the receipts folder's own sync
//   files it again (same bytes, same message row).
// - 'local': the server is left alone (other clients share the mailbox); PecDesk files the
//   receipt in its local receipts folder (LOCAL_RECEIPTS_PATH) under its INBOX UID. That folder
//   is INBOX's alias (local-state.ts): expunges and flag changes of INBOX reach it, and its
//   UIDVALIDITY follows INBOX's.
import { classifyHeaders, parseHeaderBlock } from '../../pec';
import { uidSet, type FolderContext } from './context';
import type { KnownLocation } from './local-state';
import type { SyncErrorCode } from './types';

/** Outcome of filing receipts: how many moved, or why some could not. */
export type ReceiptsOutcome = { ok: true; filed: number } | { ok: false; code: Extract<SyncErrorCode, 'receipts-move-failed' | 'store-failed'>; detail: string; filed: number };

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

/**
 * Moves a stored message's location. Stand-in for a store-level "move location" write: the bytes
 * are read back and filed again, which the store recognises by SHA-256 (already-present) and only
 * records the new location; then the old one is dropped.
 */
async function relocate(ctx: FolderContext, from: KnownLocation, to: { folderId: number; uid: number }): Promise<string | null> {
  const raw = ctx.store.readMessageRaw(from.messageRowId);
  if (!raw) return `message ${from.messageRowId} is not in the store`;
  if (!raw.ok) return `${raw.code}: ${raw.detail}`;
  const filed = await ctx.store.importMessage(raw.raw, { location: { folderId: to.folderId, uid: to.uid, flags: from.flags } });
  if (!filed.ok) return `${filed.code}: ${filed.detail}`;
  ctx.store.removeLocations(from.folderId, [from.uid]);
  return null;
}

async function moveOnServer(ctx: FolderContext, path: string, folderId: number, receipts: KnownLocation[]): Promise<ReceiptsOutcome> {
  let filed = 0;
  for (let i = 0; i < receipts.length; i += MOVE_BATCH) {
    const batch = receipts.slice(i, i + MOVE_BATCH);
    const moved = await ctx.client.messageMove(uidSet(batch.map((r) => r.uid)), path, { uid: true });
    if (!moved) return { ok: false, code: 'receipts-move-failed', detail: `the server refused to move receipts to "${path}"`, filed };
    for (const receipt of batch) {
      const newUid = moved.uidMap?.get(receipt.uid);
      if (newUid === undefined) {
        ctx.store.removeLocations(receipt.folderId, [receipt.uid]);
      } else {
        const failure = await relocate(ctx, receipt, { folderId, uid: newUid });
        if (failure) return { ok: false, code: 'store-failed', detail: failure, filed };
      }
      filed++;
    }
  }
  return { ok: true, filed };
}

/** Files the receipts the store holds in INBOX where the account wants them. Throws only when the connection fails. */
export async function fileReceipts(ctx: FolderContext): Promise<ReceiptsOutcome> {
  const target = ctx.receipts;
  if (!target) return { ok: true, filed: 0 };
  const { folderId, aliasId } = ctx.view;
  if (target.mode === 'local') {
    let filed = 0;
    for (const receipt of ctx.local.receiptsIn(folderId)) {
      const failure = await relocate(ctx, receipt, { folderId: target.folderId, uid: receipt.uid });
      if (failure) return { ok: false, code: 'store-failed', detail: failure, filed };
      filed++;
    }
    return { ok: true, filed };
  }
  // Receipts still in INBOX on the server: those filed there, and those a former 'local' mode filed aside.
  const pending = ctx.local.receiptsIn(folderId, aliasId ?? folderId);
  if (pending.length === 0) return { ok: true, filed: 0 };
  if (target.mode === 'unavailable') return { ok: false, code: 'receipts-move-failed', detail: target.detail, filed: 0 };
  return moveOnServer(ctx, target.path, target.folderId, pending);
}
