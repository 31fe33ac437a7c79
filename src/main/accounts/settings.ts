// The account settings domain object: checked once here with zod, where it is built, so every
// other module can trust a value typed AccountSettings. Passwords are never part of it: they
// live in a SecretStore (secret-store.ts), so a settings row can be stored and logged as is.
import { z } from 'zod';
import type { SecurityWarning } from '../../shared/api-values';

/** How a connection is secured: implicit TLS (993/465), STARTTLS upgrade, or plaintext. */
export type Security = 'tls' | 'starttls' | 'none';

/** Host, port, security and login of one server (IMAP or SMTP). */
export interface ServerEndpoint {
  host: string;
  port: number;
  security: Security;
  username: string;
}

/** Everything PecDesk keeps about a mailbox, except its password. */
export interface AccountSettings {
  /** Assigned by the storage when first saved (the store's row id, as the API's string). */
  id?: string;
  name: string;
  address: string;
  kind: 'pec' | 'ordinary';
  providerId?: string;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /** 'auto' = IMAP APPEND a copy to the \Sent special-use folder; a path = that folder; null = the provider saves it. */
  sentFolder: 'auto' | string | null;
  receiptsFolder: string;
  /** 'move' moves receipts to receiptsFolder on the server; 'local' only files them in PecDesk. */
  receiptsMode: 'move' | 'local';
  rateLimit: { perMinute?: number; perHour?: number };
  /** Provider limit on size × number of recipients, in bytes. */
  maxMessageBytes?: number;
  maxRecipients?: number;
  signatureHtml?: string;
}

/** A stored account: settings with their id assigned. */
export type Account = AccountSettings & { id: string };

// RFC 1123 host names, dotted IPv4, or IPv6 without brackets. No scheme, path or port: a
// pasted "imaps://host:993" is a mistake we want to report, not to guess around.
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9a-f]*:[0-9a-f:.]*$/i;

const hostSchema = z
  .string()
  .trim()
  .refine((h) => HOSTNAME.test(h) || IPV4.test(h) || IPV6.test(h), { message: 'not a host name or IP address (no scheme, port or path)' });

const endpointSchema = z.object({
  host: hostSchema,
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  username: z.string().trim().min(1, 'username is empty'),
});

const positiveInt = z.number().int().positive();

/** The zod schema of AccountSettings; unknown keys (a stray `password`) are dropped. */
export const accountSettingsSchema = z.object({
  id: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1, 'name is empty'),
  address: z.string().trim().pipe(z.email('not a valid e-mail address')),
  kind: z.enum(['pec', 'ordinary']),
  providerId: z.string().trim().min(1).optional(),
  imap: endpointSchema,
  smtp: endpointSchema,
  sentFolder: z.union([z.literal('auto'), z.string().trim().min(1), z.null()]).default('auto'),
  receiptsFolder: z.string().trim().min(1).default('Ricevute PEC'),
  // 'local' by default: it never changes the mailbox on the server, which other clients share.
  receiptsMode: z.enum(['move', 'local']).default('local'),
  rateLimit: z.object({ perMinute: positiveInt.optional(), perHour: positiveInt.optional() }).default({}),
  maxMessageBytes: positiveInt.optional(),
  maxRecipients: positiveInt.optional(),
  signatureHtml: z.string().optional(),
});

/** One thing wrong with a settings object: where, and what in plain words. */
export interface SettingsIssue {
  path: string;
  message: string;
}

/** Result of parseAccountSettings. */
export type SettingsResult = { ok: true; settings: AccountSettings } | { ok: false; code: 'invalid-settings'; detail: string; issues: SettingsIssue[] };

/** Checks and cleans untrusted input (IPC, CLI, JSON file) into AccountSettings. */
export function parseAccountSettings(input: unknown): SettingsResult {
  const parsed = accountSettingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  return { ok: false, code: 'invalid-settings', detail: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}

/** The domain of an address (the part after the last @), lowercased. */
export function addressDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

// DM 2/11/2005 art. 12 / RFC 6109 §3.1.1: a provider must accept at least 30 MB of
// size × recipients; decimal megabytes, the smaller reading, so we never promise too much.
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Settings that work but expose the password (plaintext off loopback), as values a window words. */
export function securityWarnings(settings: AccountSettings): SecurityWarning[] {
  const warnings: SecurityWarning[] = [];
  for (const service of ['imap', 'smtp'] as const) {
    const ep = settings[service];
    if (ep.security === 'none' && !isLoopback(ep.host)) warnings.push({ service, host: ep.host });
  }
  return warnings;
}
