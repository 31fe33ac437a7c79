// The provider logic of the sandbox: what the sandbox PEC providers do with each submission. Who
// signs what follows RFC 6109 / pec-format.md §7: accettazione, non-accettazione, busta di trasporto,
// preavviso and the timeout/virus avvisi by the sender's provider; presa in carico, avvenuta
// consegna, errore-consegna for a bad mailbox, rilevazione virus and busta di anomalia by the
// recipient's provider. Everything is delivered into Dovecot over LMTP.
import crypto from 'node:crypto';
import { domainOf } from '../domains';
import {
  certifiedFacts,
  composeAnomaly,
  composeEnvelope,
  composeReceipt,
  newPecId,
  providerAddress,
  readSubmission,
  type CertifiedFacts,
  type PecProvider,
  type ReceiptSpec,
  type SubmittedMessage,
} from '../provider';
import { containsEicar, formalProblem, type SmtpEnvelope } from './checks';
import type { Deliver } from './lmtp';
import type { RejectReason, SubmissionLog } from './log';
import { RateLimiter, rateLimitReply, type RateLimit } from './rate-limit';
import { Tasks } from './tasks';

/** A mailbox whose deliveries stall: preavviso after `preavvisoAfterMs`, then the final outcome (if any). */
export interface SlowDelivery {
  addresses: string[];
  preavvisoAfterMs: number;
  /** Measured from the delivery attempt, like preavvisoAfterMs; null leaves the message undelivered for ever. */
  final: { afterMs: number; outcome: 'errore-consegna' | 'avvenuta-consegna' } | null;
}

/** Waits before receipts, so a client's live counters can be watched (default 0: immediate). */
export interface ReceiptDelays {
  accettazioneMs: number;
  consegnaMs: number;
}

/** Everything the gestore needs. */
export interface GestoreConfig {
  providers: PecProvider[];
  deliver: Deliver;
  log: SubmissionLog;
  /** Limit on size × recipients (RFC 6109 §3.1.1; Aruba: 100 MB); above it, non-accettazione. */
  maxSize: number;
  rateLimit: RateLimit | null;
  now: () => number;
  delays: ReceiptDelays;
  slow: SlowDelivery;
  /** Where EICAR is caught: at the access point (non-accettazione per virus) or at the recipient's provider. */
  virusScan: 'access' | 'delivery';
  onError: (error: unknown) => void;
}

/** An SMTP refusal: reply code and text (with its enhanced status code). */
export interface SmtpRefusal {
  code: number;
  message: string;
}

const stripBrackets = (id: string | null): string | null => (id ? id.replace(/^<|>$/g, '') : null);

/** The sandbox PEC providers behind one SMTP access point. */
export class Gestore {
  readonly tasks: Tasks;
  private readonly rateLimiter: RateLimiter;
  private readonly mailboxes = new Map<string, string>();

  constructor(private readonly config: GestoreConfig) {
    this.tasks = new Tasks(config.onError);
    this.rateLimiter = new RateLimiter(config.rateLimit, config.now);
  }

  /** Registers a mailbox login (its Dovecot user is created by the caller). */
  addMailbox(address: string, password: string): void {
    this.mailboxes.set(address.toLowerCase(), password);
  }

  hasMailbox(address: string): boolean {
    return this.mailboxes.has(address.toLowerCase());
  }

  /** SMTP AUTH: the mailbox's own password. */
  login(user: string, password: string): boolean {
    return this.mailboxes.get(user.toLowerCase()) === password;
  }

  setRateLimit(limit: RateLimit | null): void {
    this.rateLimiter.limit = limit;
  }

  /** The sandbox PEC provider managing `address`, or null for ordinary domains. */
  providerOf(address: string): PecProvider | null {
    const domain = domainOf(address);
    return this.config.providers.find((p) => p.domain === domain) ?? null;
  }

  private refuse(envelope: SmtpEnvelope, reason: RejectReason, detail: string, extra: { stage: 'smtp' | 'non-accettazione'; message?: SubmittedMessage; identificativo?: string }): void {
    this.config.log.add({
      type: 'rejected',
      time: new Date(this.config.now()).toISOString(),
      sender: envelope.user,
      recipients: envelope.recipients,
      messageId: stripBrackets(extra.message?.messageId ?? null),
      identificativo: extra.identificativo ?? null,
      size: extra.message?.raw.length ?? null,
      stage: extra.stage,
      reason,
      detail,
    });
  }

