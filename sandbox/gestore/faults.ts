// Faults the access point can inject after DATA, for the fault tests: the ways a provider under load
// or in trouble answers (or does not) once it has the whole message. Each fault is decided per
// transaction by a plan the test sets, so it can hit the first attempt at a recipient and let the
// retry through.

/** What the access point does after a message's DATA instead of its 250. */
export type SmtpFault =
  /** No answer at all: the client waits until its own timeout gives up on the connection. */
  | { kind: 'stall' }
  /** Takes the message (accettazione issued) and closes the connection before answering. */
  | { kind: 'drop-after-data' }
  /** Answers with this reply and does not take the message (421 also closes the connection). */
  | { kind: 'reply'; code: number; message: string };

/** Decides the fault of one transaction from its envelope; null lets it through. */
export type SmtpFaultPlan = (envelope: { user: string; recipients: string[] }) => SmtpFault | null;

/** The replies of real providers in trouble (RFC 5321 §4.2.2 codes; InfoCert's 550 from pec-format.md §10). */
export const FAULT_REPLIES = {
  421: { kind: 'reply', code: 421, message: '4.3.2 Service shutting down, try again later' },
  451: { kind: 'reply', code: 451, message: '4.3.0 Requested action aborted: local error in processing' },
  452: { kind: 'reply', code: 452, message: '4.3.1 Insufficient system storage' },
  550: { kind: 'reply', code: 550, message: '5.7.1 blocked "Class Of Service" - Too much traffic from this sender' },
} as const satisfies Record<number, SmtpFault>;
