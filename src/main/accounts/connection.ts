// How to reach an account's servers: imapflow and nodemailer options built from one
// ServerEndpoint, and the one reading of their errors into a stage a person understands.
// Kept here so testConnection, the SMTP sender and the IMAP sync all connect the same way.
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { ImapFlowOptions } from 'imapflow';
import type { ConnectionProblem } from '../../shared/api-values';
import type { ServerEndpoint } from './settings';

/** Extra connection knobs: a CA for self-signed test servers, and how long to wait. */
export interface ConnectOptions {
  /** Trusted CA certificates (PEM) besides the system ones, e.g. the sandbox's self-signed cert. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Connect, greeting and socket inactivity limit in milliseconds (default 30 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function tlsOptions(ep: ServerEndpoint, opts: ConnectOptions): TlsOptions {
  // servername only for names: Node refuses SNI with an IP address (RFC 6066 §3).
  const isName = /[a-z]/i.test(ep.host) && !ep.host.includes(':');
  return { ...(opts.ca ? { ca: opts.ca } : {}), ...(isName ? { servername: ep.host } : {}) };
}

/** imapflow options for an endpoint; STARTTLS is required, never opportunistic, when asked for. */
export function imapOptions(ep: ServerEndpoint, password: string, opts: ConnectOptions = {}): ImapFlowOptions {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    host: ep.host,
    port: ep.port,
    secure: ep.security === 'tls',
    // imapflow fails the connection when doSTARTTLS is true and the server lacks STARTTLS,
    // so a 'starttls' account never silently falls back to plaintext.
    doSTARTTLS: ep.security === 'starttls' ? true : ep.security === 'none' ? false : undefined,
    auth: { user: ep.username, pass: password },
    tls: tlsOptions(ep, opts),
    logger: false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(timeout, 60_000),
  };
}

/** nodemailer SMTP options for an endpoint (without pooling, which the sender adds). */
export interface SmtpConnectionOptions {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
  auth: { user: string; pass: string };
  tls: TlsOptions;
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  logger: false;
}

/** nodemailer options: 'tls' → implicit TLS, 'starttls' → requireTLS, 'none' → ignoreTLS. */
export function smtpOptions(ep: ServerEndpoint, password: string, opts: ConnectOptions = {}): SmtpConnectionOptions {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    host: ep.host,
    port: ep.port,
    secure: ep.security === 'tls',
    requireTLS: ep.security === 'starttls',
    ignoreTLS: ep.security === 'none',
    auth: { user: ep.username, pass: password },
    tls: tlsOptions(ep, opts),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(timeout, 60_000),
    logger: false,
  };
}

/** Where a connection attempt failed, in the order a connection goes through. */
export type ConnectionStage = 'dns' | 'connect' | 'tls' | 'auth' | 'capability' | 'timeout';

/** A failed connection, explained: the stage, English words for logs, the same as values for a window, and the library's own code. */
export interface ConnectionFailure {
  ok: false;
  stage: ConnectionStage;
  detail: string;
  problem: ConnectionProblem;
  code: string;
}

interface LibraryError {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  serverResponseCode?: string;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EDNS']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ECONNECTION', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

function isTlsCode(code: string): boolean {
  // OpenSSL/Node TLS codes (ERR_SSL_*, ERR_TLS_*), certificate verdicts (DEPTH_ZERO_SELF_SIGNED_CERT,
  // CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE…), nodemailer's ETLS and imapflow's ClosedAfterConnectTLS.
  return /^ERR_(SSL|TLS)_|CERT|^UNABLE_TO_|^ETLS$|^EREQUIRETLS$|ConnectTLS/.test(code);
}

/** Reads an imapflow or nodemailer error into the stage where the connection failed. */
export function classifyConnectionError(err: unknown, ep: Pick<ServerEndpoint, 'host' | 'port'>): ConnectionFailure {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as LibraryError;
  const message = e.message?.trim() || 'unknown error';
  // nodemailer wraps system errors (code ESOCKET, originalCode ECONNREFUSED): the system code says more.
  const code = e.originalCode ?? e.code ?? (e.authenticationFailed ? 'AUTHENTICATIONFAILED' : e.tlsFailed ? 'ETLS' : 'EUNKNOWN');
  const where = `${ep.host}:${ep.port}`;
  const fail = (stage: ConnectionStage, why: ConnectionProblem['why'], detail: string): ConnectionFailure => ({
    ok: false,
    stage,
    detail: `${detail} (${message})`,
    problem: { why, where: why === 'dns' ? ep.host : where, said: e.message?.trim() || null },
    code,
  });

  if (e.authenticationFailed || e.code === 'EAUTH' || e.responseCode === 535) {
    return fail('auth', 'auth', `The server ${where} refused the username or password`);
  }
  if (DNS_CODES.has(code) || e.code === 'EDNS') return fail('dns', 'dns', `The server name "${ep.host}" does not exist or cannot be resolved in DNS`);
  if (TIMEOUT_CODES.has(code)) return fail('timeout', 'timeout', `The server ${where} did not answer in time`);
  if (e.tlsFailed || isTlsCode(code) || /certificate|ssl|tls/i.test(message)) {
    return fail('tls', 'tls', `The secure (TLS) connection to ${where} failed: wrong security setting for this port, or an untrusted certificate`);
  }
  if (CONNECT_CODES.has(code) || e.code === 'ESOCKET') return fail('connect', 'refused', `Nothing accepts connections at ${where}: check the host and port`);
  return fail('connect', 'failed', `The connection to ${where} failed`);
}
