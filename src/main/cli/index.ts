// `pecdesk` command line: parses the command name and hands the rest to the command's own file.
// Every command returns an exit code; errors a user can cause end as one line on stderr, exit 2.
import { CliError, type CliCommand } from './command';

const commands: Record<string, () => Promise<CliCommand>> = {
  inspect: async () => (await import('./inspect')).inspectCommand,
  import: async () => (await import('./import')).importCommand,
  stats: async () => (await import('./stats')).statsCommand,
  contacts: async () => (await import('./contacts')).contactsCommand,
  campaign: async () => (await import('./send')).campaignCommand,
  providers: async () => (await import('./providers')).providersCommand,
};

function usage(): string {
  return [
    'usage: pecdesk <command> [options]',
    '',
    'commands:',
    '  inspect [--json] FILE.eml            classify a message and verify its PEC signature',
    '  import [--store DIR] [--as-sent] PATH...  store .eml files, folders and .zip archives',
    '  stats [--store DIR] [--json]         D/A/C/E counters of every sent message',
    '  campaign status ID [--store DIR] [--json]    state, D/A/C/E and errors of a bulk send',
    '  campaign export ID OUT.zip [--store DIR]     evidence archive: sent .eml, receipts, report, SHA-256',
    '  contacts import|export|list ...      contacts from and to .xlsx/.csv (`pecdesk contacts` for options)',
    '  providers import FILE.ldif | update [--url URL] | show [--json]   the PEC providers\' index (RFC 6109) [--store DIR]',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`pecdesk: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  const command = await load();
  return command.run(rest, { stdout: process.stdout, stderr: process.stderr });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`pecdesk: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    // A bug, not a user error: still one line, the stack only on request.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`pecdesk: internal error: ${message}\n`);
    if (process.env.PECDESK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 70;
  },
);
