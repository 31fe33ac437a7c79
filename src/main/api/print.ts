// Printing a stored message and "Salva come PDF": the desktop host renders the print view in a
// hidden window (webContents.print / printToPDF); the browser build prints from the page itself.
import { sanitizeFileName } from '../attachments';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

/** The print handler. */
export function printHandlers(ctx: ApiContext): Pick<Handlers, 'printMessage'> {
  return {
    async printMessage(req) {
      const message = ctx.services.store.getMessage(req.messageId);
      if (!message) return fail('not-found', 'message-missing', { messageId: req.messageId });
      if (!ctx.host.printMessage) return fail('unsupported', 'browser-cannot-print');
      if (!req.pdf) {
        await ctx.host.printMessage(req.messageId, null);
        return ok({ kind: 'printed' });
      }
      const name = `${sanitizeFileName(message.displaySubject || 'messaggio', 'messaggio')}.pdf`;
      const file = ctx.host.chooseSaveFile ? await ctx.host.chooseSaveFile(name) : null;
      if (!file) return ok({ kind: 'cancelled' });
      await ctx.host.printMessage(req.messageId, file);
      return ok({ kind: 'saved', path: file });
    },
  };
}
