// The access point (punto di accesso): authenticated SMTP submission on loopback, handing every
// message to the gestore. Plaintext AUTH is allowed because it only listens on 127.0.0.1.
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { SmtpFaultPlan } from './faults';
import type { Gestore, SmtpRefusal } from './gestore';

/** How the access point listens and what it refuses at the SMTP level. */
export interface AccessPointOptions {
  /** STARTTLS key and certificate; without them STARTTLS is not offered. */
  tls: { key: string; cert: string } | null;
  /** Above this many bytes DATA is refused with 552 (beyond the non-accettazione range, RFC 6109 §3.1.2). */
  hardSizeLimit: number;
  /** RCPT TO past this count gets 452 (Aruba: 500 recipients per message). */
  maxRecipients: number;
  /** How long the 250 after DATA takes once the message is taken (a provider slow under load); 0 = at once. */
  answerDelayMs?: number;
  /** The fault plan in force (read at every DATA, so a test can change it while running); none by default. */
  faults?: () => SmtpFaultPlan | null;
}

function smtpError(refusal: SmtpRefusal): Error & { responseCode: number } {
  return Object.assign(new Error(refusal.message), { responseCode: refusal.code });
}

function envelopeOf(session: SMTPServerSession): { user: string; mailFrom: string; recipients: string[] } {
  const from = session.envelope.mailFrom;
  return { user: String(session.user), mailFrom: from ? from.address : '', recipients: session.envelope.rcptTo.map((r) => r.address) };
}

/** Creates (does not start) the SMTP server of the sandbox access point. */
export function createAccessPoint(gestore: Gestore, options: AccessPointOptions): SMTPServer {
  const server: SMTPServer = new SMTPServer({
    name: 'smtp.sandbox.test',
    banner: 'PecDesk sandbox PEC access point',
    logger: false,
    // On stop, open client connections get 421 after 1 s instead of the default 30 s.
    closeTimeout: 1000,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { hideSTARTTLS: true, disabledCommands: ['STARTTLS'] }),
    size: options.hardSizeLimit,
    maxRecipients: options.maxRecipients,
    onAuth(auth, _session, callback) {
      const user = auth.username?.toLowerCase() ?? '';
      if (!gestore.login(user, auth.password ?? '')) return callback(smtpError({ code: 535, message: '5.7.8 Error: authentication failed' }));
      callback(null, { user });
    },
    onMailFrom(address, session, callback) {
      const refusal = gestore.checkMailFrom(String(session.user), address.address);
      callback(refusal ? smtpError(refusal) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = envelopeOf(session);
        if (stream.sizeExceeded) {
          // smtp-server itself answers 552; the log still records the refusal.
          gestore.refuseOversize(envelope, `message over ${options.hardSizeLimit} bytes`);
          return callback(null);
        }
        const fault = options.faults?.()?.(envelope) ?? null;
        if (fault?.kind === 'reply') return callback(smtpError(fault));
        // No answer: the client's socket timeout (or smtp-server's own) ends the connection.
        if (fault?.kind === 'stall') return;
        // Taken first, answered later: a client that dies in between never learns the outcome.
        const answer = `2.0.0 Ok: queued as ${gestore.submit(envelope, Buffer.concat(chunks))}`;
        if (fault?.kind === 'drop-after-data') {
          for (const connection of server.connections) if (connection.id === session.id) connection._socket.destroy();
          return;
        }
        if (!options.answerDelayMs) return callback(null, answer);
        setTimeout(() => callback(null, answer), options.answerDelayMs);
      });
    },
  });
  return server;
}
