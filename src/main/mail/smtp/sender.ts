// Submits prepared messages over a pooled, authenticated SMTP connection and answers with a
// typed result. The bytes go out exactly as prepareMessage built them (nodemailer `raw`).
import nodemailer from 'nodemailer';
import type { SMTPPoolOptions } from 'nodemailer/lib/smtp-pool';
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
  readonly warnings: string[];
  /** prepareMessage with this sender's account. */
  prepare(input: OutgoingMessage): Promise<PrepareResult>;
  /** Submits a prepared message; never throws for server or network errors. */
  send(message: PreparedMessage): Promise<SendResult>;
  /** Closes the pooled connections. */
  close(): void;
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

  async function send(message: PreparedMessage): Promise<SendResult> {
    // A message prepared earlier (e.g. reloaded after a crash) must still obey the PEC envelope rule.
    if (settings.kind === 'pec' && message.envelope.from.toLowerCase() !== settings.address.toLowerCase()) {
      return { ok: false, code: 'invalid-message', detail: `PEC requires the envelope sender to be ${settings.address}, not ${message.envelope.from}` };
    }
    const tooLarge = checkLimits(settings, message.raw.length, message.envelope.to.length);
    if (tooLarge) return tooLarge;
    try {
      const info = await transport.sendMail({ envelope: { from: message.envelope.from, to: message.envelope.to }, raw: message.raw });
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
