// Delivery into Dovecot mailboxes over LMTP (RFC 2033), the way a real provider's delivery point
// stores mail: raw bytes, one recipient per transaction, never through IMAP APPEND.
import nodemailer from 'nodemailer';

/** Puts raw bytes into one mailbox's INBOX. */
export type Deliver = (envelopeFrom: string, to: string, raw: Buffer) => Promise<void>;

/** A pooled LMTP client to Dovecot on 127.0.0.1:`port`. */
export function lmtpDelivery(port: number): { deliver: Deliver; close: () => void } {
  const transport = nodemailer.createTransport({ lmtp: true, pool: true, maxConnections: 2, host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    async deliver(envelopeFrom, to, raw) {
      await transport.sendMail({ envelope: { from: envelopeFrom, to: [to] }, raw });
    },
    close: () => transport.close(),
  };
}