  /**
   * MAIL FROM: the reverse-path must be the authenticated mailbox (Aruba answers 553, quoted in
   * pec-format.md §1.1), and the sender must be within the rate limit (InfoCert's 550 reply).
   */
  checkMailFrom(user: string, mailFrom: string): SmtpRefusal | null {
    const envelope = { user, mailFrom, recipients: [] };
    if (mailFrom.toLowerCase() !== user) {
      const message = `5.7.1 <${mailFrom}>: Sender address rejected: not owned by user ${user}`;
      this.refuse(envelope, 'sender-not-owned', message, { stage: 'smtp' });
      return { code: 553, message };
    }
    if (!this.rateLimiter.take(user)) {
      const message = rateLimitReply(mailFrom);
      this.refuse(envelope, 'rate-limited', message, { stage: 'smtp' });
      return { code: 550, message };
    }
    return null;
  }

  /** Records a DATA refused by the SMTP size limit (past the non-accettazione range, RFC 6109 §3.1.2). */
  refuseOversize(envelope: SmtpEnvelope, detail: string): void {
    this.refuse(envelope, 'too-large-smtp', detail, { stage: 'smtp' });
  }

  /** Takes a message after DATA and starts its processing; returns the queue id for the 250 reply. */
  submit(envelope: SmtpEnvelope, raw: Buffer): string {
    const message = readSubmission(raw);
    const sender = this.providerOf(envelope.user);
    const date = new Date(this.config.now());
    if (!sender) {
      this.logAccepted(envelope, message, null);
      this.tasks.run(() => this.relayOrdinary(envelope, message));
      return crypto.randomBytes(8).toString('hex').toUpperCase();
    }
    const identificativo = newPecId(sender.domain, date);
    const facts = certifiedFacts(message, identificativo, (a) => this.providerOf(a) !== null);
    const problem = formalProblem(message, envelope, { maxSize: this.config.maxSize, scanVirus: this.config.virusScan === 'access' });
    if (problem) {
      this.refuse(envelope, problem.reason, problem.erroreEsteso, { stage: 'non-accettazione', message, identificativo });
      const spec: ReceiptSpec = { type: 'non-accettazione', errore: problem.errore, erroreEsteso: problem.erroreEsteso };
      this.tasks.run(async () => {
        if (await this.tasks.sleep(this.config.delays.accettazioneMs)) await this.emit(sender, envelope.user, facts, spec);
      });
      return identificativo;
    }
    this.logAccepted(envelope, message, identificativo);
    this.tasks.run(() => this.certify(sender, message, facts));
    return identificativo;
  }

  private logAccepted(envelope: SmtpEnvelope, message: SubmittedMessage, identificativo: string | null): void {
    this.config.log.add({
      type: 'accepted',
      time: new Date(this.config.now()).toISOString(),
      sender: envelope.user,
      recipients: envelope.recipients,
      messageId: stripBrackets(message.messageId),
      identificativo,
      size: message.raw.length,
      pec: identificativo !== null,
      subject: message.subject,
    });
  }

  /** Composes a receipt signed by `issuer` and delivers it to `to`. */
  private async emit(issuer: PecProvider, to: string, facts: CertifiedFacts, spec: ReceiptSpec): Promise<void> {
    await this.config.deliver(providerAddress(issuer), to, composeReceipt(issuer, facts, spec, { to }));
  }

