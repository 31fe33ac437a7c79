// Tags, private notes and the rules for incoming mail: local data in the store, checked here at the
// edge (tags normalized, rules through the same ruleErrors the editor uses) before it is written.
import type { Result } from '../../shared/api';
import type { RuleView } from '../../shared/api-organize';
import { normalizeTag, ruleErrors, type RuleAction, type RuleDraft } from '../../shared/rules';
import type { RuleRow } from '../store';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { fail, ok } from './result';

function ruleView(row: RuleRow): RuleView {
  return { ...row, accountId: row.accountId === null ? null : String(row.accountId) };
}

/** The rule as stored: tags normalized, texts trimmed. */
function cleanRule(draft: RuleDraft): RuleDraft {
  const actions = draft.actions.map((a): RuleAction => (a.kind === 'tag' ? { kind: 'tag', tag: normalizeTag(a.tag) ?? a.tag } : a.kind === 'move' ? { kind: 'move', folderPath: a.folderPath.trim() } : a));
  const conditions = draft.conditions.map((c) => (c.field === 'pecType' ? c : { field: c.field, contains: c.contains.trim() }));
  return { ...draft, name: draft.name.trim(), conditions, actions };
}

/** The tag, note and rule handlers. */
export function organizeHandlers(ctx: ApiContext): Pick<Handlers, 'listTags' | 'setTag' | 'getAnnotations' | 'setNote' | 'listRules' | 'saveRule' | 'deleteRule' | 'reorderRules'> {
  const { store } = ctx.services;
  return {
    async listTags() {
      return ok(store.allTags());
    },

    async setTag(req) {
      const tag = normalizeTag(req.tag);
      if (!tag) return fail('invalid-request', 'tag-invalid', { tag: req.tag }, ['bad-tag']);
      return ok({ changed: store.setTag(req.messageIds, tag, req.on) });
    },

    async getAnnotations(req) {
      if (!store.getMessage(req.messageId)) return fail('not-found', 'message-missing', { messageId: req.messageId });
      const note = store.noteOf(req.messageId);
      return ok({ tags: store.tagsOf([req.messageId]).get(req.messageId) ?? [], note: note?.text ?? '', noteUpdatedAt: note?.updatedAt ?? null });
    },

    async setNote(req) {
      return store.setNote(req.messageId, req.text) ? ok(null) : fail('not-found', 'message-missing', { messageId: req.messageId });
    },

    async listRules() {
      return ok(store.listRules().map(ruleView));
    },

    async saveRule(req): Promise<Result<RuleView>> {
      const { id, ...draft } = req;
      const rule = cleanRule(draft);
      const errors = ruleErrors(rule);
      const fields = Object.entries(errors).map(([field, code]) => `${field}:${code}`);
      // The fields and their problems as codes (name:required): the editor marks them from the items.
      if (fields.length > 0) return fail('invalid-request', 'rule-invalid', { fields: fields.join(', ') }, fields);
      const accountId = rule.accountId === null ? null : Number(rule.accountId);
      if (accountId !== null && !Number.isSafeInteger(accountId)) return fail('not-found', 'account-missing', { accountId: rule.accountId ?? '' }, ['accountId:required']);
      const saved = store.saveRule({ ...rule, accountId, id });
      if (saved === null) return id === undefined ? fail('not-found', 'account-missing', { accountId: rule.accountId ?? '' }) : fail('not-found', 'rule-missing', { ruleId: id });
      const row = store.listRules().find((r) => r.id === saved);
      return row ? ok(ruleView(row)) : fail('internal', 'internal', { method: 'saveRule', detail: `rule ${saved} was saved but cannot be read back` });
    },

    async deleteRule(req) {
      return store.deleteRule(req.id) ? ok(null) : fail('not-found', 'rule-missing', { ruleId: req.id });
    },

    async reorderRules(req) {
      return store.reorderRules(req.ids) ? ok(null) : fail('stale', 'rules-changed');
    },
  };
}
