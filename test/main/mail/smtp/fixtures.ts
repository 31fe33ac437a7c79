// The account and the letter the SMTP tests send: a PEC mailbox of the sandbox's Alfa provider
// writing to three recipients with a PDF attached.
import assert from 'node:assert/strict';
import { parseAccountSettings, type AccountSettings } from '../../../../src/main/accounts';
import type { OutgoingMessage } from '../../../../src/main/mail/smtp';

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
