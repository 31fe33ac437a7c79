// The archive handlers: "Archivia…" writes the chosen messages into the folder of a chooseFolder
// token, reads the archive back, and only then removes from the server what it holds (when asked);
// importing an archive back stores its messages in "Importati". One run at a time, cancellable.
import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveProgressEvent } from '../../shared/api-keeping';
import { freeArchiveName, importMailArchive, runMailArchive, type RemoveFromServer } from '../keeping';
import type { ArchiveScope } from '../store';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

const RUN_CODE = { empty: 'not-found', cancelled: 'wrong-state', changed: 'io', io: 'io', 'verify-failed': 'io' } as const;
// The reasons say what to do; the domain's detail (which message, the system's error) is not passed on.
const RUN_REASON = {
  empty: 'archive-nothing-selected',
  cancelled: 'archive-cancelled',
  changed: 'archive-message-changed',
  io: 'archive-not-written',
  'verify-failed': 'archive-not-verified',
} as const;

/** The archive handlers. */
export function archiveHandlers(ctx: ApiContext): Pick<Handlers, 'archiveMessages' | 'cancelArchive' | 'importArchive'> {
  const { store, mail } = ctx.services;
  let running: AbortController | null = null;
  const progress = (p: Omit<ArchiveProgressEvent, 'type'>) => ctx.emit({ type: 'archive-progress', ...p });
  const busy = () => fail('wrong-state', 'archive-busy');

  const removeFromServer: RemoveFromServer = async (folderId, messageIds) => {
    const removed = await mail.deleteMessages({ folderId, messageIds, permanently: true });
    return removed.ok ? { ok: true, count: removed.count } : { ok: false, message: removed.message };
  };

  return {
    async archiveMessages(req) {
      const dir = ctx.folders.peek(req.folder);
      if (!dir) return fail('not-found', 'chosen-folder-gone');
      if (running) return busy();
      const scope: ArchiveScope =
        'messageIds' in req.scope
          ? { messageRowIds: req.scope.messageIds }
          : { folderId: req.scope.folderId ?? null, beforeMs: req.scope.before ? Date.parse(`${req.scope.before}T00:00:00Z`) : null };
      const controller = (running = new AbortController());
      try {
        const file = freeArchiveName(dir, new Date());
        const result = await runMailArchive(store, file, {
          scope,
          selection: describe(ctx, scope),
          signal: controller.signal,
          onProgress: progress,
          removeFromServer: req.removeFromServer ? removeFromServer : undefined,
        });
        if (!result.ok) return fail(RUN_CODE[result.code], RUN_REASON[result.code]);
        ctx.folders.revoke(req.folder);
        const { bytes, messages, receipts, verified, removed, notRemoved } = result.value;
        return ok({ fileName: path.basename(result.value.file), bytes, messages, receipts, verified, removed, notRemoved });
      } finally {
        running = null;
      }
    },

    async cancelArchive() {
      running?.abort();
      return ok(null);
    },

    async importArchive(req) {
      if (running) return busy();
      const accountId = req.accountId === undefined ? null : Number(req.accountId);
      if (accountId !== null && !store.listAccounts().some((a) => a.id === accountId)) return fail('not-found', 'account-missing', { accountId: req.accountId ?? '' });
      const name = path.basename(req.name);
      if (!/\.(zip|eml)$/i.test(name)) return fail('unsupported', 'archive-import-wrong-file', { name });
      const controller = (running = new AbortController());
      // The upload goes to a private temporary file, read like any archive on disk, then removed.
      const scratch = fs.mkdtempSync(path.join(ctx.scratchDir(), 'archive-'));
      try {
        const file = path.join(scratch, name);
        await fs.promises.writeFile(file, Buffer.from(req.dataBase64, 'base64'));
        const report = await importMailArchive(store, file, { accountId, signal: controller.signal, onProgress: (done) => progress({ phase: 'importing', done, total: 0 }) });
        if (report.diskFull) return fail('io', 'archive-import-disk-full', { stored: report.stored });
        const { stored, alreadyPresent, sent, changed, failed } = report;
        return ok({ stored, alreadyPresent, sent, changed, failed: failed.map((f) => ({ ...f, name: f.name.startsWith(file) ? name + f.name.slice(file.length) : f.name })) });
      } finally {
        running = null;
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}

/** The selection in words, for the manifest. */
function describe(ctx: ApiContext, scope: ArchiveScope): string {
  if ('messageRowIds' in scope) return `messaggi scelti (${scope.messageRowIds.length})`;
  const before = scope.beforeMs === null ? '' : `, datati prima del ${new Date(scope.beforeMs).toISOString().slice(0, 10)}`;
  if (scope.folderId === null) return `tutte le cartelle${before}`;
  const folder = ctx.services.store.listFolders().find((f) => f.id === scope.folderId);
  const account = folder ? ctx.services.store.listAccounts().find((a) => a.id === folder.accountId)?.address : null;
  return `cartella ${folder?.path ?? scope.folderId}${account ? ` di ${account}` : ''}${before}`;
}
