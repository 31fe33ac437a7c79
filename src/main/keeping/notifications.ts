// Which events tell the user something (a system notification and a line in the app): a new PEC
// arrived, a PEC was not delivered (a mancata consegna, a non accettazione, a virus found), or a
// PEC still waits for its delivery receipts after a time the user sets (24 hours by default). Pure
// decisions over facts the caller reads from the store, so they are tested without a clock or a server.
import type { PecKind, ReceiptType } from '../../shared/pec';

/** What the user wants to be told about. */
export interface NotificationSettings {
  newPec: boolean;
  deliveryFailed: boolean;
  missingDeliveries: boolean;
  /** After how many hours without a consegna a sent PEC is worth a notice. */
  missingAfterHours: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { newPec: true, deliveryFailed: true, missingDeliveries: true, missingAfterHours: 24 };

/** A message just filed, as the notifier sees it. */
export interface ArrivedMessage {
  messageRowId: number;
  kind: PecKind | null;
  receiptType: ReceiptType | null;
  /** The role of the server folder the sync filed it in; null when it is in none (a file imported, kept). */
  folderRole: string | null;
  /** Filed under a pending UID: PecDesk's own copy of what the user just sent. */
  ownSentCopy: boolean;
  /** Already read (in another client, before PecDesk saw it). */
  seen: boolean;
  subject: string;
  from: string | null;
  /** For a receipt: whether it counts as proof, and the sent message and recipient it speaks of. */
  proof: boolean;
  sentMessageId: number | null;
  sentSubject: string | null;
  recipient: string | null;
}

/** A sent PEC with recipients still waiting for their consegna. */
export interface AwaitingDelivery {
  sentMessageId: number;
  subject: string;
  sentAtMs: number;
  /** Recipients without a consegna or a final error yet. */
  missing: number;
}

/** Something to tell the user: its kind and facts (the UI words them in its language), and Italian words for the system notification. */
export interface Notice {
  kind: 'new-pec' | 'delivery-failed' | 'deliveries-missing';
  messageRowId: number | null;
  sentMessageId: number | null;
  subject: string;
  /** The real sender (new PEC), the recipient not reached (delivery failed). */
  who: string | null;
  /** Recipients waiting (deliveries missing). */
  count: number;
  title: string;
  body: string;
}

// Folders whose new mail the user did not ask to hear about.
const QUIET_FOLDERS = new Set(['sent', 'drafts', 'trash', 'junk']);
const FAILURES = new Set<ReceiptType>(['errore-consegna', 'non-accettazione', 'rilevazione-virus']);

/** The notice for a message just filed, or null. */
export function noticeForArrival(m: ArrivedMessage, settings: NotificationSettings): Notice | null {
  // Only what the sync brought from a server: not a file the user imported, not the user's own copy.
  if (m.folderRole === null || m.ownSentCopy || m.seen) return null;
  const base = { messageRowId: m.messageRowId, subject: m.subject, count: 0 };
  if ((m.kind === 'envelope' || m.kind === 'anomaly') && settings.newPec && !QUIET_FOLDERS.has(m.folderRole)) {
    return { ...base, kind: 'new-pec', sentMessageId: null, who: m.from, title: 'PecDesk: nuova PEC', body: `${m.from ?? 'mittente sconosciuto'}: «${m.subject}»` };
  }
  // A receipt that is not proof (forged, unsigned, contradicting) is for "Da verificare", not a notice.
  if (m.kind === 'receipt' && m.receiptType !== null && FAILURES.has(m.receiptType) && m.proof && settings.deliveryFailed) {
    const subject = m.sentSubject ?? m.subject;
    const who = m.recipient;
    const what = m.receiptType === 'non-accettazione' ? 'non accettata dal gestore' : m.receiptType === 'rilevazione-virus' ? 'non consegnata: virus rilevato' : 'mancata consegna';
    return { ...base, kind: 'delivery-failed', sentMessageId: m.sentMessageId, subject, who, title: `PecDesk: ${what}`, body: who ? `«${subject}» a ${who}` : `«${subject}»` };
  }
  return null;
}

/** The notices for sent PEC still waiting for deliveries past the set time, each once (`notified` holds those already told). */
export function noticesForMissing(awaiting: AwaitingDelivery[], nowMs: number, settings: NotificationSettings, notified: ReadonlySet<number>): Notice[] {
  if (!settings.missingDeliveries) return [];
  const cutoff = nowMs - settings.missingAfterHours * 3_600_000;
  return awaiting
    .filter((a) => a.missing > 0 && a.sentAtMs <= cutoff && !notified.has(a.sentMessageId))
    .map((a) => ({
      kind: 'deliveries-missing',
      messageRowId: null,
      sentMessageId: a.sentMessageId,
      subject: a.subject,
      who: null,
      count: a.missing,
      title: 'PecDesk: consegne mancanti',
      body: `${a.missing === 1 ? '1 destinatario non ha' : `${a.missing} destinatari non hanno`} ancora la ricevuta di consegna dopo ${settings.missingAfterHours} ore («${a.subject}»).`,
    }));
}

/**
 * At most `max` new-PEC notices from one batch of mail: a first sync of a busy mailbox brings
 * hundreds, and one "N nuove PEC" says it better than a flood.
 */
export function collapseNewPec(notices: Notice[], max = 3): Notice[] {
  const fresh = notices.filter((n) => n.kind === 'new-pec');
  if (fresh.length <= max) return notices;
  const summary: Notice = { kind: 'new-pec', messageRowId: null, sentMessageId: null, subject: '', who: null, count: fresh.length, title: 'PecDesk: nuove PEC', body: `${fresh.length} nuove PEC` };
  return [summary, ...notices.filter((n) => n.kind !== 'new-pec')];
}
