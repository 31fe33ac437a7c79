// `pecdesk stats [--store DIR] [--json]`: the D/A/C/E counters of every sent message in the store
// (Destinatari, Accettazioni, Consegne, Errori, counted in recipients) and how many receipts
// are not linked to a known sent message.
import { defaultStoreDir, hasStore, tryOpenStore } from '../store';
import { CliError, parseArgs, type CliCommand, type CliIO } from './command';

/** The --json output. */
interface StatsReport {
  messages: { messageId: string; subject: string; D: number; A: number; C: number; E: number }[];
  unlinkedReceipts: number;
}

export const statsCommand: CliCommand = {
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positional } = parseArgs(args, { booleans: ['json'], values: ['store'] });
    if (positional.length) throw new CliError(`stats takes no arguments (got ${positional.join(' ')})`);
    const dir = typeof flags.store === 'string' ? flags.store : defaultStoreDir();
    if (!hasStore(dir)) throw new CliError(`no PecDesk store in ${dir} (import messages first)`, 1);
    const opened = tryOpenStore(dir);
    if (!opened.ok) throw new CliError(opened.detail, 1);
    const store = opened.store;
    let report: StatsReport;
    try {
      const messages = store.sentStats().map(({ messageId, subject, D, A, C, E }) => ({ messageId, subject, D, A, C, E }));
      report = { messages, unlinkedReceipts: store.unlinkedReceiptsCount() };
    } finally {
      // The daily backup taken at open finishes before the command ends (closing would abandon it).
      await store.dailyBackup;
      store.close();
    }
    io.stdout.write(flags.json ? JSON.stringify(report) + '\n' : table(report));
    return 0;
  },
};

function table(report: StatsReport): string {
  const header = ['D', 'A', 'C', 'E', 'Subject', 'Message-ID'];
  const rows = report.messages.map((m) => [m.D, m.A, m.C, m.E, m.subject, m.messageId].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Numbers right-aligned, text left-aligned; the last column is not padded.
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 4 ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const out = [line(header), ...rows.map(line)];
  if (!rows.length) out.push('(no sent messages)');
  out.push('', `unlinked receipts: ${report.unlinkedReceipts}`);
  return out.join('\n') + '\n';
}
