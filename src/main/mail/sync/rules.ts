// Rules for incoming mail (shared/rules.ts), run on messages of one selected mailbox: those that
// just arrived in INBOX during a sync, or every message of a folder ("Applica ai messaggi
// esistenti"). Rules run in their order; every matching rule adds its tags, read mark and
// notification, and the first matching rule with a move decides where the message goes. The
// server is changed first (STORE +FLAGS \Seen, then UID MOVE, RFC 6851) and the store follows,
// like the user's own moves (move.ts); tags stay local. A receipt already filed in the receipts
// folder on the server (receipts.ts runs first) is tagged and announced but not moved again.
import type { ImapFlow } from 'imapflow';
import { ruleMatches, type RuleFacts, type RulePecType } from '../../../shared/rules';
import type { MessageDetail, RuleRow, Store } from '../../store';
import { uidBatches, uidSet } from './context';
import type { KnownLocation, LocalState, MailboxView } from './local-state';
import { moveSelected } from './move';
import type { RuleNotice, RulesReport } from './types';

/** What the rules work with: the selected mailbox of the account, and where notices go. */
export interface RulesContext {
  client: ImapFlow;
  store: Store;
  local: LocalState;
  accountId: number;
  view: MailboxView;
  notify(notice: RuleNotice): void;
}

/** The message's PEC type as rules name it (from the classification, never the subject). */
export function pecTypeOf(message: Pick<MessageDetail, 'kind' | 'receiptType'>): RulePecType {
  if (message.kind === 'receipt' && message.receiptType) return message.receiptType;
  if (message.kind === 'envelope') return 'posta-certificata';
  if (message.kind === 'anomaly') return 'anomalia';
  return 'ordinaria';
}

/** What rules test: the cover's and the original's (postacert.eml) senders, recipients and subjects. */
export function factsOf(message: MessageDetail, accountId: number): RuleFacts {
  const present = (values: (string | null)[]) => values.filter((v): v is string => !!v);
  return {
    accountId: String(accountId),
    from: present([message.from, message.originalFrom]),
    to: [...message.to, ...message.originalTo, ...message.originalCc],
    subject: present([message.subject, message.originalSubject]),
    pecType: pecTypeOf(message),
  };
}

/** What the matching rules ask for one message. */
interface Wanted {
  messageRowId: number;
  tags: Set<string>;
  markRead: boolean;
  moveTo: string | null;
  notify: string[];
}

function wantedFor(rules: RuleRow[], message: MessageDetail, accountId: number): Wanted | null {
  const facts = factsOf(message, accountId);
  const matching = rules.filter((r) => ruleMatches({ ...r, accountId: r.accountId === null ? null : String(r.accountId) }, facts));
  if (matching.length === 0) return null;
  const wanted: Wanted = { messageRowId: message.id, tags: new Set(), markRead: false, moveTo: null, notify: [] };
  for (const rule of matching) {
    for (const action of rule.actions) {
      if (action.kind === 'tag') wanted.tags.add(action.tag);
      else if (action.kind === 'markRead') wanted.markRead = true;
      else if (action.kind === 'notify') wanted.notify.push(rule.name);
      else wanted.moveTo ??= action.folderPath;
    }
  }
  return wanted;
}

async function markRead(ctx: RulesContext, locations: KnownLocation[]): Promise<void> {
  const unread = locations.filter((l) => !l.flags.includes('\\Seen')).sort((a, b) => a.uid - b.uid);
  if (unread.length === 0) return;
  for (const batch of uidBatches(unread)) {
    if (!(await ctx.client.messageFlagsAdd(uidSet(batch.map((l) => l.uid)), ['\\Seen'], { uid: true }))) return;
    for (const l of batch) ctx.store.setServerFlags(l.folderId, l.uid, [...l.flags, '\\Seen'].sort());
  }
}

async function move(ctx: RulesContext, byPath: Map<string, KnownLocation[]>): Promise<number> {
  const folders = ctx.store.listFolders(ctx.accountId);
  let moved = 0;
  for (const [path, locations] of byPath) {
    const to = folders.find((f) => f.path === path) ?? folders.find((f) => f.path.toLowerCase() === path.toLowerCase());
    // A folder gone since the rule was written: the message stays where it is, tagged and marked.
    if (!to || to.id === ctx.view.folderId || to.id === ctx.view.aliasId) continue;
    try {
      const outcome = await moveSelected(ctx.client, ctx.store, locations.sort((a, b) => a.uid - b.uid), { path: to.path, folderId: to.id });
      moved += outcome.moved;
    } catch (err) {
      // A NO (the folder was deleted by another client meanwhile) leaves these messages where they
      // are; it must not fail the sync of the mailbox they arrived in.
      if (!ctx.client.usable) throw err;
    }
  }
  return moved;
}

/** Runs the rules of the account on these messages of the selected mailbox. Throws only when the connection fails. */
export async function runRules(ctx: RulesContext, messageRowIds: number[]): Promise<RulesReport> {
  const rules = ctx.store.listRules().filter((r) => r.enabled && (r.accountId === null || r.accountId === ctx.accountId));
  const report: RulesReport = { checked: messageRowIds.length, matched: 0, moved: 0 };
  if (rules.length === 0 || messageRowIds.length === 0) return report;
  const wanted: Wanted[] = [];
  for (const id of messageRowIds) {
    const message = ctx.store.getMessage(id);
    const w = message ? wantedFor(rules, message, ctx.accountId) : null;
    if (w) wanted.push(w);
  }
  report.matched = wanted.length;
  if (wanted.length === 0) return report;

  const byTag = new Map<string, number[]>();
  for (const w of wanted) for (const tag of w.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), w.messageRowId]);
  for (const [tag, ids] of byTag) ctx.store.setTag(ids, tag, true);

  const locationsOf = (ids: number[]) => {
    const folders = ctx.view.aliasId === null ? [ctx.view.folderId] : [ctx.view.folderId, ctx.view.aliasId];
    return folders.flatMap((f) => ctx.local.messagesIn(f, ids));
  };
  await markRead(ctx, locationsOf(wanted.filter((w) => w.markRead).map((w) => w.messageRowId)));
  const byPath = new Map<string, KnownLocation[]>();
  for (const w of wanted) {
    if (w.moveTo === null) continue;
    byPath.set(w.moveTo, [...(byPath.get(w.moveTo) ?? []), ...locationsOf([w.messageRowId])]);
  }
  report.moved = await move(ctx, byPath);
  for (const w of wanted) for (const ruleName of w.notify) ctx.notify({ accountId: ctx.accountId, messageRowId: w.messageRowId, ruleName });
  return report;
}
