// Tells the user of what the domain decides is worth it (keeping/notifications.ts): each message
// filed after the API started is judged once, after its write commits; sent PEC still without their
// consegne are checked every few minutes. A notice goes to the page (an in-app line) and to the
// host's system notification where it has one (the desktop app).
import type { NotificationEvent } from '../../shared/api-keeping';
import { collapseNewPec, noticeForArrival, noticesForMissing, type ArrivedMessage, type Notice, type NotificationSettingsFile } from '../keeping';
import type { StoreChange } from '../store';
import type { ApiContext } from './context';
import { roleOf } from './folders';

// Often enough that a 1-hour setting is met within minutes; a cheap indexed read.
const MISSING_CHECK_MS = 5 * 60_000;

/** The notifier of one API instance. */
export class Notifier {
  private lastSeenId: number;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly ctx: ApiContext,
    readonly settings: NotificationSettingsFile,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSeenId = ctx.services.store.latestMessageRowId();
    this.timer = setInterval(() => this.checkMissing(), MISSING_CHECK_MS);
    this.timer.unref?.();
  }

  /** After a committed write: the messages filed since the last one. */
  onStoreChange(changes: StoreChange[]): void {
    if (!changes.some((c) => c.entity === 'messages')) return;
    const { store } = this.ctx.services;
    const latest = store.latestMessageRowId();
    if (latest <= this.lastSeenId) return;
    const settings = this.settings.get();
    const folders = store.listFolders();
    const notices: Notice[] = [];
    for (let id = this.lastSeenId + 1; id <= latest; id++) {
      const arrived = this.arrived(id, folders);
      const notice = arrived && noticeForArrival(arrived, settings);
      if (notice) notices.push(notice);
    }
    this.lastSeenId = latest;
    this.tell(collapseNewPec(notices));
  }

  /** Sent PEC past the set wait without their consegne, each once. */
  checkMissing(): void {
    const settings = this.settings.get();
    const cutoff = new Date(this.now() - settings.missingAfterHours * 3_600_000).toISOString();
    const awaiting = this.ctx.services.store.awaitingDelivery(cutoff).map((a) => ({ ...a, sentAtMs: Date.parse(a.sentAt) }));
    // The store leaves out those already told, in this session or before a restart.
    const notices = noticesForMissing(awaiting, this.now(), settings, new Set());
    const told = notices.flatMap((n) => (n.sentMessageId === null ? [] : [n.sentMessageId]));
    if (told.length > 0) this.ctx.services.store.markMissingNotified(told, new Date(this.now()).toISOString());
    this.tell(notices);
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private arrived(id: number, folders: ReturnType<ApiContext['services']['store']['listFolders']>): ArrivedMessage | null {
    const { store } = this.ctx.services;
    const m = store.getMessage(id);
    if (!m) return null;
    const location = m.locations[0];
    const folder = location ? folders.find((f) => f.id === location.folderId) : undefined;
    const receipt = m.kind === 'receipt' ? store.receiptOfMessage(id) : null;
    const sent = receipt?.sentMessageId ? store.getSent(receipt.sentMessageId) : null;
    return {
      messageRowId: id,
      kind: m.kind,
      receiptType: m.receiptType,
      folderRole: folder ? roleOf(folder) : null,
      ownSentCopy: location !== undefined && location.uid < 0,
      seen: m.flags.includes('\\Seen') || m.locations.some((l) => l.flags.includes('\\Seen')),
      subject: m.displaySubject,
      from: m.displayFrom,
      proof: receipt?.proof ?? false,
      sentMessageId: receipt?.sentMessageId ?? null,
      sentSubject: sent?.subject ?? null,
      recipient: receipt?.recipient ?? null,
    };
  }

  private tell(notices: Notice[]): void {
    for (const n of notices) {
      const event: NotificationEvent = { type: 'notification', kind: n.kind, messageId: n.messageRowId, sentMessageId: n.sentMessageId, subject: n.subject, who: n.who, count: n.count };
      this.ctx.emit(event);
      this.ctx.host.notify?.(n.title, n.body);
    }
  }
}
