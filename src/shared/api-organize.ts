// The organize part of the API contract: folders on the server (create, rename, move, delete),
// tags and private notes on messages, rules for incoming mail, and the mailbox quota. Kept apart
// from api.ts like the contacts and send parts; api.ts merges the lists. Request schemas are in
// api-organize-requests.ts.
import type { MailRule, RulePecType } from './rules';

/** The organize methods, in the order the API lists them. */
export const ORGANIZE_API_METHODS = [
  'createFolder',
  'renameFolder',
  'deleteFolder',
  'listTags',
  'setTag',
  'getAnnotations',
  'setNote',
  'listRules',
  'saveRule',
  'deleteRule',
  'reorderRules',
  'applyRules',
  'listQuotas',
] as const;

/** Name of an organize method. */
export type OrganizeApiMethod = (typeof ORGANIZE_API_METHODS)[number];

/** A tag in use and on how many messages. */
export interface TagView {
  tag: string;
  count: number;
}

/** A message's tags and private note (local only, never sent to the server). */
export interface AnnotationsView {
  tags: string[];
  note: string;
  noteUpdatedAt: string | null;
}

/** A rule as the editor shows it (accountId: AccountView.id, null for every account). */
export type RuleView = MailRule;

/** What "Applica ai messaggi esistenti" did in one folder. */
export interface ApplyRulesReport {
  /** Messages of the folder looked at. */
  checked: number;
  /** Messages at least one rule applied to. */
  matched: number;
  /** Messages moved to another folder. */
  moved: number;
}

/**
 * One account's mailbox quota (IMAP QUOTA, RFC 9208): used and limit of its storage in bytes.
 * 'unsupported': the server has no quota (said quietly); 'unavailable': it could not be asked now.
 */
export type QuotaView =
  | { accountId: string; state: 'ok'; usedBytes: number; limitBytes: number; percent: number; level: 'normal' | 'warning' | 'critical' }
  | { accountId: string; state: 'unsupported' | 'unavailable' };

/** A rule matched a new message and asked to tell the user. */
export interface RuleNotifyEvent {
  type: 'rule-notify';
  accountId: string;
  messageId: number;
  ruleName: string;
  subject: string;
  from: string | null;
  pecType: RulePecType;
}

/** What each organize method resolves to. */
export interface OrganizeApiResponses {
  /** Creates a folder on the server (under parentFolderId, or at the top); the tree follows once the server agreed. */
  createFolder: { folderId: number };
  /** Renames or moves (another parent) a folder on the server, with its subfolders; nothing changes locally when the server refuses. */
  renameFolder: { folderId: number };
  /** Deletes an empty folder without subfolders on the server, then locally. */
  deleteFolder: null;
  listTags: TagView[];
  /** Adds (on) or removes a tag on messages; how many changed. */
  setTag: { changed: number };
  getAnnotations: AnnotationsView;
  /** Saves the private note of a message (empty removes it). */
  setNote: null;
  listRules: RuleView[];
  /** Adds (no id) or replaces a rule; refused with 'invalid-request' and items "field:code" when a field is wrong. */
  saveRule: RuleView;
  deleteRule: null;
  /** The rules' new order: every rule id once. */
  reorderRules: null;
  /** Runs the rules on every message of a folder now. */
  applyRules: ApplyRulesReport;
  /** Each account's quota (asked of its server). */
  listQuotas: QuotaView[];
}

/** Share of the quota used at which the status bar warns, and at which it warns in red. */
export const QUOTA_WARNING_PERCENT = 80;
export const QUOTA_CRITICAL_PERCENT = 95;

/** The warning level of a quota use. */
export function quotaLevel(percent: number): 'normal' | 'warning' | 'critical' {
  if (percent >= QUOTA_CRITICAL_PERCENT) return 'critical';
  return percent >= QUOTA_WARNING_PERCENT ? 'warning' : 'normal';
}
