// `npm run web -- --sandbox`: PecDesk configured on the PEC sandbox's mailboxes, with real PEC
// traffic sent through the sandbox (so the mailboxes hold envelopes, receipts, an anomaly and sent
// messages with D/A/C/E), for a newcomer's first look and for the end-to-end tests.
import nodemailer from 'nodemailer';
import type { AccountView, SendTaskView } from '../../shared/api-values';
import type { Account } from '../accounts';
import { traceLaunch } from '../diagnostics';
import type { Dispatch } from '../api';
import type { PecEvent } from '../../shared/api';
import type { Services } from '../services';
import type { Sandbox } from '../../../sandbox';
import { demoPdf, demoSigningIdentityAsync, signAsP7m } from './demo-documents';

/** The sandbox mailboxes PecDesk is configured with: one per sandbox provider. */
export const DEMO_ACCOUNTS = ['mario.rossi@pec.alfa.test', 'ufficio@pec.beta.test'] as const;

/** An address that no sandbox provider knows: its delivery fails with errore-consegna. */
export const DEMO_UNKNOWN_RECIPIENT = 'inesistente@pec.beta.test';

/** The highest pace the account form accepts: the sandbox's gestori do not throttle. */
const SANDBOX_PER_MINUTE = 1_000;

/** The account settings of a sandbox mailbox (plain IMAP/SMTP on loopback) and its password. */
function sandboxAccountSettings(sandbox: Sandbox, address: string) {
  const mailbox = sandbox.accounts.find((a) => a.address === address);
  if (!mailbox) throw new Error(`the sandbox has no mailbox ${address}`);
  const person = address.split('@')[0].split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  const name = mailbox.provider ? `${person} · ${mailbox.provider}` : person;
  const endpoint = (port: number) => ({ host: '127.0.0.1', port, security: 'none' as const, username: address });
  const kind = mailbox.kind === 'ordinary' ? ('ordinary' as const) : ('pec' as const);
  // The sandbox's gestori set no sending limit, so neither does the account: left empty, a PEC
  // account is paced at the cautious 30 a minute meant for unknown real providers, and the demo's
  // second PEC from the same box waited two seconds for nothing.
  const settings = { name, address, kind, imap: endpoint(sandbox.imap.port), smtp: endpoint(sandbox.smtp.port), rateLimit: { perMinute: SANDBOX_PER_MINUTE } };
  return { settings, password: mailbox.password };
}

/** Adds sandbox mailboxes as PecDesk accounts (plain IMAP/SMTP on loopback). */
export async function configureSandboxAccounts(services: Services, sandbox: Sandbox, addresses: readonly string[] = DEMO_ACCOUNTS): Promise<Account[]> {
  const accounts: Account[] = [];
  for (const address of addresses) {
    const { settings, password } = sandboxAccountSettings(sandbox, address);
    const saved = await services.saveAccount(settings, password);
    if (!saved.ok) throw new Error(`cannot configure ${address}: ${saved.detail}`);
    accounts.push(saved.value);
  }
  return accounts;
}

/** An account the demo mail is sent from and to. */
export type DemoAccount = Pick<Account, 'id' | 'address'>;

/**
 * configureSandboxAccounts through a running engine's API, whose store is the one writer: what
 * `npm run web -- --sandbox` does, so the engine starts on the fresh data folder while the sandbox
 * starts, instead of after a second store opened here has written the accounts. The settings not
 * given are those the accounts service defaults to when it is given none.
 */
export async function configureSandboxAccountsThroughApi(dispatch: Dispatch, sandbox: Sandbox, addresses: readonly string[] = DEMO_ACCOUNTS): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const address of addresses) {
    const { settings, password } = sandboxAccountSettings(sandbox, address);
    const saved = await dispatch('saveAccount', { ...settings, rateLimit: { perMinute: SANDBOX_PER_MINUTE, perHour: null }, password, providerId: null, sentFolder: 'auto', receiptsFolder: 'Ricevute PEC', receiptsMode: 'local', signatureHtml: '' });
    if (!saved.ok) throw new Error(`cannot configure ${address}: ${saved.error.message}`);
    const { id } = saved.value as Pick<AccountView, 'id'>;
    accounts.push({ id, address });
  }
  return accounts;
}

/**
 * Points the app's providers' index at the sandbox's (its gestori, their certificates, their
 * domains) through a running engine's API and runs the first-run download through the real download path.
 */
export async function configureSandboxIndexThroughApi(dispatch: Dispatch, sandbox: Sandbox): Promise<void> {
  const set = await dispatch('providerIndexSetUrl', { url: sandbox.providerIndexUrl });
  if (!set.ok) throw new Error(`the sandbox's index address is refused: ${set.error.message}`);
  const updated = await dispatch('providerIndexUpdate', {});
  if (!updated.ok) throw new Error(`the sandbox's providers' index was not imported: ${updated.error.message}`);
}

/** Events of the engine, to follow the demo's messages through the send queue. */
type OnEvent = (listener: (event: PecEvent) => void) => () => void;

/**
 * The demo's PEC in the send queue: each enqueued as the composer would (sendMessage answers once it
 * is queued), then awaited together until the provider has taken every one: their state is asked
 * again (sendState) whenever the store says the queue changed.
 */
class DemoOutbox {
  /** Subjects of the queued messages, by sent message. */
  private readonly queued = new Map<number, string>();
  /** Queue changes told so far: a change during a round of questions means one more round. */
  private changes = 0;
  private wake: () => void = () => undefined;
  /** Stops following the queue. */
  readonly close: () => void;

