// A real smtp-server for the SMTP and account tests: AUTH PLAIN/LOGIN, optional STARTTLS or
// implicit TLS with a self-signed certificate, and hooks to answer MAIL FROM / RCPT TO / DATA
// with the errors real providers give. It records the exact bytes it received.
import crypto from 'node:crypto';
import forge from 'node-forge';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { freePort } from '../../../../sandbox/ports';

/** A self-signed certificate for localhost and 127.0.0.1, PEM. */
export interface TestCert {
  key: string;
  cert: string;
}

/** Makes a self-signed certificate (SAN DNS:localhost, IP:127.0.0.1). */
export function makeSelfSignedCert(): TestCert {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01' + crypto.randomBytes(8).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: 'localhost' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { key: keyPem, cert: forge.pki.certificateToPem(cert) };
}

/** An SMTP reply an error hook answers with, e.g. { code: 550, text: '5.1.1 no such user' }. */
export interface Reply {
  code: number;
  text: string;
}

/** What the test server received for one accepted message. */
export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

/** How the test server behaves. */
export interface TestSmtpOptions {
  users?: Record<string, string>;
  /** 'starttls': plaintext with STARTTLS offered; 'tls': implicit TLS; 'none': no TLS at all. */
  tls?: 'starttls' | 'tls' | 'none';
  cert?: TestCert;
  /** SIZE announced in EHLO (RFC 1870). */
  size?: number;
  onMailFrom?: (address: string) => Reply | null;
  onRcptTo?: (address: string) => Reply | null;
  onData?: (raw: Buffer) => Reply | null;
  /** The client sent DATA and the server started reading the message (before its final "."). */
  onDataStart?: () => void;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  port: number;
  received: ReceivedMessage[];
  close(): Promise<void>;
}

function replyError(reply: Reply): Error {
  return Object.assign(new Error(reply.text), { responseCode: reply.code });
}

/** Starts an smtp-server on a free loopback port. */
export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const users = options.users ?? {};
  const mode = options.tls ?? 'none';
  const received: ReceivedMessage[] = [];
  const answer = (reply: Reply | null | undefined, cb: (err?: Error | null) => void) => cb(reply ? replyError(reply) : null);
  const server = new SMTPServer({
    secure: mode === 'tls',
    ...(mode !== 'none' && options.cert ? { key: options.cert.key, cert: options.cert.cert } : {}),
    hideSTARTTLS: mode === 'none',
    disabledCommands: mode === 'none' ? ['STARTTLS'] : [],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    size: options.size,
    onAuth(auth, _session, cb) {
      if (users[auth.username ?? ''] !== undefined && users[auth.username ?? ''] === auth.password) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onMailFrom(address: SMTPServerAddress, _s: SMTPServerSession, cb) {
      answer(options.onMailFrom?.(address.address), cb);
    },
    onRcptTo(address: SMTPServerAddress, _s: SMTPServerSession, cb) {
      answer(options.onRcptTo?.(address.address), cb);
    },
    onData(stream, session, cb) {
      options.onDataStart?.();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        // smtp-server leaves the verdict on an over-SIZE message to onData; real servers say 552.
        const tooBig = (stream as { sizeExceeded?: boolean }).sizeExceeded ? { code: 552, text: '5.3.4 Message size exceeds fixed maximum message size' } : null;
        const reply = tooBig ?? options.onData?.(raw);
        if (reply) return cb(replyError(reply));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb(null);
      });
    },
  });
  server.on('error', () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
