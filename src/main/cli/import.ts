// `pecdesk import [--store DIR] [--account ADDRESS] [--as-sent] [--json] PATH...`: files .eml
// files, folders of them (recursively) and .zip archives of them into the store, then prints what
// happened to each. A receipt links only to messages sent from the account whose mailbox it came
// from: --account names it; without it, the store's only account, or none when the store has no
// account (files then link only to sent messages imported without one); a store with several
// accounts needs --account.
// Archives are read by keeping/'s finder (messages-in.ts): entries only ever read into memory, sizes capped.
import fs from 'node:fs';
import { findMessages } from '../keeping';
import { defaultStoreDir, isDiskFull, tryOpenStore, type Store } from '../store';
import { CliError, diskFullError, parseArgs, type CliCommand, type CliIO } from './command';

/** What the import did, as printed (--json prints this object). */
interface ImportReport {
  stored: number;
  alreadyPresent: number;
  unreadable: number;
  unreadableFiles: { name: string; reason: string }[];
  failed: { name: string; reason: string }[];
  /** The import stopped because the disk is full. */
  diskFull?: boolean;
}

export const importCommand: CliCommand = {
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positional } = parseArgs(args, { booleans: ['as-sent', 'json'], values: ['store', 'account'] });
    if (positional.length === 0) throw new CliError('import needs at least one PATH (.eml file, folder or .zip)');
    for (const p of positional) if (!fs.existsSync(p)) throw new CliError(`${p}: no such file or folder`);
    const dir = typeof flags.store === 'string' ? flags.store : defaultStoreDir();
    const opened = tryOpenStore(dir);
    if (!opened.ok) throw opened.code === 'disk-full' ? diskFullError(dir) : new CliError(opened.detail, 1);
    const store = opened.store;
    try {
      const accountId = accountOf(store, typeof flags.account === 'string' ? flags.account : null);
      const report = await importAll(store, positional, flags['as-sent'] === true, accountId);
      // Every later file would fail the same way: stop at the first and say what was done.
      if (report.diskFull) throw diskFullError(dir, ` (stored before the disk filled: ${report.stored})`);
      io.stdout.write(flags.json ? JSON.stringify(report) + '\n' : describe(report, flags['as-sent'] === true));
      return report.failed.length ? 1 : 0;
    } finally {
      // The daily backup taken at open finishes before the command ends (closing would abandon it).
      await store.dailyBackup;
      store.close();
    }
  },
};

/** The account the files come from (see the head of this file). */
function accountOf(store: Store, address: string | null): number | null {
  const accounts = store.listAccounts();
  if (address !== null) {
    const account = accounts.find((a) => a.address.toLowerCase() === address.trim().toLowerCase());
    if (!account) {
      const known = accounts.length ? `accounts in this store: ${accounts.map((a) => a.address).join(', ')}` : 'this store has no accounts';
      throw new CliError(`no account ${address} (${known})`);
    }
    return account.id;
  }
  if (accounts.length > 1) {
    throw new CliError(`this store has ${accounts.length} accounts: say which mailbox the files come from with --account ADDRESS (${accounts.map((a) => a.address).join(', ')})`);
  }
  return accounts[0]?.id ?? null;
}

async function importAll(store: Store, paths: string[], asSent: boolean, accountId: number | null): Promise<ImportReport> {
  const report: ImportReport = { stored: 0, alreadyPresent: 0, unreadable: 0, unreadableFiles: [], failed: [] };
  for (const p of paths) {
    for await (const found of findMessages(p)) {
      const name = printable(found.name);
      if ('error' in found) {
        report.failed.push({ name, reason: found.error });
      } else if (asSent) {
        const result = await store.importSentMessage(found.raw, accountId ?? undefined);
        if (!result.ok && isDiskFull(result.detail)) return { ...report, diskFull: true };
        if (!result.ok) report.failed.push({ name, reason: `${result.code}: ${result.detail}` });
        else if (result.created) report.stored++;
        else report.alreadyPresent++;
      } else {
        const result = await store.importMessage(found.raw, { accountId, importedFrom: 'file' });
        if (!result.ok && isDiskFull(result.detail)) return { ...report, diskFull: true };
        if (!result.ok) {
          report.failed.push({ name, reason: `${result.code}: ${result.detail}` });
          continue;
        }
        if (result.status === 'stored') report.stored++;
        else report.alreadyPresent++;
        if (result.unreadable) {
          const message = store.getMessage(result.messageRowId);
          report.unreadable++;
          report.unreadableFiles.push({ name, reason: `${message?.unreadableCode}: ${message?.unreadableDetail}` });
        }
      }
    }
  }
  return report;
}

function describe(report: ImportReport, asSent: boolean): string {
  const lines = [
    asSent
      ? `sent messages recorded: ${report.stored}, already recorded: ${report.alreadyPresent}`
      : `stored: ${report.stored}, already present: ${report.alreadyPresent}, unreadable (stored and flagged): ${report.unreadable}`,
  ];
  for (const u of report.unreadableFiles) lines.push(`unreadable: ${u.name} (${u.reason})`);
  for (const f of report.failed) lines.push(`not imported: ${f.name} (${f.reason})`);
  return lines.join('\n') + '\n';
}

/** A name from a file system or an archive, safe to print on a terminal (no control characters). */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
