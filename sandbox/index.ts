// The PEC sandbox: a local simulator of PEC providers built from real parts — Dovecot for the
// mailboxes (IMAP, LMTP delivery) and smtp-server as the access point — for tests, benchmarks and demos.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SMTPServer } from 'smtp-server';
import { startDovecot, type DovecotServer } from './dovecot';
import { DEFAULT_MAILBOXES, domainOf, numberedMailboxes, SANDBOX_PASSWORD, SANDBOX_QUOTA_BYTES, SLOW_MAILBOX } from './domains';
import { Gestore, type ReceiptDelays, type SlowDelivery } from './gestore/gestore';
import type { SmtpFaultPlan } from './gestore/faults';
import { lmtpDelivery } from './gestore/lmtp';
import { SubmissionLog } from './gestore/log';
import { RATE_LIMIT_PRESETS, type RateLimit } from './gestore/rate-limit';
import { createAccessPoint } from './gestore/smtp';
import { createSandboxPki, type SandboxPki } from './pki';
import { issueServerCert, providerAddress, type PecProvider } from './provider';
import { freePort } from './ports';
import { serveProviderIndex } from './provider-index';

export { DEFAULT_MAILBOXES, numberedMailboxes, ORDINARY_DOMAIN, SANDBOX_PASSWORD, SANDBOX_PROVIDERS, SANDBOX_QUOTA_BYTES, SLOW_MAILBOX } from './domains';
export { createSandboxPki, userPkiCacheDir, type SandboxPki } from './pki';
export { RATE_LIMIT_PRESETS, type RateLimit } from './gestore/rate-limit';
export { FAULT_REPLIES, type SmtpFault, type SmtpFaultPlan } from './gestore/faults';
export type { AcceptedRecord, RejectedRecord, RejectReason, SubmissionLog, SubmissionRecord } from './gestore/log';
export type { ReceiptDelays, SlowDelivery } from './gestore/gestore';
export { sandboxIndexLdif } from './provider-index';

/** A mailbox of the sandbox. `kind` provider = the providers' own posta-certificata@ mailbox. */
export interface SandboxAccount {
  address: string;
  password: string;
  kind: 'pec' | 'ordinary' | 'provider';
  /** The provider's name for PEC mailboxes, null for ordinary ones. */
  provider: string | null;
}

/** How to start a sandbox; every field is optional. */
export interface SandboxOptions {
  /** Data folder (Dovecot mail, pki/, submissions.jsonl), kept after stop; a temp folder removed on stop otherwise. */
  dir?: string;
  /** Certificates to reuse (tests share one per file); else made fresh, or cached in <dir>/pki. */
  pki?: SandboxPki;
  imapPort?: number;
  smtpPort?: number;
  lmtpPort?: number;
  /** Port of the providers' index over HTTP (default: any free one). */
  indexPort?: number;
  /** Password of the predefined mailboxes (default 'sandbox'). */
  password?: string;
  /** More mailboxes, with their own passwords. */
  extraUsers?: { address: string; password?: string }[];
  /** Adds destinatario001…N@pec.beta.test (password as above) for bulk tests. */
  bulkRecipients?: number;
  /** Offer STARTTLS with a certificate for localhost/127.0.0.1 issued by the sandbox CA (default false). */
  starttls?: boolean;
  /** Limit on size × recipients, in bytes, above which a message gets a non-accettazione (default 100 MB, like Aruba). */
  maxSize?: number;
  /** Storage quota of each predefined mailbox in bytes (IMAP QUOTA; default SANDBOX_QUOTA_BYTES). */
  quotaBytes?: number;
  /** RCPT TO limit per message (default 500, like Aruba). */
  maxRecipients?: number;
  /** Delay of the access point's 250 after each message's DATA (default 0): a slow provider. */
  answerDelayMs?: number;
  /** Per-sender limit, or a preset name; default none. */
  rateLimit?: RateLimit | keyof typeof RATE_LIMIT_PRESETS | null;
  /** Clock for the rate limit and log times (tests move it instead of sleeping). */
  now?: () => number;
  delays?: Partial<ReceiptDelays>;
  /** Stalling mailboxes: default lento@pec.beta.test, preavviso after 2 s, no final outcome. */
  slow?: Partial<SlowDelivery>;
  /** Where EICAR is caught (default 'delivery': rilevazione virus + avviso di mancata consegna per virus). */
  virusScan?: 'access' | 'delivery';
  /** Called with failures of background work (default: printed to stderr). */
  onError?: (error: unknown) => void;
}

