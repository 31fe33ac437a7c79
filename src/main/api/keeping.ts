// The keeping handlers: "Importati", the local folder of the messages brought in from files,
// keeping an .eml the user opened from disk (until then it lives only in memory, OpenedFiles), and
// the notification settings.
import { isSignedFileName } from '../attachments';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { pageView } from './messages';
import type { Notifier } from './notifier';
import { fail, ok } from './result';

/** The keeping handlers. */
export function keepingHandlers(ctx: ApiContext, notifier: Notifier): Pick<Handlers, 'getImportedFolder' | 'listImported' | 'keepOpenedFile' | 'getNotificationSettings' | 'setNotificationSettings'> {
  const { store } = ctx.services;
  return {
    async getImportedFolder() {
      return ok(store.importedSummary());
    },

    async listImported(req) {
      return ok(pageView(store, store.listMessages({ folderId: null, ...req }), store.listFolders()));
    },

    async keepOpenedFile(req) {
      const file = ctx.files.get(req.fileId);
      if (!file) return fail('not-found', 'opened-file-gone-keep');
      // A signed document is shown wrapped in a message PecDesk made up: those bytes are no one's evidence.
      if (isSignedFileName(file.name)) return fail('unsupported', 'keep-signed-document', { name: file.name });
      const stored = await store.importMessage(file.raw, { importedFrom: 'opened' });
      // The only refusal is a write that failed: its detail is the system's error.
      if (!stored.ok) return fail('io', 'keep-not-stored', { name: file.name, cause: stored.detail });
      return ok({ messageId: stored.messageRowId, created: stored.status === 'stored' });
    },

    async getNotificationSettings() {
      return ok(notifier.settings.get());
    },

    async setNotificationSettings(req) {
      notifier.settings.set(req);
      // A shorter wait may already be over for PEC sent earlier.
      notifier.checkMissing();
      return ok(notifier.settings.get());
    },
  };
}
