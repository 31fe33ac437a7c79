// What the store knows about one server mailbox (FoldersStore.mailboxLocations), asked per MailboxView.
//
// A server mailbox can be filed in two store folders: in 'local' receipts mode the receipts of
// INBOX stay on the server's INBOX but PecDesk shows them in its own receipts folder, so their
// location rows sit in that local folder with their INBOX UID (see receipts.ts). Every question
// here is therefore asked of a MailboxView: the folder and, for INBOX, that local alias.
import type { FoldersStore, KnownLocation, MailboxLocations } from '../../store';

export type { KnownLocation };

/** A server mailbox as filed in the store: its folder, plus the local receipts folder for INBOX. */
export interface MailboxView {
  path: string;
  folderId: number;
  /** The local-only receipts folder holding some of this mailbox's UIDs, or null. */
  aliasId: number | null;
}

/** The store's locations of the mailboxes one engine syncs. */
export class LocalState {
  private readonly rows: MailboxLocations;

  constructor(store: Pick<FoldersStore, 'mailboxLocations'>) {
    this.rows = store.mailboxLocations;
  }

  /** Where the given messages sit in one folder, by ascending UID (a message filed twice there has two). */
  messagesIn(folderId: number, messageRowIds: number[]): KnownLocation[] {
    return this.rows.messagesIn(folderId, messageRowIds);
  }

  /** How many UIDs of the mailbox the store knows. */
  count(view: MailboxView): number {
    return this.rows.count(...ids(view));
  }

  /** Every known UID of the mailbox with its location. */
  locations(view: MailboxView): Map<number, KnownLocation> {
    return new Map(this.rows.locations(...ids(view)).map((r) => [r.uid, r]));
  }

  /** Whether any receipt is filed at the given folders. */
  hasReceipts(folderId: number, otherFolderId = folderId): boolean {
    return this.rows.hasReceipts(folderId, otherFolderId);
  }

  /** Receipts filed at the given folders, by ascending UID. */
  receiptsIn(folderId: number, otherFolderId = folderId): KnownLocation[] {
    return this.rows.receiptsIn(folderId, otherFolderId);
  }
}

function ids(view: MailboxView): [number, number] {
  return [view.folderId, view.aliasId ?? view.folderId];
}
