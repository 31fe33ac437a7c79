// Receipts out of the INBOX (the account's receiptsMode):
//
// - 'move': once a receipt is stored (bytes fsynced, row committed), it is moved on the server to
//   the receipts folder and its store location follows it (move.ts: MOVE, RFC 6851, or imapflow's
//   COPY + \Deleted + UID EXPUNGE; the new UID from COPYUID, RFC 4315).
// - 'local': the server is left alone (other clients share the mailbox); PecDesk files the
//   receipt in its local receipts folder (LOCAL_RECEIPTS_PATH) under its INBOX UID. That folder
//   is INBOX's alias (local-state.ts): expunges and flag changes of INBOX reach it, and its
//   UIDVALIDITY follows INBOX's.
import type { PecKind } from '../../../shared/pec';
import { classifyHeaders, parseHeaderBlock } from '../../pec';
import type { FolderContext } from './context';
import type { KnownLocation } from './local-state';
import { moveSelected, movesTo } from './move';
import type { SyncErrorCode } from './types';

/** Outcome of filing receipts: how many moved, or why some could not. */
export type ReceiptsOutcome = { ok: true; filed: number } | { ok: false; code: Extract<SyncErrorCode, 'receipts-move-failed'>; detail: string; filed: number };

function isReceipt(raw: Buffer): boolean {
  // The same header test the classifier starts from (X-Ricevuta, RFC 6109 §3), on the header block only.
  const { headers } = parseHeaderBlock(raw, 0, Math.min(raw.length, 256 * 1024));
  return classifyHeaders(headers).kind === 'receipt';
}

/**
 * The store folder a message fetched from the mailbox is filed in: the local receipts folder for
 * an INBOX receipt in 'local' mode (filed there at once, so it is never analysed twice), else the
 * mailbox's own folder. In 'move' mode receipts are filed in INBOX first: that is where they are.
 * `kind` is the classifier's, when it read the message: the same header test, already made.
 */
export function initialFolderFor(ctx: FolderContext, raw: Buffer, kind?: PecKind): number {
  return ctx.receipts?.mode === 'local' && (kind ? kind === 'receipt' : isReceipt(raw)) ? ctx.receipts.folderId : ctx.view.folderId;
}

async function moveOnServer(ctx: FolderContext, path: string, folderId: number, receipts: KnownLocation[]): Promise<ReceiptsOutcome> {
  const outcome = await moveSelected(ctx.client, ctx.store, receipts, { path, folderId });
  if (!outcome.ok) return { ok: false, code: 'receipts-move-failed', detail: `the server refused to move receipts to "${path}"`, filed: outcome.moved };
  return { ok: true, filed: outcome.moved };
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
