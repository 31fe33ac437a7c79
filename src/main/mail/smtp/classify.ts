// Reads nodemailer's errors into typed send failures, so the bulk sender can decide: wait and
// retry (throttled), drop a recipient, fix the message, or fix the account. Never a thrown string.
import { classifyConnectionError, type ConnectionStage, type ServerEndpoint } from '../../accounts';

/** Why a send failed. */
export type SendErrorCode =
  | 'throttled'
  | 'recipient-rejected'
  | 'message-rejected'
  | 'connection'
  | 'auth'
  | 'too-large'
  | 'bcc-forbidden'
  | 'invalid-message';

/** A recipient the server refused, with its reply. */
export interface RejectedRecipient {
  address: string;
  responseCode: number | null;
  /** The server's reply text. */
  detail: string;
  /** A 4xx or throttling reply: the same recipient may be accepted later. */
  temporary: boolean;
}

/** A failed send. */
export interface SendFailure {
  ok: false;
  code: SendErrorCode;
  /** In English, for logs. */
  detail: string;
  /**
   * What the server (or, for a connection, the system) said, as it came: the words a failure is
   * shown with (send/failure-words.ts); for 'recipient-rejected', each refused address with its reply.
   */
  reply?: string;
  /** For 'message-rejected': the SMTP command refused (MAIL FROM, DATA…). */
  command?: string;
  responseCode?: number;
  /** For 'throttled': how long to wait before the next attempt. */
  retryAfterMs?: number;
  /** For 'recipient-rejected': every refused recipient. */
  recipients?: RejectedRecipient[];
  /** For 'connection': where the connection failed. */
  stage?: ConnectionStage;
}

interface NodemailerError {
  message?: string;
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  recipient?: string;
  rejectedErrors?: NodemailerError[];
}

// InfoCert Legalmail answers its 6-messages-a-minute cap with a *permanent* code:
// "550 MAIL from: <addr> blocked "Class Of Service" - Too much traffic from this sender"
// (help.infocert.it), so the text matters as much as the code.
const THROTTLE_TEXT = /too much traffic|too many|\brate\b|rate[- ]?limit/i;
const THROTTLE_CODES = new Set([421, 450, 451, 452]);
const AUTH_CODES = new Set([530, 534, 535]);
// When the reply names no delay, wait one minute: the window of per-minute provider caps.
const DEFAULT_RETRY_MS = 60_000;

/** True when a reply asks the client to slow down or come back later. */
export function isThrottleReply(responseCode: number | undefined | null, text: string): boolean {
  if (!responseCode) return false;
  return THROTTLE_CODES.has(responseCode) || (responseCode >= 400 && THROTTLE_TEXT.test(text));
}

function retryAfterMs(text: string): number {
  const m = /(\d+)\s*(seconds?|secs?|secondi|s\b|minutes?|mins?|minuti|m\b)/i.exec(text);
  if (!m) return DEFAULT_RETRY_MS;
  const n = Number(m[1]);
  return /^m/i.test(m[2]) ? n * 60_000 : n * 1000;
}

function replyText(e: NodemailerError): string {
  return (e.response ?? e.message ?? '').trim();
}

/** One refused recipient, from nodemailer's per-RCPT error (an entry of rejectedErrors). */
export function rejectedRecipient(err: unknown): RejectedRecipient {
  const e = err as NodemailerError;
  const text = replyText(e);
  const code = e.responseCode ?? null;
  return { address: e.recipient ?? '', responseCode: code, detail: text, temporary: (code !== null && code < 500) || isThrottleReply(code, text) };
}

/** Turns a nodemailer sendMail/verify error into a SendFailure. */
export function classifySendError(err: unknown, ep: Pick<ServerEndpoint, 'host' | 'port'>): SendFailure {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as NodemailerError;
  const text = replyText(e);
  const responseCode = e.responseCode;

  if (e.code === 'EAUTH' || (responseCode && AUTH_CODES.has(responseCode))) {
    return { ok: false, code: 'auth', detail: `The SMTP server refused the username or password: ${text}`, reply: text, ...(responseCode ? { responseCode } : {}) };
  }
  if (!responseCode) {
    const failure = classifyConnectionError(err, ep);
    const said = failure.problem.said ?? failure.detail;
    if (failure.stage === 'auth') return { ok: false, code: 'auth', detail: failure.detail, reply: said };
    return { ok: false, code: 'connection', detail: failure.detail, reply: said, stage: failure.stage };
  }

  const rejected = (e.rejectedErrors ?? []).map(rejectedRecipient);
  const throttledRecipient = rejected.find((r) => isThrottleReply(r.responseCode, r.detail));
  if (isThrottleReply(responseCode, text) || throttledRecipient) {
    const reply = throttledRecipient?.detail ?? text;
    return { ok: false, code: 'throttled', detail: `The provider asks to slow down: ${reply}`, reply, responseCode: throttledRecipient?.responseCode ?? responseCode, retryAfterMs: retryAfterMs(reply) };
  }
  if (e.command === 'RCPT TO' && rejected.length > 0) {
    const replies = rejected.map((r) => `${r.address} (${r.detail})`).join('; ');
    return { ok: false, code: 'recipient-rejected', detail: `Every recipient was refused: ${replies}`, reply: replies, responseCode, recipients: rejected };
  }
  // MAIL FROM refused (e.g. Aruba's "553 5.7.1 Sender address rejected: not owned by user"),
  // DATA refused (554 policy, 552 size): the message as a whole cannot go.
  const command = e.command ?? 'SMTP';
  return { ok: false, code: 'message-rejected', detail: `The server refused the message at ${command}: ${text}`, reply: text, command, responseCode };
}
