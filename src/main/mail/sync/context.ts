// What every step of a folder sync works with: the connection, the store, the mailbox being
// synced, and what the server announced about it since the last sync.
import type { ExpungeEvent, ImapFlow } from 'imapflow';
import type { AnalyzerPool } from '../../pec';
import type { Store } from '../../store';
import type { ReceiptsTarget } from './folder-tree';
import type { LocalState, MailboxView } from './local-state';
import type { RuleNotice } from './types';

/** Shared state of one folder sync. */
export interface FolderContext {
  client: ImapFlow;
  store: Store;
  /** Classifies fetched messages off this thread (the engine's pool). */
  analyzer: AnalyzerPool;
  local: LocalState;
  view: MailboxView;
  /** Where INBOX's receipts go; null for other folders and ordinary accounts. */
  receipts: ReceiptsTarget | null;
  notices: MailboxNotices;
  progress(done: number, total: number): void;
  /** INBOX only: the account the rules for incoming mail run for, and where their notices go; null elsewhere. */
  rules: { accountId: number; notify(notice: RuleNotice): void } | null;
  /** Messages stored for the first time during this sync (filled by fetch-new.ts). */
  arrived: number[];
}

/**
 * What the server told this connection about its mailboxes between syncs, by path: expunged UIDs
 * (QRESYNC's VANISHED, RFC 7162 §3.2.10, during SELECT or while selected), expunges known only by
 * sequence number (a plain EXPUNGE: the next sync compares UID lists), any other change (EXISTS,
 * FETCH), and which mailboxes have stayed selected since their last full sync. An open mailbox
 * hears of every change as untagged responses (RFC 3501 §7): while it stays open and quiet, it
 * has not changed.
 */
export class MailboxNotices {
  private readonly uids = new Map<string, Set<number>>();
  private readonly withoutUid = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly watched = new Set<string>();

  expunged(event: ExpungeEvent): void {
    this.changed.add(event.path);
    if (event.uid === undefined) {
      this.withoutUid.add(event.path);
      return;
    }
    let set = this.uids.get(event.path);
    if (!set) this.uids.set(event.path, (set = new Set()));
    set.add(event.uid);
  }

  /** New messages or changed flags were announced for the mailbox. */
  touched(path: string): void {
    this.changed.add(path);
  }

  /** The mailbox was synced fully and stays selected: from now on its notices tell all. */
  watch(path: string): void {
    this.watched.add(path);
  }

  /** The mailbox was closed (another one selected, or the connection lost): its notices no longer tell all. */
  unwatch(path: string): void {
    this.watched.delete(path);
  }

  /** Open since its last full sync, and nothing announced since. */
  quietSinceSync(path: string): boolean {
    return this.watched.has(path) && !this.changed.has(path);
  }

  /** Nothing announced for the mailbox since its last sync. */
  quiet(path: string): boolean {
    return !this.changed.has(path);
  }

  /** Takes (and forgets) what was announced for a mailbox. */
  take(path: string): { uids: number[]; withoutUid: boolean } {
    const uids = [...(this.uids.get(path) ?? [])];
    const withoutUid = this.withoutUid.has(path);
    this.uids.delete(path);
    this.withoutUid.delete(path);
    this.changed.delete(path);
    return { uids, withoutUid };
  }
}

/**
 * Throws when the connection closed under a FETCH: imapflow may end the loop instead of throwing,
 * and a listing cut short must never pass for the whole mailbox (UIDNEXT would skip messages).
 */
export function assertConnected(client: ImapFlow, what: string): void {
  if (!client.usable) throw new Error(`the connection closed during ${what}`);
}

/** Flags as the store keeps them: \Recent dropped (it belongs to one session, RFC 3501 §2.3.2), sorted. */
export function storedFlags(flags: Iterable<string> | undefined): string[] {
  return [...(flags ?? [])].filter((f) => f.toLowerCase() !== '\\recent').sort();
}

/** Same flags, whatever their order. */
export function sameFlags(a: string[], b: string[]): boolean {
  const x = storedFlags(a);
  const y = storedFlags(b);
  return x.length === y.length && x.every((f, i) => f === y[i]);
}

/** Forgets (folder, uid) locations of the mailbox, in the folder or its alias; returns how many went. */
export function forgetUids(ctx: FolderContext, uids: number[]): number {
  if (uids.length === 0) return 0;
  const before = ctx.local.count(ctx.view);
  ctx.store.removeLocations(ctx.view.folderId, uids);
  if (ctx.view.aliasId !== null) ctx.store.removeLocations(ctx.view.aliasId, uids);
  return before - ctx.local.count(ctx.view);
}

/**
 * UIDs per command that names them (FETCH, STORE, SEARCH, MOVE, EXPUNGE): however scattered, 500
 * UIDs of up to ten digits stay within the 8,192-octet command line RFC 7162 §4 asks every server
 * to take (Dovecot takes 64 KB, other servers less).
 */
export const UID_BATCH = 500;

/** `items` in slices of at most `size`, in order. */
export function* uidBatches<T>(items: readonly T[], size = UID_BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** "1:3,7,9:10" for ascending UIDs: the compact sequence set of RFC 3501 §9. */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length; ) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j] + 1) j++;
    parts.push(i === j ? String(uids[i]) : `${uids[i]}:${uids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