/** A running sandbox. */
export interface Sandbox {
  imap: { host: string; port: number; secure: false };
  smtp: { host: string; port: number; secure: false; starttls: boolean };
  accounts: SandboxAccount[];
  log: SubmissionLog;
  /** The sandbox CA (PEM): trust it to validate provider signatures, and STARTTLS when on. */
  caCertPem: string;
  pki: SandboxPki;
  providers: PecProvider[];
  dovecot: DovecotServer;
  /** The sandbox's providers' index (RFC 6109 LDIF of its gestori), over loopback HTTP. */
  providerIndexUrl: string;
  dir: string;
  /** Creates a mailbox (Dovecot user + SMTP login); resolves once Dovecot knows it (up to ~1 s). */
  addMailbox(address: string, password?: string): Promise<SandboxAccount>;
  /** Creates several mailboxes at once (one wait for Dovecot instead of one each). */
  addMailboxes(mailboxes: { address: string; password?: string }[]): Promise<SandboxAccount[]>;
  setRateLimit(limit: RateLimit | keyof typeof RATE_LIMIT_PRESETS | null): void;
  /** Faults the access point injects after DATA (stall, dropped connection, 4xx/5xx), per transaction; null for none. */
  setSmtpFaults(plan: SmtpFaultPlan | null): void;
  /** Resolves when every receipt and envelope in progress (including delayed ones) has been delivered. */
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

const MB = 1024 * 1024;

function resolveLimit(limit: SandboxOptions['rateLimit']): RateLimit | null {
  return typeof limit === 'string' ? RATE_LIMIT_PRESETS[limit] : (limit ?? null);
}

// Dovecot's auth and mail processes run as unprivileged users (dovecot, nobody): as root, every folder
// above the data folder must let others through, or logins fail with "Permission denied" in its log.
function blockedAncestor(dir: string): string | null {
  if (process.getuid?.() !== 0) return null;
  for (let p = path.resolve(dir); p !== path.dirname(p); p = path.dirname(p)) {
    if (fs.existsSync(p) && (fs.statSync(p).mode & 0o001) === 0) return p;
  }
  return null;
}

// Dovecot re-reads a changed passwd-file at most once a second (passwd_file_sync() in
// src/auth/db-passwd-file.c), so a user appended now may be unknown for up to a second: ask until it resolves.
async function untilDovecotKnows(dovecot: DovecotServer, address: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      await dovecot.doveadm(['user', address]);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Dovecot does not know the new mailbox ${address}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function listen(server: SMTPServer, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts Dovecot and the SMTP access point with the sandbox providers and mailboxes. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ownDir = !options.dir;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-sandbox-'));
  const blocked = options.dir ? blockedAncestor(path.dirname(path.resolve(options.dir))) : null;
  if (blocked) throw new Error(`Dovecot's unprivileged processes cannot enter ${blocked}: choose a data folder elsewhere (e.g. under /tmp or /srv)`);
  fs.mkdirSync(dir, { recursive: true });
  const pki = options.pki ?? (await createSandboxPki(ownDir ? {} : { dir: path.join(dir, 'pki') }));
  const password = options.password ?? SANDBOX_PASSWORD;
  const accountOf = (address: string, pw: string): SandboxAccount => {
    const provider = pki.providers.find((p) => p.domain === domainOf(address)) ?? null;
    const kind = provider && address.toLowerCase() === providerAddress(provider) ? 'provider' : provider ? 'pec' : 'ordinary';
    return { address: address.toLowerCase(), password: pw, kind, provider: provider?.name ?? null };
  };
  const accounts = [
    ...DEFAULT_MAILBOXES.map((a) => accountOf(a, password)),
    ...numberedMailboxes(options.bulkRecipients ?? 0).map((a) => accountOf(a, password)),
    ...(options.extraUsers ?? []).map((u) => accountOf(u.address, u.password ?? password)),
    ...pki.providers.map((p) => accountOf(providerAddress(p), password)),
  ];
  // The predefined mailboxes have a quota (small for a real provider, ample for any test), so the
  // status bar has one to show; tests tighten it (options.quotaBytes, dovecot.setQuota).
  const quotaBytes = options.quotaBytes ?? SANDBOX_QUOTA_BYTES;
  const users = accounts.map((a) => (DEFAULT_MAILBOXES.includes(a.address) ? { ...a, quotaBytes } : a));
  const dovecot = await startDovecot({ dir: path.join(dir, 'dovecot'), users, imapPort: options.imapPort, lmtpPort: options.lmtpPort }).catch((error: unknown) => {
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const lmtp = lmtpDelivery(dovecot.lmtpPort);
  const log = new SubmissionLog(path.join(dir, 'submissions.jsonl'));
  const maxSize = options.maxSize ?? 100 * MB;
  const gestore = new Gestore({
    providers: pki.providers,
    deliver: lmtp.deliver,
    log,
    maxSize,
    rateLimit: resolveLimit(options.rateLimit),
    now: options.now ?? Date.now,
    delays: { accettazioneMs: options.delays?.accettazioneMs ?? 0, consegnaMs: options.delays?.consegnaMs ?? 0 },
    slow: {
      addresses: (options.slow?.addresses ?? [SLOW_MAILBOX]).map((a) => a.toLowerCase()),
      preavvisoAfterMs: options.slow?.preavvisoAfterMs ?? 2000,
      final: options.slow?.final ?? null,
    },
    virusScan: options.virusScan ?? 'delivery',
    onError: options.onError ?? ((error) => console.error('sandbox:', error)),
  });
  for (const a of accounts) gestore.addMailbox(a.address, a.password);
  let faults: SmtpFaultPlan | null = null;
  const tls = options.starttls ? await issueServerCert(pki.ca, ['localhost']) : null;
  const smtpServer = createAccessPoint(gestore, {
    tls: tls ? { key: tls.keyPem, cert: tls.certPem } : null,
    hardSizeLimit: 2 * maxSize,
    maxRecipients: options.maxRecipients ?? 500,
    answerDelayMs: options.answerDelayMs ?? 0,
    faults: () => faults,
  });
  // A client killed mid-transaction (the bulk-send crash test does exactly that) surfaces as a
  // socket error on the server: report it, never let it take the process down.
  smtpServer.on('error', options.onError ?? ((error) => console.error('sandbox:', error)));
  const smtpPort = options.smtpPort ?? (await freePort());
  try {
    await listen(smtpServer, smtpPort);
  } catch (error) {
    lmtp.close();
    await dovecot.stop();
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const indexServer = await serveProviderIndex(pki.providers, options.indexPort).catch(async (error: unknown) => {
    await new Promise<void>((resolve) => smtpServer.close(() => resolve()));
    lmtp.close();
    await dovecot.stop();
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });

  const addMailboxes = async (mailboxes: { address: string; password?: string }[]): Promise<SandboxAccount[]> => {
    const added = mailboxes.map((m) => accountOf(m.address, m.password ?? password));
    const taken = added.find((a, i) => gestore.hasMailbox(a.address) || added.findIndex((b) => b.address === a.address) !== i);
    if (taken) throw new Error(`mailbox ${taken.address} exists already`);
    for (const account of added) dovecot.addUser(account);
    if (added.length > 0) await untilDovecotKnows(dovecot, added[added.length - 1].address);
    for (const account of added) {
      gestore.addMailbox(account.address, account.password);
      accounts.push(account);
    }
    return added;
  };

  return {
    imap: { host: '127.0.0.1', port: dovecot.imapPort, secure: false },
    smtp: { host: '127.0.0.1', port: smtpPort, secure: false, starttls: tls !== null },
    accounts,
    log,
    caCertPem: pki.ca.certPem,
    pki,
    providers: pki.providers,
    dovecot,
    providerIndexUrl: indexServer.url,
    dir,
    addMailbox: async (address, pw) => (await addMailboxes([{ address, password: pw }]))[0],
    addMailboxes,
    setRateLimit(limit) {
      gestore.setRateLimit(resolveLimit(limit));
    },
    setSmtpFaults(plan) {
      faults = plan;
    },
    whenIdle: () => gestore.tasks.whenIdle(),
    async stop() {
      await indexServer.close();
      await new Promise<void>((resolve) => smtpServer.close(() => resolve()));
      await gestore.tasks.stop();
      lmtp.close();
      await dovecot.stop();
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
