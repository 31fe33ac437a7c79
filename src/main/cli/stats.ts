// `pecdesk stats [--store DIR] [--json]`: the D/A/C/E counters of every sent message in the store
// (Destinatari, Accettazioni, Consegne, Errori, counted in recipients, from receipts that are
// proof only), how many receipts are not linked to a known sent message, how many stored receipts
// have each verdict (attendibile, integra, alterata, non firmata) and how many are to verify.
import type { TrustLevel } from '../../shared/trust';
import { defaultStoreDir, hasStore, tryOpenStore } from '../store';
import { CliError, parseArgs, type CliCommand, type CliIO } from './command';

/** The --json output. */
interface StatsReport {
  messages: { messageId: string; subject: string; D: number; A: number; C: number; E: number }[];
  unlinkedReceipts: number;
  /** Stored receipts per verdict level ('unjudged': stored before verdicts existed). */
  receiptLevels: Record<TrustLevel | 'unjudged', number>;
  /** Receipts not counted as proof for a reason to look at ("Ricevute da verificare"). */
  receiptsToVerify: number;
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
      report = {
        messages,
        unlinkedReceipts: store.unlinkedReceiptsCount(),
        receiptLevels: store.receiptLevels(),
        receiptsToVerify: store.receiptsToVerify(0, 1).total,
      };
    } finally {
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
  const l = report.receiptLevels;
  out.push(`receipts: attendibile ${l.attendibile}, integra ${l.integra}, alterata ${l.alterata}, non firmata ${l['non-firmata']}` + (l.unjudged ? `, not judged yet ${l.unjudged}` : ''));
  out.push(`receipts to verify (not counted as proof): ${report.receiptsToVerify}`);
  return out.join('\n') + '\n';
}
