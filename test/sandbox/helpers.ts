// Helpers for the sandbox tests: read a mailbox over IMAP, submit over SMTP, check signatures with
// openssl (an implementation independent of ours, as danzipie/go-pec does in pec/validate.go).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { analyzeMessage } from '../../src/main/pec';
import type { PecAnalysis, PecKind, ReceiptType } from '../../src/shared/pec';
import type { Sandbox } from '../../sandbox';

const execFileAsync = promisify(execFile);

/** The raw bytes of every message in `address`'s INBOX, oldest first. */
export async function readInbox(sandbox: Sandbox, address: string, password = 'sandbox'): Promise<Buffer[]> {
  const client = new ImapFlow({ host: sandbox.imap.host, port: sandbox.imap.port, secure: false, doSTARTTLS: false, logger: false, auth: { user: address, pass: password } });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const sources: Buffer[] = [];
      const exists = client.mailbox ? client.mailbox.exists : 0;
      if (exists === 0) return sources;
      for await (const message of client.fetch('1:*', { source: true })) if (message.source) sources.push(message.source);
      return sources;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The unfolded value of a top-level header of a raw message (case-insensitive), or null. */
export function header(raw: Buffer, name: string): string | null {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
  return line ? line.slice(name.length + 1).trim() : null;
}

/** An SMTP transport logged in as `user` on the sandbox access point. */
export function smtpAs(sandbox: Sandbox, user: string, password = 'sandbox') {
  return nodemailer.createTransport({ host: sandbox.smtp.host, port: sandbox.smtp.port, secure: false, ignoreTLS: true, auth: { user, pass: password } });
}

/** Runs `openssl smime -verify` on a message: with `caFile` the chain is checked too, else only the signature (-noverify). */
export async function opensslVerifies(raw: Buffer, caFile?: string): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-verify-'));
  try {
    const file = path.join(dir, 'message.eml');
    fs.writeFileSync(file, raw);
    const trust = caFile ? ['-CAfile', caFile] : ['-noverify'];
    await execFileAsync('openssl', ['smime', '-verify', ...trust, '-in', file, '-out', path.join(dir, 'content')]);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Checks a provider message as a user's client would: openssl verifies the signature alone and with
 * the chain to the sandbox CA, and PecDesk's analyzer reads the expected kind/type with a valid,
 * trusted signature. Returns the analysis for further checks.
 */
export async function assertSignedPecMessage(raw: Buffer, ca: { pem: string; file: string }, kind: PecKind, type?: ReceiptType): Promise<PecAnalysis> {
  const [signatureOnly, withChain] = await Promise.all([opensslVerifies(raw), opensslVerifies(raw, ca.file)]);
  assert.ok(signatureOnly, 'openssl smime -verify -noverify');
  assert.ok(withChain, 'openssl smime -verify -CAfile <sandbox CA>');
  const result = await analyzeMessage(raw, { trustedCertsPem: [ca.pem] });
  assert.ok(result.ok);
  const { analysis } = result;
  assert.equal(analysis.kind, kind);
  if (type) assert.equal(analysis.receipt?.type, type);
  assert.equal(analysis.signature.valid, true, analysis.signature.detail ?? '');
  assert.equal(analysis.signature.trusted, true, analysis.signature.detail ?? '');
  return analysis;
}
