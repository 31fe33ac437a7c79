// Deciding the recipients left in 'submitting': the process died (or the connection dropped)
// after the SMTP transaction started and before its answer was committed. The message may or may
// not have reached the provider; sending it again blindly could give the recipient two PEC, never
// sending it again could skip them. So, before a doubtful message is ever resent:
//
//  1. the store: a receipt linked to its sent message (accettazione, non-accettazione, or any
//     later one) proves the provider took it. The mail sync files receipts as they arrive.
//  2. the server: a message in INBOX (or the receipts folder) whose X-Riferimento-Message-ID is
//     ours, or a copy in Sent with our Message-ID (imap-probe.ts). This also covers a process
//     that died before its own sync ever saw the receipt.
//  3. neither: the provider may still be about to issue the accettazione. The regole tecniche
//     require it "without delay" on acceptance (DM 2/11/2005 art. 9), but real providers take
//     seconds to minutes under load, so we wait a grace period counted from the start of the
//     transaction (default 120 s, or longer when this provider was seen to be slower: see
//     graceFor), look again, and only then put the message back to
//     'preparing', to be resent with the SAME Message-ID and the SAME bytes. Should the first
//     copy surface after all, the provider has two submissions of one Message-ID and the
//     receipts of both link to the same sent message: a duplicate the user can see, never a
//     silent gap. (The sandbox answers 250 first and delivers the accettazione right after —
//     sandbox/gestore/gestore.ts: submit() starts certify() in the background — in milliseconds
//     when idle, a second or two when busy: tests use a grace of a few seconds.)
//
// A server that cannot be asked decides nothing: the rows stay doubtful and are asked again later.
import type { Outcome, QueueRow, Store } from '../store';
import { failureOf } from './failure-words';
import type { ProbeResult } from './imap-probe';

/** Default grace for real providers. */
export const DEFAULT_RECONCILE_GRACE_MS = 120_000;
/** How many times the slowest accettazione seen the grace is stretched to, at least. */
const OBSERVED_DELAY_FACTOR = 3;
/** The grace never grows past this, however slow the provider once was. */
const MAX_GRACE_MS = 30 * 60_000;

/**
 * The grace for a provider whose slowest recent accettazione came `observedMs` after the start of
 * its submission (null: none seen yet): the configured one, or a few times the observed delay when
 * that is longer. Never shorter than configured: a resend too early is a second PEC to the
 * recipient, a wait too long only delays one message.
 */
export function graceFor(configuredMs: number, observedMs: number | null): number {
  if (observedMs === null) return configuredMs;
  return Math.max(configuredMs, Math.min(MAX_GRACE_MS, Math.ceil(observedMs * OBSERVED_DELAY_FACTOR)));
}

/** How soon an unreachable server is asked again. */
const PROBE_RETRY_MS = 30_000;

/** What reconciliation needs. */
export interface ReconcileDeps {
  store: Pick<Store, 'receiptsOf'>;
  /** Looks on the server for traces of these Message-IDs. */
  probe: (messageIds: string[]) => Promise<ProbeResult>;
  graceMs: number;
}

/** Rows decided now, and when to look again at the others (null when none is left). */
export interface ReconcileDecision {
  outcomes: Outcome[];
  recheckAt: number | null;
  /** Why the server could not be asked, when it could not. */
  problem: string | null;
}

/** Decides what can be decided about doubtful rows at `now`. */
export async function reconcile(rows: QueueRow[], now: number, deps: ReconcileDeps): Promise<ReconcileDecision> {
  const outcomes: Outcome[] = [];
  const taken = (row: QueueRow) => outcomes.push({ id: row.id, kind: 'submitted' });
  const open: QueueRow[] = [];
  for (const row of rows) {
    if (row.sentMessageId !== null && deps.store.receiptsOf(row.sentMessageId).length > 0) taken(row);
    else open.push(row);
  }
  if (open.length === 0) return { outcomes, recheckAt: null, problem: null };

  const probed = await deps.probe(open.map((r) => r.messageId!));
  if (!probed.ok) return { outcomes, recheckAt: now + PROBE_RETRY_MS, problem: probed.detail };
  let recheckAt: number | null = null;
  for (const row of open) {
    if (probed.found.has(row.messageId!)) {
      taken(row);
      continue;
    }
    const graceEnds = (row.submittingMs ?? 0) + deps.graceMs;
    if (now >= graceEnds) {
      outcomes.push({ id: row.id, kind: 'unsent', code: 'reconciled', ...failureOf('reconciled') });
    } else {
      recheckAt = Math.min(recheckAt ?? graceEnds, graceEnds);
    }
  }
  return { outcomes, recheckAt, problem: null };
}
