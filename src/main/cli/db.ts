// `pecdesk db check|restore|reindex`: is the database sound, put the latest good backup in place
// of a damaged one, and file again the stored messages it does not know (newer than the backup).
import fs from 'node:fs';
import path from 'node:path';
import {
  checkStoreFile, defaultStoreDir, listBackups, openStore, reindexRawFiles, restoreStore, setAside, StoreDamagedError, unindexedRawFiles, type Store,
} from '../store';
import { CliError, parseArgs, type CliCommand, type CliIO } from './command';

const USAGE = 'usage: pecdesk db check [--store DIR] [--full] | db restore [--from FILE] [--store DIR] | db reindex [--store DIR]';

export const dbCommand: CliCommand = {
  async run(args: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = args;
    if (sub === 'check') return check(rest, io);
    if (sub === 'restore') return restore(rest, io);
    if (sub === 'reindex') return reindex(rest, io);
    throw new CliError(sub ? `unknown db command "${sub}"\n${USAGE}` : USAGE);
  },
};

function storeDirOf(flags: Record<string, string | boolean>): string {
  return typeof flags.store === 'string' ? flags.store : defaultStoreDir();
}

function noArguments(positional: string[], command: string): void {
  if (positional.length) throw new CliError(`db ${command} takes no arguments (got ${positional.join(' ')})`);
}

/** quick_check (integrity_check with --full): exit 0 when sound, 1 when damaged. */
function check(args: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(args, { booleans: ['full'], values: ['store'] });
  noArguments(positional, 'check');
  const dir = storeDirOf(flags);
  if (!fs.existsSync(path.join(dir, 'pecdesk.sqlite')) && !fs.existsSync(path.join(dir, 'raw'))) throw new CliError(`no PecDesk store in ${dir}`, 1);
  const problem = checkStoreFile(dir, flags.full === true);
  if (problem) {
    io.stderr.write(`pecdesk: ${problem.detail}\n`);
    return 1;
  }
  io.stdout.write(`ok: ${path.join(dir, 'pecdesk.sqlite')} passed ${flags.full ? 'integrity_check' : 'quick_check'}\n`);
  return 0;
}

/** The newest backup that passes integrity_check (or --from), the damaged file kept aside. */
async function restore(args: string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(args, { values: ['store', 'from'] });
  noArguments(positional, 'restore');
  const dir = storeDirOf(flags);
  const result = restoreStore(dir, typeof flags.from === 'string' ? flags.from : undefined);
  for (const skipped of result.skipped) io.stderr.write(`pecdesk: backup not used, it is damaged: ${skipped.detail}\n`);
  if (!result.ok) throw new CliError(`${result.detail}: nothing was changed`, 1);
  const lines = [`restored from ${result.from}`];
  if (result.damagedKeptAs) lines.push(`the previous database is kept as ${result.damagedKeptAs}`);
  const store = open(dir);
  try {
    const missing = unindexedRawFiles(store).length;
    lines.push(
      missing
        ? `${missing} stored messages are newer than the backup: run \`pecdesk db reindex${flags.store ? ` --store ${dir}` : ''}\` to bring them back`
        : 'every stored message is in the restored database',
    );
  } finally {
    await store.dailyBackup;
    store.close();
  }
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/**
 * Files again the raw messages the database does not know. A database that is missing, 0 bytes,
 * or damaged with no backup to restore is set aside and rebuilt from the raw messages.
 */
async function reindex(args: string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(args, { values: ['store'] });
  noArguments(positional, 'reindex');
  const dir = storeDirOf(flags);
  const lost = checkStoreFile(dir);
  // A backup keeps what the raw messages cannot tell (accounts, contacts, campaigns): restore it first.
  if (lost?.code === 'db-damaged' && listBackups(dir).length > 0) throw new CliError(`${lost.detail}, then run db reindex`, 1);
  const kept = lost && lost.code !== 'db-missing' ? setAside(dir) : null;
  const store = open(dir, true);
  try {
    const report = await reindexRawFiles(store);
    const lines = [];
    if (kept) lines.push(`the unusable database is kept as ${kept}; a new one was built from the stored messages`);
    lines.push(`messages filed again: ${report.messages}, sent messages recorded again: ${report.sent}`);
    for (const f of report.failed) lines.push(`not filed: ${f.relPath}${f.relPath.endsWith('.pack') ? ` (message ${f.sha256})` : ''} (${f.reason})`);
    io.stdout.write(lines.join('\n') + '\n');
    return report.failed.length ? 1 : 0;
  } finally {
    await store.dailyBackup;
    store.close();
  }
}

function open(dir: string, rebuild = false): Store {
  try {
    return openStore(dir, { rebuild });
  } catch (err) {
    if (err instanceof StoreDamagedError) throw new CliError(err.message, 1);
    throw err;
  }
}
