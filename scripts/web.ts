// `npm run web [-- --sandbox]`: builds the renderer, starts the PecDesk core with the dev/test web
// bridge, and prints the URL to open in a browser. With --sandbox it also starts the PEC sandbox,
// configures its mailboxes and sends demo PEC through it: PecDesk working in one command.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { traceLaunch } from '../src/main/diagnostics';
import { launchWebApp } from '../src/main/webbridge/launch';

const USAGE = `usage: npm run web -- [options]
  --sandbox      start the PEC sandbox, configure its accounts and send demo PEC (needs Dovecot)
  --no-index     with --sandbox: do not import the sandbox's providers' index (PecDesk before one is imported)
  --mailbox-quota BYTES  with --sandbox: the storage quota of its mailboxes (default 500 MB)
  --data DIR     data folder (default: PecDesk's own; a temporary one with --sandbox)
  --port N       port of the web bridge on 127.0.0.1 (default: a free one)
  --save-dir DIR folder proposed by "Salva tutti"
  --master-password  keep passwords behind a master password (as the app does without a keychain)
  --no-build     serve dist/renderer as it is
  --json         print one JSON line with the URL and settings (for scripts and tests)
A SIGUSR2 to this process restarts the engine as after a crash (the page shows its banner).`;

const root = path.resolve(__dirname, '..');

function buildRenderer(): void {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const res = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('the renderer build failed (vite build)');
}

async function main(): Promise<void> {
  traceLaunch('scripts/web.ts loaded');
  const { values } = parseArgs({
    options: {
      sandbox: { type: 'boolean' },
      'no-index': { type: 'boolean' },
      'mailbox-quota': { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      'save-dir': { type: 'string' },
      'master-password': { type: 'boolean' },
      'no-build': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // The sandbox configures its accounts with their passwords at start, which a locked store cannot take.
  if (values.sandbox && values['master-password']) throw new Error('--master-password cannot go with --sandbox: start without --sandbox to try the master password');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`--port needs a port number, not "${values.port}"`);
  const quota = values['mailbox-quota'] === undefined ? undefined : Number(values['mailbox-quota']);
  if (quota !== undefined && !(Number.isSafeInteger(quota) && quota >= 1024)) throw new Error(`--mailbox-quota needs a number of bytes (1024 or more), not "${values['mailbox-quota']}"`);
  const staticDir = path.join(root, 'dist', 'renderer');
  if (!values['no-build']) buildRenderer();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist/renderer is missing: run without --no-build');

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const app = await launchWebApp({
    staticDir,
    dataDir: values.data,
    port,
    sandbox: values.sandbox,
    sandboxIndex: !values['no-index'],
    sandboxQuotaBytes: quota,
    saveDir: values['save-dir'],
    masterPassword: values['master-password'],
    version,
    log,
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log('Chiusura…');
    void app.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGUSR2', () => void app.engine.restart('SIGUSR2 a npm run web'));

  if (values.json) {
    const sandbox = app.sandbox && { imapPort: app.sandbox.imap.port, smtpPort: app.sandbox.smtp.port, accounts: app.sandbox.accounts, providerIndexUrl: app.sandbox.providerIndexUrl };
    process.stdout.write(`${JSON.stringify({ url: app.url, dataDir: app.dataDir, saveDir: app.saveDir, sandbox })}\n`);
  } else {
    process.stdout.write(`\nPecDesk è pronto: apri nel browser\n\n  ${app.url}\n\n(Ctrl-C per chiudere)\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`pecdesk web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
