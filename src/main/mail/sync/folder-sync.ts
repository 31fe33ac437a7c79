// One mailbox brought up to date, incrementally (RFC 4549 "disconnected client" resync, with
// CONDSTORE/QRESYNC, RFC 7162, where offered). A mailbox proven unchanged is skipped
// (quick-check.ts); otherwise:
//   1. SELECT with the last UIDVALIDITY/HIGHESTMODSEQ; a new UIDVALIDITY voids every UID we know
//      (RFC 3501 §2.3.1.1): the store drops the folder's locations and it is filed from scratch;
//   2. expunges reported since (VANISHED) drop their locations;
//   3. flags both ways (flags.ts);
//   4. messages from the saved UIDNEXT on are filed (fetch-new.ts);
//   5. if the store and the server still disagree on the count, a UID SEARCH ALL settles it;
//   6. INBOX only: receipts go to their folder (receipts.ts), then the rules for incoming mail
//      run on the messages that arrived (rules.ts); not on a first sync or after a UIDVALIDITY
//      change, where "arrived" means every message the mailbox ever had;
//   7. UIDNEXT and HIGHESTMODSEQ as of the SELECT are saved, so whatever changed during this sync
//      is seen again next time rather than missed.
import type { FolderSyncState } from '../../store';
import { forgetUids, uidBatches, uidSet, type FolderContext } from './context';
import { fileMessages, listMessages, type FileOutcome } from './fetch-new';
import { pullFlags, pushFlags } from './flags';
import { provenUnchanged } from './quick-check';
import { fileReceipts } from './receipts';
import { runRules } from './rules';
import type { FolderReport } from './types';

const NEVER_SYNCED: FolderSyncState = { uidValidity: null, uidNext: null, highestModseq: null };

function fail(report: FolderReport, outcome: Extract<FileOutcome, { ok: false }>): FolderReport {
  return { ...report, error: { code: outcome.code, detail: outcome.detail } };
}

/** Syncs one mailbox. Throws when the connection fails (the caller tells that from a folder error). */
export async function syncMailbox(ctx: FolderContext): Promise<FolderReport> {
  const { client, store, view } = ctx;
  const report: FolderReport = { path: view.path, folderId: view.folderId, added: 0, removed: 0, flagsFromServer: 0, flagsToServer: 0, receiptsFiled: 0, uidValidityReset: false };
  const stored = store.folderSyncState(view.folderId) ?? NEVER_SYNCED;
  if (await provenUnchanged(ctx, stored)) return report;
  const qresync = stored.uidValidity !== null && stored.highestModseq !== null ? { uidValidity: stored.uidValidity, changedSince: stored.highestModseq } : {};
  const alreadyOpen = client.mailbox !== false && client.mailbox.path === view.path;
  const lock = await client.getMailboxLock(view.path, qresync);
  try {
    // getMailboxLock selects only a mailbox that is not open; INBOX stays open for IDLE, and is
    // selected again for fresh UIDNEXT/HIGHESTMODSEQ/EXISTS and QRESYNC's report.
    if (alreadyOpen) await client.mailboxOpen(view.path, qresync);
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`${view.path} could not be selected`);
    const condstore = client.enabled.has('CONDSTORE') && !mailbox.noModseq && mailbox.highestModseq !== undefined;
    const server = { uidValidity: Number(mailbox.uidValidity), uidNext: mailbox.uidNext, highestModseq: condstore ? (mailbox.highestModseq ?? null) : null };

    let state = stored;
    const expunged = ctx.notices.take(view.path);
    if (stored.uidValidity !== server.uidValidity) {
      report.uidValidityReset = stored.uidValidity !== null;
      state = { uidValidity: server.uidValidity, uidNext: null, highestModseq: null };
      store.setFolderSyncState(view.folderId, state);
    } else {
      report.removed += forgetUids(ctx, expunged.uids);
    }
    // The alias holds INBOX UIDs: it carries INBOX's UIDVALIDITY so the store drops them together.
    if (view.aliasId !== null && store.folderSyncState(view.aliasId)?.uidValidity !== server.uidValidity) {
      store.setFolderSyncState(view.aliasId, { uidValidity: server.uidValidity, uidNext: null, highestModseq: null });
    }

    const since = condstore ? state.highestModseq : null;
    const pushed = await pushFlags(ctx, since);
    report.flagsToServer = pushed.stored;
    if (pushed.refused.size > 0) report.error = { code: 'flags-refused', detail: `the server did not take the flags of ${pushed.refused.size} message(s) in ${view.path}; they are pushed again at the next sync` };
    const filedBelow = state.uidNext ?? 1;
    const serverChanged = since === null || report.flagsToServer > 0 || (server.highestModseq !== null && server.highestModseq > since);
    if (state.uidNext !== null && serverChanged) report.flagsFromServer = await pullFlags(ctx, filedBelow, since, pushed.refused);

    let uidNext = filedBelow;
    const filedUpTo = (next: number) => {
      uidNext = Math.max(uidNext, next);
      store.setFolderSyncState(view.folderId, { ...state, uidNext });
    };
    if (server.uidNext > filedBelow && mailbox.exists > 0) {
      const listed = await listMessages(client, `${filedBelow}:*`, filedBelow);
      const known = listed.length > 0 ? ctx.local.locations(view) : new Map();
      const outcome = await fileMessages(ctx, listed.filter((m) => !known.has(m.uid)), filedUpTo);
      report.added += outcome.filed;
      if (!outcome.ok) return fail(report, outcome);
    }

    const exists = client.mailbox ? client.mailbox.exists : 0;
    if (expunged.withoutUid || ctx.local.count(view) !== exists) {
      const onServer = await client.search({ all: true }, { uid: true });
      if (!Array.isArray(onServer)) throw new Error(`UID SEARCH ALL refused in ${view.path}`);
      const serverUids = new Set(onServer);
      const known = ctx.local.locations(view);
      report.removed += forgetUids(ctx, [...known.keys()].filter((uid) => !serverUids.has(uid)));
      const missing = onServer.filter((uid) => !known.has(uid)).sort((a, b) => a - b);
      if (missing.length > 0) {
        const listed = [];
        for (const uids of uidBatches(missing)) listed.push(...(await listMessages(client, uidSet(uids))));
        const outcome = await fileMessages(ctx, listed, filedUpTo);
        report.added += outcome.filed;
        if (!outcome.ok) return fail(report, outcome);
      }
    }

    if (ctx.receipts) {
      const outcome = await fileReceipts(ctx);
      report.receiptsFiled = outcome.filed;
      if (!outcome.ok) report.error = { code: outcome.code, detail: outcome.detail };
    }
    if (ctx.rules && stored.uidNext !== null && !report.uidValidityReset && ctx.arrived.length > 0) {
      const { accountId, notify } = ctx.rules;
      await runRules({ client, store, local: ctx.local, accountId, view, notify }, ctx.arrived);
    }
    const final: FolderSyncState = { uidValidity: server.uidValidity, uidNext: Math.max(uidNext, server.uidNext), highestModseq: server.highestModseq };
    // Unchanged state is not written: a sync that found nothing must not make the UI re-query.
    const saved = store.folderSyncState(view.folderId);
    if (saved?.uidNext !== final.uidNext || saved.highestModseq !== final.highestModseq || saved.uidValidity !== final.uidValidity) store.setFolderSyncState(view.folderId, final);
    ctx.notices.watch(view.path);
    return report;
  } finally {
    lock.release();
  }
}
