// Attachments encoded once for many messages. A bulk send puts the same files in every message:
// prepareMessage would base64-encode them again for each recipient (most of the cost of building
// a message with a file attached). encodeAttachments builds each file's MIME part once, with
// nodemailer itself, and prepareMessage puts those exact bytes in place of the file (nodemailer's
// `raw` part), so every message is byte for byte what it would be with the file given as content.
import MailComposer from 'nodemailer/lib/mail-composer';
import { detectMimeType } from 'nodemailer/lib/mime-funcs';

/** A file as a message carries it, its MIME part already built. */
export class EncodedAttachment {
  constructor(
    readonly filename: string,
    /** The part's headers and base64 body, CRLF line ends, as nodemailer writes it inside the message. */
    readonly part: Buffer,
  ) {}
}

/** A file to attach, as prepareMessage takes it. */
export interface AttachmentInput {
  filename: string;
  content: Buffer;
  contentType?: string;
}

// The options prepareMessage composes with that shape an attachment's part.
const PART_OPTIONS = { newline: 'win', disableFileAccess: true, disableUrlAccess: true } as const;

/**
 * The attachments with their parts built, in order. A message/* file (a forwarded .eml) stays as
 * given: nodemailer does not encode it, so its part could not be told apart from the line end
 * written after it, and a built part must be exactly the bytes written inside the message.
 */
export async function encodeAttachments(attachments: AttachmentInput[]): Promise<(EncodedAttachment | AttachmentInput)[]> {
  const encodable = attachments.filter((a) => !/^message\//i.test(a.contentType ?? detectMimeType(a.filename)));
  if (encodable.length === 0) return attachments;
  // One message holding the files: its parts after the text are theirs, built as in any message.
  const root = new MailComposer({ ...PART_OPTIONS, text: '-', attachments: encodable.map((a) => ({ ...a })) }).compile();
  const parts = await Promise.all(root.childNodes.slice(1).map((node) => node.build()));
  const byInput = new Map(encodable.map((a, i) => [a, parts[i]]));
  return attachments.map((a) => {
    const part = byInput.get(a);
    // build() ends a part with a line end of its own; inside a message the boundary's comes next.
    return part ? new EncodedAttachment(a.filename, part.subarray(0, part.length - 2)) : a;
  });
}
