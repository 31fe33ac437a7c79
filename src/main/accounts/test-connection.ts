// "Verifica connessione": logs in to IMAP and SMTP with the given settings and says precisely
// which step failed on which side, so the account dialog can point at the wrong field.
import type { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { classifyConnectionError, smtpOptions, type ConnectOptions, type ConnectionFailure } from './connection';
import { loginImap } from './imap-login';
import type { SecurityWarning } from '../../shared/api-values';
import { securityWarnings, type AccountSettings, type Security } from './settings';

/** The IMAP side worked: what the server offers and where sent copies would go. */
export interface ImapCheck {
  ok: true;
  capabilities: string[];
  /** IDLE lets new receipts arrive at once; without it PecDesk polls. */
  idle: boolean;
  /** The folder sent copies are appended to, or null when the provider saves them itself. */
  sentFolder: string | null;
}

/** The SMTP side worked: login accepted with this security. */
export interface SmtpCheck {
  ok: true;
  security: Security;
}

/** Outcome of testConnection: ok only when both sides work. */
export interface ConnectionReport {
  ok: boolean;
  imap: ImapCheck | ConnectionFailure;
  smtp: SmtpCheck | ConnectionFailure;
  warnings: SecurityWarning[];
}

/** Finds the folder that receives sent copies: the \Sent special-use folder for 'auto'. */
export async function resolveSentFolder(client: ImapFlow, wanted: 'auto' | string): Promise<string | null> {
  const folders = await client.list();
  if (wanted === 'auto') return folders.find((f) => f.specialUse === '\\Sent')?.path ?? null;
  return folders.find((f) => f.path === wanted)?.path ?? null;
}

async function checkImap(settings: AccountSettings, password: string, opts: ConnectOptions): Promise<ImapCheck | ConnectionFailure> {
  const login = await loginImap(settings.imap, password, opts);
  if (!login.ok) return login;
  const { client } = login;
  try {
    const capabilities = [...client.capabilities.keys()];
    let sentFolder: string | null = null;
    if (settings.sentFolder !== null) {
      sentFolder = await resolveSentFolder(client, settings.sentFolder);
      if (!sentFolder) {
        const folder = settings.sentFolder === 'auto' ? null : settings.sentFolder;
        const what = folder === null ? 'no folder marked as Sent (\\Sent)' : `no folder named "${folder}"`;
        const problem = { why: 'no-sent-folder' as const, where: `${settings.imap.host}:${settings.imap.port}`, folder, said: null };
        return { ok: false, stage: 'capability', code: 'NO_SENT_FOLDER', detail: `Login works, but the server has ${what}: choose the folder for sent copies`, problem };
      }
    }
    return { ok: true, capabilities, idle: client.capabilities.has('IDLE'), sentFolder };
  } catch (err) {
    return classifyConnectionError(err, settings.imap);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function checkSmtp(settings: AccountSettings, password: string, opts: ConnectOptions): Promise<SmtpCheck | ConnectionFailure> {
  const transport = nodemailer.createTransport(smtpOptions(settings.smtp, password, opts));
  try {
    await transport.verify();
    return { ok: true, security: settings.smtp.security };
  } catch (err) {
    return classifyConnectionError(err, settings.smtp);
  } finally {
    transport.close();
  }
}

/** Logs in to both servers of an account (in parallel) and reports each side's outcome. */
export async function testConnection(settings: AccountSettings, password: string, opts: ConnectOptions = {}): Promise<ConnectionReport> {
  const [imap, smtp] = await Promise.all([checkImap(settings, password, opts), checkSmtp(settings, password, opts)]);
  return { ok: imap.ok && smtp.ok, imap, smtp, warnings: securityWarnings(settings) };
}
