// A .p7m opened on its own (the OS "open with", File ▸ Open, drag and drop) is shown as a message
// holding that one attachment: the reader already shows a .p7m attachment's document and signers
// and can open or save the document, so an opened file needs no second viewer.
import MailComposer from 'nodemailer/lib/mail-composer';
import { extractSignedDocument } from './p7m';

/** Whether a file opened from disk is a signed document rather than a mail message (by its name). */
export function isSignedFileName(filename: string): boolean {
  return /\.p7m$/i.test(filename);
}

/** The message bytes that carry a .p7m as their only attachment, or null when it is not a signed document. */
export async function signedFileAsMessage(data: Buffer, filename: string): Promise<Buffer | null> {
  if (!(await extractSignedDocument(data, filename))) return null;
  const composer = new MailComposer({
    subject: filename,
    // A fixed date keeps the bytes (and so the per-message choices keyed on their hash) stable.
    date: new Date(0),
    attachments: [{ filename, content: data, contentType: 'application/pkcs7-mime' }],
  });
  return composer.compile().build();
}
