// Rules for incoming mail and message tags: value types, the checks a rule passes before it is
// saved (field by field, so the editor can say what is wrong next to the field), and the match of a
// rule against a message. Pure: the sync (main), the API edge and the rules editor (renderer) all
// use the same functions, so a rule the editor accepts is one the sync runs.
import { RECEIPT_TYPES } from './pec';

/** What a rule can test the PEC type against: the classification (X-Trasporto / X-Ricevuta, RFC 6109 §3). */
export const RULE_PEC_TYPES = ['ordinaria', 'posta-certificata', 'anomalia', ...RECEIPT_TYPES] as const;
/** One of RULE_PEC_TYPES. */
export type RulePecType = (typeof RULE_PEC_TYPES)[number];

/** The text fields a condition looks into ("contains", case-insensitive). */
export const RULE_TEXT_FIELDS = ['from', 'to', 'subject'] as const;
/** One of RULE_TEXT_FIELDS. */
export type RuleTextField = (typeof RULE_TEXT_FIELDS)[number];

/** One condition: a text field contains a word, or the message is of a PEC type. */
export type RuleCondition = { field: RuleTextField; contains: string } | { field: 'pecType'; is: RulePecType };

/** What a rule does to a message that matches. */
export type RuleAction = { kind: 'move'; folderPath: string } | { kind: 'tag'; tag: string } | { kind: 'markRead' } | { kind: 'notify' };

/** A rule as the editor sends it. accountId null: every account. Every condition must hold. */
export interface RuleDraft {
  name: string;
  accountId: string | null;
  enabled: boolean;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

/** A saved rule; rules run in ascending position. */
export interface MailRule extends RuleDraft {
  id: number;
  position: number;
}

/** What a rule is tested against: the cover's and the original's (postacert.eml) addresses and subjects. */
export interface RuleFacts {
  accountId: string | null;
  from: string[];
  to: string[];
  subject: string[];
  pecType: RulePecType;
}

/** Longest rule name, condition text, tag and folder path accepted. */
export const RULE_LIMITS = { name: 100, text: 200, tag: 40, folderPath: 500, conditions: 20, actions: 10 } as const;

/** Why a field of a rule is refused (the editor words each code in the UI's language). */
export type RuleFieldError = 'required' | 'too-long' | 'no-conditions' | 'no-actions' | 'too-many' | 'bad-tag' | 'duplicate-move';

/** Field errors by field: "name", "conditions", "conditions.2", "actions", "actions.1". Empty: the rule can be saved. */
export type RuleErrors = Record<string, RuleFieldError>;

/**
 * A tag as stored: trimmed, inner spaces collapsed, lowercased (so "Urgente" and "urgente " are
 * one tag and `tag:urgente` finds both); null when nothing is left or it holds a comma or quote
 * (which would split it in a search) or a control character.
 */
export function normalizeTag(tag: string): string | null {
  const clean = tag.trim().replace(/\s+/g, ' ').toLowerCase();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!clean || clean.length > RULE_LIMITS.tag || /[,"\u0000-\u001f]/.test(clean)) return null;
  return clean;
}

function textError(value: string, max: number): RuleFieldError | null {
  if (!value.trim()) return 'required';
  return value.length > max ? 'too-long' : null;
}

/** The field errors of a rule; an empty object when it can be saved. */
export function ruleErrors(rule: RuleDraft): RuleErrors {
  const errors: RuleErrors = {};
  const nameError = textError(rule.name, RULE_LIMITS.name);
  if (nameError) errors.name = nameError;
  if (rule.conditions.length === 0) errors.conditions = 'no-conditions';
  else if (rule.conditions.length > RULE_LIMITS.conditions) errors.conditions = 'too-many';
  rule.conditions.forEach((c, i) => {
    const error = c.field === 'pecType' ? null : textError(c.contains, RULE_LIMITS.text);
    if (error) errors[`conditions.${i}`] = error;
  });
  if (rule.actions.length === 0) errors.actions = 'no-actions';
  else if (rule.actions.length > RULE_LIMITS.actions) errors.actions = 'too-many';
  // A message can be in one place: two moves would leave it wherever the second put it.
  else if (rule.actions.filter((a) => a.kind === 'move').length > 1) errors.actions = 'duplicate-move';
  rule.actions.forEach((a, i) => {
    const error = a.kind === 'move' ? textError(a.folderPath, RULE_LIMITS.folderPath) : a.kind === 'tag' ? (normalizeTag(a.tag) ? null : 'bad-tag') : null;
    if (error) errors[`actions.${i}`] = error;
  });
  return errors;
}

function contains(values: string[], needle: string): boolean {
  const word = needle.trim().toLowerCase();
  return values.some((v) => v.toLowerCase().includes(word));
}

/** Whether the rule applies to the message: enabled, for its account (or every account), and every condition holds. */
export function ruleMatches(rule: RuleDraft, facts: RuleFacts): boolean {
  if (!rule.enabled || rule.conditions.length === 0) return false;
  if (rule.accountId !== null && rule.accountId !== facts.accountId) return false;
  return rule.conditions.every((c) => (c.field === 'pecType' ? facts.pecType === c.is : contains(facts[c.field], c.contains)));
}
