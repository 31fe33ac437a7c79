// The account and the letter the SMTP tests send: a PEC mailbox of the sandbox's Alfa provider
// writing to three recipients with a PDF attached, and a real Dovecot holding that mailbox.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { parseAccountSettings, type AccountSettings } from '../../../../src/main/accounts';
import type { OutgoingMessage } from '../../../../src/main/mail/smtp';
import { startDovecot, type DovecotServer } from '../../../../sandbox/dovecot';

export const ADDRESS = 'studio.rossi@pec.alfa.test';
export const PASSWORD = 'segreta-123';

/** A PEC account on loopback with its SMTP server on `smtpPort` (plaintext), overridable field by field. */
export function account(smtpPort: number, over: Partial<AccountSettings> = {}): AccountSettings {
  const parsed = parseAccountSettings({
    name: 'Studio Rossi',
    address: ADDRESS,
    kind: 'pec',
    imap: { host: '127.0.0.1', port: 143, security: 'none', username: ADDRESS },
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'none', username: ADDRESS },
    ...over,
  });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.settings;
}

/** Two To recipients (one with a display name), one Cc, a text body and a PDF. */
export const letter: OutgoingMessage = {
  to: ['bianchi@pec.beta.test', { name: 'Ufficio Verdi', address: 'verdi@pec.gamma.test' }],
  cc: ['neri@pec.delta.test'],
  subject: 'Diffida ad adempiere',
  text: 'Gentile collega,\nsi trasmette la diffida.\n',
  attachments: [{ filename: 'diffida.pdf', content: Buffer.from('%PDF-1.4 finto\n'), contentType: 'application/pdf' }],
};

/**
 * A real Dovecot holding the account's mailbox for the tests of one file (started before them,
 * stopped after): `account()` reaches it by IMAP, `fetchFolder` reads what a folder holds.
 */
export function useAccountMailbox(): { account(): AccountSettings; fetchFolder(folder: string): Promise<FetchedMessage[]> } {
  let dovecot: DovecotServer;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-test-'));
    dovecot = await startDovecot({ dir, users: [{ address: ADDRESS, password: PASSWORD }] });
  });
  after(async () => {
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    account: () => account(25, { imap: { host: '127.0.0.1', port: dovecot.imapPort, security: 'none', username: ADDRESS } }),
    async fetchFolder(folder) {
      const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: ADDRESS, pass: PASSWORD } });
      await client.connect();
      try {
        const box = await client.mailboxOpen(folder);
        const out: FetchedMessage[] = [];
        if (box.exists === 0) return out;
        for await (const msg of client.fetch('1:*', { uid: true, flags: true, source: true })) {
          if (msg.source) out.push({ uid: msg.uid, flags: [...(msg.flags ?? [])], source: msg.source });
        }
        return out;
      } finally {
        await client.logout();
      }
    },
  };
}

/** A message as the server holds it. */
export interface FetchedMessage {
  uid: number;
  flags: string[];
  source: Buffer;
}