  constructor(
    private readonly dispatch: Dispatch,
    onEvent: OnEvent,
  ) {
    this.close = onEvent((event) => {
      if (event.type !== 'store-changed' || !event.entities.includes('campaigns')) return;
      this.changes++;
      this.wake();
    });
  }

  async send(payload: Record<string, unknown>): Promise<void> {
    traceLaunch('demo send', String(payload.subject));
    const result = await this.dispatch('sendMessage', { cc: [], inReplyTo: null, references: [], receiptVariant: 'completa', attachments: [], ...payload });
    if (!result.ok) throw new Error(`demo message "${String(payload.subject)}" not sent: ${result.error.message}`);
    const { sentMessageId } = result.value as { sentMessageId: number | null };
    if (sentMessageId === null) throw new Error(`demo message "${String(payload.subject)}" was not recorded as sent`);
    this.queued.set(sentMessageId, String(payload.subject));
  }

  /** Resolves once the provider took every message queued (their receipts are still on their way); throws on a refusal. */
  async submitted(): Promise<void> {
    const waiting = new Map(this.queued);
    for (;;) {
      const seen = this.changes;
      for (const [sentMessageId, subject] of waiting) {
        const state = await this.dispatch('sendState', { sentMessageId });
        if (!state.ok) throw new Error(`demo message "${subject}": ${state.error.message}`);
        const task = state.value as SendTaskView | null;
        if (task?.state === 'failed' || task?.state === 'cancelled') throw new Error(`demo message "${subject}" not sent: ${task.reason ?? ''}`);
        if (task === null || task.state === 'submitted') waiting.delete(sentMessageId);
      }
      if (waiting.size === 0) return;
      if (this.changes === seen) await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Sends ordinary (non-PEC) mail through the sandbox, as an outside mailbox would. */
export async function sendOrdinaryMail(sandbox: Sandbox, message: { from: string; to: string; subject: string; html: string }): Promise<void> {
  const mailbox = sandbox.accounts.find((a) => a.address === message.from);
  if (!mailbox) throw new Error(`the sandbox has no mailbox ${message.from}`);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtp.port, secure: false, ignoreTLS: true, auth: { user: mailbox.address, pass: mailbox.password } });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/** The demo's signed deed (.p7m), made before it is needed: the signer's key is generated off the main thread. */
export async function demoDeed(): Promise<Buffer> {
  const signer = await demoSigningIdentityAsync({ commonName: 'Laura Bianchi', fiscalCode: 'BNCLRA75C41F205X', email: 'laura.bianchi@pec.beta.test' });
  return signAsP7m(demoPdf('Atto di citazione - pratica 2024/117'), signer);
}

/**
 * Real PEC traffic between the demo accounts, sent through PecDesk's own API: an envelope with a
 * signed .p7m deed and a PDF; a message to four recipients (delivered, Cc, unknown mailbox,
 * ordinary mailbox); one to the sandbox's slow mailbox (preavviso); an anomaly from ordinary mail.
 * Resolves once every message is submitted: the receipts are still on their way (sandbox.whenIdle()).
 */
export async function sendDemoMail(dispatch: Dispatch, onEvent: OnEvent, sandbox: Sandbox, accounts: readonly DemoAccount[], deedReady: Promise<Buffer> = demoDeed()): Promise<void> {
  const [mario, ufficio] = accounts;
  const outbox = new DemoOutbox(dispatch, onEvent);
  try {
    const pdf = (text: string) => demoPdf(text).toString('base64');

    // The slow mailbox first: its preavviso comes a fixed delay after the delivery attempt, and that
    // wait (the longest of the demo) runs while the other messages are sent instead of after them.
    await outbox.send({
      accountId: mario.id,
      to: ['lento@pec.beta.test'],
      subject: 'Sollecito pagamento fattura 118/2024',
      html: '<p>Si sollecita il pagamento della fattura n. 118/2024, scaduta il 30/04.</p>',
    });
    const deed = await deedReady;
    await outbox.send({
      accountId: ufficio.id,
      to: [mario.address],
      subject: 'Trasmissione atto di citazione – pratica 2024/117',
      html: '<p>Gentile avv. Rossi,</p><p>trasmettiamo in allegato l’atto di citazione <b>firmato digitalmente</b> e la procura alle liti.</p><p>Cordiali saluti,<br>Ufficio legale</p>',
      attachments: [
        { filename: 'atto_citazione.pdf.p7m', contentType: 'application/pkcs7-mime', dataBase64: deed.toString('base64') },
        { filename: 'procura.pdf', contentType: 'application/pdf', dataBase64: pdf('Procura alle liti') },
      ],
    });
    await outbox.send({
      accountId: mario.id,
      to: [ufficio.address, DEMO_UNKNOWN_RECIPIENT, 'info@mail.gamma.test'],
      cc: ['protocollo@pec.beta.test'],
      subject: 'Richiesta documentazione contratto n. 4521',
      html: '<p>Buongiorno,</p><p>con la presente si richiede copia del contratto n. 4521 e dei relativi allegati.</p><p>Avv. Mario Rossi</p>',
      attachments: [{ filename: 'richiesta.pdf', contentType: 'application/pdf', dataBase64: pdf('Richiesta documentazione') }],
    });
    await sendOrdinaryMail(sandbox, {
      from: 'info@mail.gamma.test',
      to: mario.address,
      subject: 'Aggiornamento orari di apertura',
      html: '<p>Gentili clienti, da lunedì gli uffici saranno aperti dalle 9 alle 13.</p>',
    });
    await outbox.submitted();
  } finally {
    outbox.close();
  }
  traceLaunch('demo mail sent');
}