  private async certify(sender: PecProvider, message: SubmittedMessage, facts: CertifiedFacts): Promise<void> {
    const { delays } = this.config;
    if (!(await this.tasks.sleep(delays.accettazioneMs))) return;
    await this.emit(sender, facts.mittente, facts, { type: 'accettazione' });
    const envelope = composeEnvelope(sender, facts, message.raw);
    const recipients = [...new Set(facts.destinatari.map((d) => d.address))];
    const virus = this.config.virusScan === 'delivery' && containsEicar(message.raw);
    // One presa in carico per recipient provider, provider to provider (it goes to the sender's
    // provider, not to the user: the sandbox stores it in posta-certificata@<sender domain>).
    for (const provider of this.config.providers) {
      const ricezione = recipients.filter((r) => this.providerOf(r) === provider);
      if (provider !== sender && ricezione.length > 0) {
        await this.emit(provider, providerAddress(sender), facts, { type: 'presa-in-carico', ricezione });
      }
    }
    const delivered: string[] = [];
    for (const recipient of recipients) {
      const provider = this.providerOf(recipient);
      if (!provider) {
        // An ordinary mailbox gets the busta di trasporto; no receipt ever comes back for it.
        if (this.hasMailbox(recipient)) await this.config.deliver(providerAddress(sender), recipient, envelope);
      } else if (virus) {
        const erroreEsteso = `5.7.1 - ${provider.name} - virus rilevato: EICAR-Test-File`;
        await this.emit(provider, providerAddress(sender), facts, { type: 'rilevazione-virus', consegna: recipient, erroreEsteso });
        await this.emit(sender, facts.mittente, facts, { type: 'errore-consegna', consegna: recipient, errore: 'virus', erroreEsteso, cause: 'virus' });
      } else if (!this.hasMailbox(recipient)) {
        const erroreEsteso = `5.1.1 - ${provider.name} - indirizzo non valido`;
        await this.emit(provider, facts.mittente, facts, { type: 'errore-consegna', consegna: recipient, errore: 'no-dest', erroreEsteso });
      } else if (this.config.slow.addresses.includes(recipient)) {
        this.tasks.run(() => this.stall(sender, provider, recipient, facts, message, envelope));
      } else {
        await this.config.deliver(providerAddress(sender), recipient, envelope);
        delivered.push(recipient);
      }
    }
    if (delivered.length === 0 || !(await this.tasks.sleep(delays.consegnaMs))) return;
    for (const recipient of delivered) await this.emitConsegna(this.providerOf(recipient)!, recipient, facts, message);
  }

  private async emitConsegna(provider: PecProvider, recipient: string, facts: CertifiedFacts, message: SubmittedMessage): Promise<void> {
    const inCopia = message.cc.includes(recipient) && !message.to.includes(recipient);
    await this.emit(provider, facts.mittente, facts, { type: 'avvenuta-consegna', consegna: recipient, variant: facts.tipoRicevuta, original: message.raw, inCopia });
  }

  /** A delivery that does not happen in time: the sender's provider warns (12 h in real life), then gives up or delivers. */
  private async stall(sender: PecProvider, provider: PecProvider, recipient: string, facts: CertifiedFacts, message: SubmittedMessage, envelope: Buffer): Promise<void> {
    const { preavvisoAfterMs, final } = this.config.slow;
    if (!(await this.tasks.sleep(preavvisoAfterMs))) return;
    const preavviso = `4.4.7 - ${sender.name} - consegna non ancora avvenuta`;
    await this.emit(sender, facts.mittente, facts, { type: 'preavviso-errore-consegna', consegna: recipient, erroreEsteso: preavviso });
    if (!final || !(await this.tasks.sleep(final.afterMs - preavvisoAfterMs))) return;
    if (final.outcome === 'errore-consegna') {
      const erroreEsteso = `5.4.7 - ${sender.name} - tempo massimo di consegna superato`;
      await this.emit(sender, facts.mittente, facts, { type: 'errore-consegna', consegna: recipient, errore: 'altro', erroreEsteso, cause: 'timeout' });
      return;
    }
    await this.config.deliver(providerAddress(sender), recipient, envelope);
    await this.emitConsegna(provider, recipient, facts, message);
  }

  /** Mail from an ordinary mailbox: PEC mailboxes get it as a busta di anomalia, ordinary ones as is. */
  private async relayOrdinary(envelope: SmtpEnvelope, message: SubmittedMessage): Promise<void> {
    for (const recipient of new Set(envelope.recipients.map((r) => r.toLowerCase()))) {
      if (!this.hasMailbox(recipient)) continue;
      const provider = this.providerOf(recipient);
      const bytes = provider ? composeAnomaly(provider, message.raw, 'il messaggio non è un messaggio di posta certificata (manca la firma del gestore)') : message.raw;
      await this.config.deliver(provider ? providerAddress(provider) : envelope.mailFrom, recipient, bytes);
    }
  }
}
