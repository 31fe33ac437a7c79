// "Salva .eml": a message saved as the file it is, byte for byte as the provider sent it (checked
// against its SHA-256 on the way out of the store). A lawyer files the .eml of the accettazione
// and of the avvenuta consegna as proof of a notification by PEC (L. 53/1994 art. 3-bis and the
// PCT technical rules require the receipts in their original format, with their signature intact):
// anything re-serialised, printed or converted would no longer verify.
import { saveIntoFolder } from './attachments';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import type { LoadedMessage } from '../mail';
import { loadMessage } from './load';

/**
 * The file name a message is saved under: its subject as the provider wrote it (receipts say
 * "ACCETTAZIONE: …", "CONSEGNA: …"), with the recipient of a delivery receipt, since one message
 * to several recipients brings one consegna each with the same subject. saveFiles sanitizes it.
 */
export function messageFileName(message: LoadedMessage): string {
  const analysis = message.analysis;
  const subject = analysis?.outer.subject || message.content.outer.subject || 'messaggio';
  const recipient = analysis?.receipt?.deliveredTo;
  return `${recipient && !subject.includes(recipient) ? `${subject} - ${recipient}` : subject}.eml`;
}

/** The handler that saves a message as .eml. */
export function messageFileHandlers(ctx: ApiContext): Pick<Handlers, 'saveMessage'> {
  return {
    async saveMessage(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      return saveIntoFolder(ctx, req.folder, [{ name: messageFileName(loaded.value), content: loaded.value.raw }], req.overwrite);
    },
  };
}
