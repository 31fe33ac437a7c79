// Submits prepared messages over a pooled, authenticated SMTP connection and answers with a
// typed result. The bytes go out exactly as prepareMessage built them (nodemailer `raw`).
//
// A caller that must record something durably before the provider may take the message (the
// bulk send's claim) passes that as `holdEnd`: the SMTP transaction runs meanwhile (MAIL FROM,
// RCPT TO, DATA and the bytes), and only the final "." that makes the provider take the message
// waits for it. Should it fail, the bytes' stream fails instead: nodemailer closes the connection
// without the ".", and a server discards a DATA that was never ended (RFC 5321 §4.1.1.4).
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { SMTPPoolOptions } from 'nodemailer/lib/smtp-pool';
import type { SecurityWarning } from '../../../shared/api-values';
import { securityWarnings, smtpOptions, type AccountSettings, type ConnectOptions } from '../../accounts';
import { classifySendError, rejectedRecipient, type RejectedRecipient, type SendFailure } from './classify';
import { checkLimits, prepareMessage, type OutgoingMessage, type PrepareResult, type PreparedMessage } from './prepare';

/** The server took the message for at least one recipient. */
export interface SendSuccess {
  ok: true;
  messageId: string;
  accepted: string[];
  /** Recipients refused while others were accepted. */
  rejected: RejectedRecipient[];
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as …". */
  response: string;
}

/** Result of SmtpSender.send. */
export type SendResult = SendSuccess | SendFailure;

/** Options of createSmtpSender: connection options plus the pool size. */
export interface SenderOptions extends ConnectOptions {
  /** Parallel SMTP connections (default 1: PEC providers throttle per mailbox anyway). */
  maxConnections?: number;
}

/** An open SMTP pool for one account. */
export interface SmtpSender {
  /** Settings that work but are unsafe (plaintext off loopback), in plain words. */
  readonly warnings: SecurityWarning[];
  /** prepareMessage with this sender's account. */
  prepare(input: OutgoingMessage): Promise<PrepareResult>;
  /**
   * Submits a prepared message; never throws for server or network errors. With `holdEnd`, the
   * message is ended (and so can be taken) only once it resolves, never if it rejects.
   */
  send(message: PreparedMessage, holdEnd?: Promise<void>): Promise<SendResult>;
  /** Closes the pooled connections. */
  close(): void;
}

/** The bytes as a stream that ends once `holdEnd` resolves, and fails (no end) if it rejects. */
function heldBack(raw: Buffer, holdEnd: Promise<void>): Readable {
  const stream = new Readable({ read: () => undefined });
  // nodemailer listens while it sends; a failure after it stopped (the server refused the
  // recipients first) must not become an uncaught error of the whole process.
  stream.on('error', () => undefined);
  stream.push(raw);
  holdEnd.then(
    () => stream.push(null),
    (err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))),
  );
  return stream;
}

function bareAddress(a: string | { address: string }): string {
  return typeof a === 'string' ? a : a.address;
}

/** Opens a pooled SMTP sender for an account (connections are made on first send). */
export function createSmtpSender(settings: AccountSettings, password: string, opts: SenderOptions = {}): SmtpSender {
  const poolOptions: SMTPPoolOptions & { pool: true } = {
    ...smtpOptions(settings.smtp, password, opts),
    pool: true,
    maxConnections: opts.maxConnections ?? 1,
    maxMessages: 100,
  };
  const transport = nodemailer.createTransport(poolOptions);

  async function send(message: PreparedMessage, holdEnd?: Promise<void>): Promise<SendResult> {
    // A message prepared earlier (e.g. reloaded after a crash) must still obey the PEC envelope rule.
    if (settings.kind === 'pec' && message.envelope.from.toLowerCase() !== settings.address.toLowerCase()) {
      return { ok: false, code: 'invalid-message', detail: `PEC requires the envelope sender to be ${settings.address}, not ${message.envelope.from}` };
    }
    const tooLarge = checkLimits(settings, message.raw.length, message.envelope.to.length);
    if (tooLarge) return tooLarge;
    try {
      const raw = holdEnd ? heldBack(message.raw, holdEnd) : message.raw;
      // The Message-ID given, nodemailer does not draw one of its own for its log (the raw bytes go as they are).
      const info = await transport.sendMail({ envelope: { from: message.envelope.from, to: message.envelope.to }, raw, messageId: `<${message.messageId}>` });
      const rejectedErrors = (info as { rejectedErrors?: unknown[] }).rejectedErrors ?? [];
      return {
        ok: true,
        messageId: message.messageId,
        accepted: info.accepted.map(bareAddress),
        rejected: rejectedErrors.map(rejectedRecipient),
        response: info.response,
      };
    } catch (err) {
      return classifySendError(err, settings.smtp);
    }
  }

  return {
    warnings: securityWarnings(settings),
    prepare: (input) => prepareMessage(settings, input),
    send,
    close: () => transport.close(),
  };
}
