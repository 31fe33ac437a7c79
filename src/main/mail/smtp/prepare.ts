// Builds the exact bytes of an outgoing message before anything is sent: the caller stores
// them (and the Message-ID) first, so a crash between "stored" and "submitted" can be
// reconciled by Message-ID, and the copy in Sent is byte-for-byte what the provider received.
// PEC rules applied here (DM 2/11/2005, RFC 6109 §3.1.1, see docs/pec-format.md §1.1):
// no Bcc, envelope MAIL FROM = From, RCPT TO = To + Cc, size × recipients within the limit.
import MailComposer from 'nodemailer/lib/mail-composer';
import { z } from 'zod';
import { addressDomain, effectiveLimits, type AccountSettings } from '../../accounts';
import { generateMessageId } from '../../pec';
import { EncodedAttachment } from './encoded-attachments';
import { inlineDataImages } from './inline-images';
import { buildNow } from './mime-now';

const addressSchema = z.union([
  z.string().trim().pipe(z.email()).transform((address) => ({ name: '', address })),
  z.object({ name: z.string().trim().default(''), address: z.string().trim().pipe(z.email()) }),
]);

/** What a caller wants to send; From is always the account itself. */
export const outgoingMessageSchema = z.object({
  to: z.array(addressSchema).default([]),
  cc: z.array(addressSchema).default([]),
  bcc: z.array(addressSchema).default([]),
  subject: z.string().default(''),
  text: z.string().optional(),
  html: z.string().optional(),
  attachments: z
    .array(
      z.union([
        z.object({ filename: z.string().min(1), content: z.instanceof(Buffer), contentType: z.string().min(1).optional() }),
        // A file whose part was built once for many messages (a bulk send): see encoded-attachments.ts.
        z.instanceof(EncodedAttachment),
      ]),
    )
    .default([]),
  /** X-TipoRicevuta: the delivery receipt the sender wants (completa when absent, RFC 6109). */
  receiptVariant: z.enum(['completa', 'breve', 'sintetica']).optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  date: z.date().optional(),
});

/** Input of prepareMessage (addresses as "a@b.it" or {name, address}). */
export type OutgoingMessage = z.input<typeof outgoingMessageSchema>;

/** A message as outgoingMessageSchema gives it (every address as a trimmed {name, address}, defaults filled): prepareCheckedMessage's input. */
export type CheckedMessage = z.output<typeof outgoingMessageSchema>;

/** SMTP envelope: reverse-path and forward-paths, bare addresses. */
export interface Envelope {
  from: string;
  to: string[];
}

/** A message ready to submit: its id (no angle brackets), its bytes, its envelope. */
export interface PreparedMessage {
  messageId: string;
  raw: Buffer;
  envelope: Envelope;
}

/** Over the provider's size × recipients or recipient-count limit, with the numbers. */
export interface TooLarge {
  ok: false;
  code: 'too-large';
  detail: string;
  sizeBytes: number;
  recipientCount: number;
  maxMessageBytes: number | null;
  maxRecipients: number | null;
}

/** Result of prepareMessage. */
export type PrepareResult =
  | { ok: true; message: PreparedMessage }
  | { ok: false; code: 'bcc-forbidden' | 'invalid-message'; detail: string }
  | TooLarge;

const MB = 1_000_000;

/** Checks size × recipients and the recipient count against the account's limits. */
export function checkLimits(settings: AccountSettings, sizeBytes: number, recipients: number): TooLarge | null {
  const { maxMessageBytes, maxRecipients } = effectiveLimits(settings);
  const numbers = { sizeBytes, recipientCount: recipients, maxMessageBytes, maxRecipients };
  if (maxRecipients !== null && recipients > maxRecipients) {
    return { ok: false, code: 'too-large', detail: `${recipients} recipients, the provider accepts at most ${maxRecipients} per message`, ...numbers };
  }
  // Aruba and the regole tecniche count the message once per recipient.
  if (maxMessageBytes !== null && sizeBytes * recipients > maxMessageBytes) {
    const total = ((sizeBytes * recipients) / MB).toFixed(1);
    return {
      ok: false,
      code: 'too-large',
      detail: `${(sizeBytes / MB).toFixed(1)} MB × ${recipients} recipients = ${total} MB, over the provider's ${(maxMessageBytes / MB).toFixed(0)} MB`,
      ...numbers,
    };
  }
  return null;
}

