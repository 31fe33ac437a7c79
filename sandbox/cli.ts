// `npm run sandbox`: runs the PEC sandbox until Ctrl-C and prints ready-to-use account settings.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DOVECOT_MISSING, findDovecot } from './dovecot';
import { isPortFree } from './ports';
import { RATE_LIMIT_PRESETS, SLOW_MAILBOX, startSandbox, type RateLimit, type Sandbox, type SandboxOptions } from './index';

const USAGE = `usage: npm run sandbox -- [options]
  --data DIR              keep mail, certificates and the submission log in DIR (default: a temp folder)
  --imap-port N           IMAP port (default 31143 if free)
  --smtp-port N           SMTP port (default 31025 if free)
  --lmtp-port N           Dovecot's LMTP port, used inside the sandbox (default 31024 if free)
  --starttls              offer STARTTLS on SMTP (certificate from the sandbox CA)
  --rate-limit LIMIT      per-sender limit: "infocert" (6 per minute) or MAX/SECONDS, e.g. 10/60
  --bulk N                add destinatario001..N@pec.beta.test
  --delay-accettazione MS wait before each accettazione
  --delay-consegna MS     wait before each ricevuta di consegna
  --virus-scan WHERE      "delivery" (default) or "access": where the EICAR test string is caught`;

class UsageError extends Error {}
class HelpWanted extends Error {}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} needs a whole number, not "${value}"`);
  return n;
}

function rateLimit(value: string | undefined): RateLimit | null {
  if (value === undefined) return null;
  if (value in RATE_LIMIT_PRESETS) return RATE_LIMIT_PRESETS[value as keyof typeof RATE_LIMIT_PRESETS];
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new UsageError(`--rate-limit must be "infocert" or MAX/SECONDS, not "${value}"`);
  return { max: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

// The documented fixed ports when free, so a mail client configured once keeps working.
async function preferred(port: number | undefined, fallback: number): Promise<number | undefined> {
  if (port !== undefined) return port;
  return (await isPortFree(fallback)) ? fallback : undefined;
}

async function options(argv: string[]): Promise<SandboxOptions> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      'imap-port': { type: 'string' },
      'smtp-port': { type: 'string' },
      'lmtp-port': { type: 'string' },
      starttls: { type: 'boolean' },
      'rate-limit': { type: 'string' },
      bulk: { type: 'string' },
      'delay-accettazione': { type: 'string' },
      'delay-consegna': { type: 'string' },
      'virus-scan': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new HelpWanted();
  const virusScan = values['virus-scan'];
  if (virusScan !== undefined && virusScan !== 'access' && virusScan !== 'delivery') throw new UsageError('--virus-scan must be "access" or "delivery"');
  return {
    dir: values.data ? path.resolve(values.data) : undefined,
    imapPort: await preferred(integer(values['imap-port'], 'imap-port'), 31143),
    smtpPort: await preferred(integer(values['smtp-port'], 'smtp-port'), 31025),
    lmtpPort: await preferred(integer(values['lmtp-port'], 'lmtp-port'), 31024),
    starttls: values.starttls ?? false,
    rateLimit: rateLimit(values['rate-limit']),
    bulkRecipients: integer(values.bulk, 'bulk'),
    delays: { accettazioneMs: integer(values['delay-accettazione'], 'delay-accettazione'), consegnaMs: integer(values['delay-consegna'], 'delay-consegna') },
    virusScan,
  };
}

function describe(sandbox: Sandbox, caPath: string): string {
  const width = Math.max(...sandbox.accounts.map((a) => a.address.length));
  const note = (a: Sandbox['accounts'][number]): string => {
    if (a.kind === 'provider') return `provider mailbox of ${a.provider} (presa in carico, rilevazione virus)`;
    if (a.kind === 'ordinary') return 'ordinary mail (not PEC)';
    return a.address === SLOW_MAILBOX ? `PEC, ${a.provider} — deliveries stall (preavviso di mancata consegna)` : `PEC, ${a.provider}`;
  };
  const security = sandbox.smtp.starttls ? 'STARTTLS (trust the CA below)' : 'none (plain text on 127.0.0.1)';
  const shown = sandbox.accounts.length > 40 ? sandbox.accounts.filter((a) => !/^destinatario\d+@/.test(a.address)) : sandbox.accounts;
  return [
    'PecDesk PEC sandbox is running.',
    '',
    `  IMAP  ${sandbox.imap.host}  port ${sandbox.imap.port}  security: none`,
    `  SMTP  ${sandbox.smtp.host}  port ${sandbox.smtp.port}  security: ${security}, AUTH PLAIN/LOGIN`,
    '  User name = the full address below; password as listed.',
    '',
    ...shown.map((a) => `  ${a.address.padEnd(width)}  ${a.password}  ${note(a)}`),
    ...(shown.length < sandbox.accounts.length ? [`  … and ${sandbox.accounts.length - shown.length} numbered destinatario mailboxes`] : []),
    '',
    `  Providers' index (RFC 6109 LDIF of the sandbox gestori): ${sandbox.providerIndexUrl}`,
    `  CA certificate (trust it to validate the sandbox providers' signatures): ${caPath}`,
    `  Submission log: ${sandbox.log.file}`,
    `  Data folder: ${sandbox.dir}`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  let opts: SandboxOptions;
  try {
    opts = await options(argv);
  } catch (error) {
    if (error instanceof HelpWanted) {
      console.log(USAGE);
      return 0;
    }
    // node:util parseArgs reports unknown or malformed options as TypeError.
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    console.error(error.message);
    console.error(USAGE);
    return 2;
  }
  if (!findDovecot()) {
    console.error(DOVECOT_MISSING);
    return 2;
  }
  const sandbox = await startSandbox(opts);
  // The CA is cached in <data>/pki when --data is given; otherwise written next to the temp data.
  const caPath = path.join(sandbox.dir, 'pki', 'ca.pem');
  if (!fs.existsSync(caPath)) {
    fs.mkdirSync(path.dirname(caPath), { recursive: true });
    fs.writeFileSync(caPath, sandbox.caCertPem);
  }
  console.log(describe(sandbox, caPath));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('\nStopping the sandbox…');
  await sandbox.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
