// One rule being written: name, account, conditions, actions. Errors are shown in words next to
// the field they are about, from the same checks the main process makes (shared/rules.ts).
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, FolderView } from '../../../shared/api-values';
import { RULE_PEC_TYPES, RULE_TEXT_FIELDS, ruleErrors, type RuleAction, type RuleCondition, type RuleDraft, type RuleErrors, type RuleFieldError } from '../../../shared/rules';

const CONDITION_FIELDS = [...RULE_TEXT_FIELDS, 'pecType'] as const;
const ACTION_KINDS = ['move', 'tag', 'markRead', 'notify'] as const;

/** An empty rule for every account, with one condition and one action to fill in. */
export function emptyRule(): RuleDraft {
  return { name: '', accountId: null, enabled: true, conditions: [{ field: 'subject', contains: '' }], actions: [{ kind: 'tag', tag: '' }] };
}

function newCondition(field: (typeof CONDITION_FIELDS)[number]): RuleCondition {
  return field === 'pecType' ? { field, is: 'avvenuta-consegna' } : { field, contains: '' };
}

function newAction(kind: (typeof ACTION_KINDS)[number], folders: string[]): RuleAction {
  if (kind === 'move') return { kind, folderPath: folders[0] ?? '' };
  return kind === 'tag' ? { kind, tag: '' } : { kind };
}

/** The rule form; `save` resolves to the main process's field errors (empty when saved). */
export function RuleEditor(props: { initial: RuleDraft; accounts: AccountView[]; folders: FolderView[]; save(rule: RuleDraft): Promise<RuleErrors | string>; onCancel(): void }): ReactElement {
  const { t } = useTranslation();
  const [rule, setRule] = useState<RuleDraft>(props.initial);
  const [errors, setErrors] = useState<RuleErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const shown = tried ? { ...ruleErrors(rule), ...errors } : errors;
  const folderPaths = [...new Set(props.folders.filter((f) => !f.localOnly && (rule.accountId === null || f.accountId === rule.accountId)).map((f) => f.path))].sort();

  const update = (patch: Partial<RuleDraft>) => {
    setRule({ ...rule, ...patch });
    setErrors({});
  };
  const setCondition = (i: number, c: RuleCondition) => update({ conditions: rule.conditions.map((x, j) => (j === i ? c : x)) });
  const setAction = (i: number, a: RuleAction) => update({ actions: rule.actions.map((x, j) => (j === i ? a : x)) });
  const errorText = (key: string) => {
    const code: RuleFieldError | undefined = shown[key];
    return code ? (
      <em className="field-error" role="alert" data-testid={`rule-error-${key}`}>
        {t(`organize.fieldError.${code}`)}
      </em>
    ) : null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(ruleErrors(rule)).length > 0) return;
    const result = await props.save(rule);
    if (typeof result === 'string') setFailure(result);
    else setErrors(result);
  };

  return (
    <form className="rule-editor" onSubmit={(e) => void submit(e)} data-testid="rule-editor" noValidate>
      <label className="field">
        <span>{t('organize.ruleName')}</span>
        <input value={rule.name} onChange={(e) => update({ name: e.target.value })} maxLength={400} data-testid="rule-name" aria-invalid={!!shown.name} />
        {errorText('name')}
      </label>
      <div className="field-grid">
        <label className="field">
          <span>{t('organize.ruleAccount')}</span>
          <select value={rule.accountId ?? ''} onChange={(e) => update({ accountId: e.target.value || null })} data-testid="rule-account">
            <option value="">{t('organize.allAccounts')}</option>
            {props.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.address})
              </option>
            ))}
          </select>
        </label>
        <label className="field field-check">
          <input type="checkbox" checked={rule.enabled} onChange={(e) => update({ enabled: e.target.checked })} data-testid="rule-enabled" />
          <span>{t('organize.enabled')}</span>
        </label>
      </div>

      <fieldset className="rule-part">
        <legend>{t('organize.conditions')}</legend>
        {rule.conditions.map((c, i) => (
          <div key={i} className="rule-line" data-testid="rule-condition">
            <select value={c.field} onChange={(e) => setCondition(i, newCondition(e.target.value as RuleCondition['field']))} aria-label={t('organize.conditions')}>
              {CONDITION_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`organize.field.${f}`)}
                </option>
              ))}
            </select>
            {c.field === 'pecType' ? (
              <select value={c.is} onChange={(e) => setCondition(i, { field: 'pecType', is: e.target.value as typeof c.is })} aria-label={t('organize.field.pecType')}>
                {RULE_PEC_TYPES.map((p) => (
                  <option key={p} value={p}>
                    {t(`organize.pecType.${p}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input value={c.contains} onChange={(e) => setCondition(i, { field: c.field, contains: e.target.value })} aria-label={t(`organize.field.${c.field}`)} aria-invalid={!!shown[`conditions.${i}`]} maxLength={200} />
            )}
            <button type="button" onClick={() => update({ conditions: rule.conditions.filter((_, j) => j !== i) })}>
              {t('organize.remove')}
            </button>
            {errorText(`conditions.${i}`)}
          </div>
        ))}
        {errorText('conditions')}
        <button type="button" className="link-button" onClick={() => update({ conditions: [...rule.conditions, newCondition('from')] })} data-testid="rule-add-condition">
          + {t('organize.addCondition')}
        </button>
      </fieldset>

      <fieldset className="rule-part">
        <legend>{t('organize.actions')}</legend>
        {rule.actions.map((a, i) => (
          <div key={i} className="rule-line" data-testid="rule-action">
            <select value={a.kind} onChange={(e) => setAction(i, newAction(e.target.value as RuleAction['kind'], folderPaths))} aria-label={t('organize.actions')}>
              {ACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`organize.action.${k}`)}
                </option>
              ))}
            </select>
            {a.kind === 'move' && (
              <select value={a.folderPath} onChange={(e) => setAction(i, { kind: 'move', folderPath: e.target.value })} aria-label={t('organize.action.move')} aria-invalid={!!shown[`actions.${i}`]}>
                <option value="">{t('organize.chooseFolder')}</option>
                {folderPaths.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            )}
            {a.kind === 'tag' && <input value={a.tag} onChange={(e) => setAction(i, { kind: 'tag', tag: e.target.value })} aria-label={t('organize.action.tag')} aria-invalid={!!shown[`actions.${i}`]} maxLength={160} />}
            <button type="button" onClick={() => update({ actions: rule.actions.filter((_, j) => j !== i) })}>
              {t('organize.remove')}
            </button>
            {errorText(`actions.${i}`)}
          </div>
        ))}
        {errorText('actions')}
        <button type="button" className="link-button" onClick={() => update({ actions: [...rule.actions, newAction('notify', folderPaths)] })} data-testid="rule-add-action">
          + {t('organize.addAction')}
        </button>
      </fieldset>

      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {t('organize.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="rule-save">
          {t('organize.saveRule')}
        </button>
      </div>
    </form>
  );
}