/** Bare addresses in order, each mailbox once (compared case-insensitively). */
function uniqueAddresses(list: { address: string }[]): string[] {
  const byKey = new Map<string, string>();
  for (const { address } of list) if (!byKey.has(address.toLowerCase())) byKey.set(address.toLowerCase(), address);
  return [...byKey.values()];
}

/** Builds the bytes, Message-ID and envelope of a message from the account; refuses what the provider would. */
export async function prepareMessage(settings: AccountSettings, input: OutgoingMessage): Promise<PrepareResult> {
  const parsed = outgoingMessageSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: 'invalid-message', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return prepareParsed(settings, parsed.data);
}

/**
 * prepareMessage for a message its caller built in the schema's output form from data checked
 * already: a bulk send's, whose campaign was checked when drafted and again before it started.
 * Parsing each of its thousand messages again cost about 50 µs apiece, a tenth of the engine's own
 * work per message. The addresses, what differs from one message to the next, are still tested
 * with the schema's own pattern (z.email() is z.regexes.email), whitespace included: one that
 * would not pass the schema is refused here too, never sent.
 */
export async function prepareCheckedMessage(settings: AccountSettings, message: CheckedMessage): Promise<PrepareResult> {
  for (const [field, list] of [['to', message.to], ['cc', message.cc], ['bcc', message.bcc]] as const) {
    const bad = list.find((a) => !z.regexes.email.test(a.address));
    if (bad) return { ok: false, code: 'invalid-message', detail: `${field}: not an e-mail address: ${JSON.stringify(bad.address)}` };
  }
  return prepareParsed(settings, message);
}

async function prepareParsed(settings: AccountSettings, m: CheckedMessage): Promise<PrepareResult> {
  const pec = settings.kind === 'pec';
  if (pec && m.bcc.length > 0) {
    // The access point refuses a message with Bcc (non-accettazione), so we never submit one.
    return { ok: false, code: 'bcc-forbidden', detail: 'PEC does not allow hidden recipients (Bcc/Ccn): put them in To or Cc, or send separate messages.' };
  }
  if (pec && m.to.length === 0) return { ok: false, code: 'invalid-message', detail: 'A PEC message needs at least one recipient in To.' };
  const recipients = uniqueAddresses([...m.to, ...m.cc, ...m.bcc]);
  if (recipients.length === 0) return { ok: false, code: 'invalid-message', detail: 'The message has no recipients.' };

  const messageId = generateMessageId(addressDomain(settings.address));
  const body = m.html === undefined ? null : inlineDataImages(m.html, messageId);
  const composer = new MailComposer({
    from: { name: settings.name, address: settings.address },
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    subject: m.subject,
    text: m.text,
    html: body?.html,
    attachments: [
      ...(body?.images ?? []),
      ...m.attachments.map((a) => (a instanceof EncodedAttachment ? { filename: a.filename, raw: a.part } : { filename: a.filename, content: a.content, contentType: a.contentType })),
    ],
    messageId: `<${messageId}>`,
    date: m.date,
    inReplyTo: m.inReplyTo,
    references: m.references,
    // nodemailer writes the name as "X-Tiporicevuta": field names are case-insensitive
    // (RFC 5322 §1.2.2) and Aruba and Sogei emit that very spelling on their envelopes.
    headers: m.receiptVariant ? { 'X-TipoRicevuta': m.receiptVariant } : {},
    // SMTP and the stored copy need CRLF (RFC 5321 §2.3.8); content is given as bytes, never
    // as a path or URL nodemailer would go and read.
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  // Written in one pass where it can be (mime-now.ts: the same bytes), else by nodemailer's streams.
  const root = composer.compile();
  let raw = buildNow(root) ?? (await root.build());
  // The DATA terminator needs the message to end with CRLF; nodemailer would add it on the
  // wire, so add it here and the stored bytes stay exactly the bytes the server receives.
  if (!raw.subarray(-2).equals(Buffer.from('\r\n'))) raw = Buffer.concat([raw, Buffer.from('\r\n')]);

  const tooLarge = checkLimits(settings, raw.length, recipients.length);
  if (tooLarge) return tooLarge;
  return { ok: true, message: { messageId, raw, envelope: { from: settings.address, to: recipients } } };
}
