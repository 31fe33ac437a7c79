// "Regole": the rules for incoming mail in the order they run, to add, edit, reorder and delete,
// and "Applica ai messaggi esistenti" on a chosen folder. Opened from the toolbar (RulesButton).
import type { TFunction } from 'i18next';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleView } from '../../../shared/api-organize';
import type { AccountView } from '../../../shared/api-values';
import type { RuleDraft, RuleErrors, RuleFieldError } from '../../../shared/rules';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useApiQuery } from '../../hooks/useApiQuery';
import { apiErrorText } from '../../i18n/api-error';
import { emptyRule, RuleEditor } from './RuleEditor';
import { folderErrorText } from '../folders/folder-errors';

/** A rule in one line: "Oggetto contiene «fattura» → Sposta nella cartella Fatture". */
function summary(rule: RuleView, t: TFunction): string {
  const when = rule.conditions.map((c) => `${t(`organize.field.${c.field}`)} «${c.field === 'pecType' ? t(`organize.pecType.${c.is}`) : c.contains}»`);
  const then = rule.actions.map((a) => `${t(`organize.action.${a.kind}`)}${a.kind === 'move' ? ` ${a.folderPath}` : a.kind === 'tag' ? ` «${a.tag}»` : ''}`);
  return `${when.join(' · ')} → ${then.join(' · ')}`;
}

/** Field errors from the main process's refusal ("name:required" items). */
function errorsOf(items: string[] | undefined): RuleErrors {
  return Object.fromEntries((items ?? []).map((item) => item.split(':') as [string, RuleFieldError]));
}

function accountName(accounts: AccountView[], id: string | null, t: TFunction): string {
  return id === null ? t('organize.allAccounts') : (accounts.find((a) => a.id === id)?.name ?? id);
}

/** The rules editor. */
export function RulesDialog({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const rules = useApiQuery(() => api.listRules({}), [], ['rules']);
  const accounts = useApiQuery(() => api.listAccounts({}), [], ['accounts']);
  const folders = useApiQuery(() => api.listFolders({}), [], ['folders', 'accounts']);
  const [editing, setEditing] = useState<{ id?: number; draft: RuleDraft } | null>(null);
  const [applyFolder, setApplyFolder] = useState('');
  const [notice, setNotice] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const list = rules.data ?? [];
  const accountList = accounts.data ?? [];

  const save = async (draft: RuleDraft): Promise<RuleErrors | string> => {
    const res = await api.saveRule({ ...draft, id: editing?.id });
    if (res.ok) {
      setEditing(null);
      return {};
    }
    return res.error.code === 'invalid-request' ? errorsOf(res.error.items) : apiErrorText(t, res.error);
  };
  const reorder = (from: number, to: number) => {
    const ids = list.map((r) => r.id);
    [ids[from], ids[to]] = [ids[to], ids[from]];
    void api.reorderRules({ ids }).then((res) => !res.ok && setNotice({ tone: 'bad', text: apiErrorText(t, res.error) }));
  };
  const remove = (rule: RuleView) => {
    void api.deleteRule({ id: rule.id }).then((res) => !res.ok && setNotice({ tone: 'bad', text: apiErrorText(t, res.error) }));
  };
  const apply = () => {
    setNotice(null);
    void api.applyRules({ folderId: Number(applyFolder) }).then((res) =>
      setNotice(res.ok ? { tone: 'ok', text: t('organize.applied', { ...res.value }) } : { tone: 'bad', text: folderErrorText(res.error, t) }),
    );
  };

  return (
    <Dialog title={t('organize.rulesTitle')} onClose={onClose} wide>
      <div className="rules" data-testid="rules-dialog">
        {editing ? (
          <RuleEditor initial={editing.draft} accounts={accountList} folders={folders.data ?? []} save={save} onCancel={() => setEditing(null)} />
        ) : (
          <>
            <p className="muted">{t('organize.rulesIntro')}</p>
            {list.length === 0 && <p className="pane-empty">{t('organize.noRules')}</p>}
            <ol className="rule-list">
              {list.map((rule, i) => (
                <li key={rule.id} className={rule.enabled ? 'rule-item' : 'rule-item rule-disabled'} data-testid="rule-item">
                  <div className="rule-text">
                    <strong>{rule.name}</strong> <span className="muted">· {accountName(accountList, rule.accountId, t)}</span>
                    {!rule.enabled && <span className="muted"> · {t('organize.disabled')}</span>}
                    <div className="rule-summary">{summary(rule, t)}</div>
                  </div>
                  <div className="rule-buttons">
                    <button type="button" className="icon-button" disabled={i === 0} onClick={() => reorder(i, i - 1)} aria-label={t('organize.moveUp')} title={t('organize.moveUp')}>
                      ↑
                    </button>
                    <button type="button" className="icon-button" disabled={i === list.length - 1} onClick={() => reorder(i, i + 1)} aria-label={t('organize.moveDown')} title={t('organize.moveDown')}>
                      ↓
                    </button>
                    <button type="button" onClick={() => setEditing({ id: rule.id, draft: rule })} data-testid="rule-edit">
                      {t('organize.editRule')}
                    </button>
                    <button type="button" className="danger" onClick={() => remove(rule)} data-testid="rule-delete">
                      {t('organize.deleteRule')}
                    </button>
                  </div>
                </li>
              ))}
            </ol>
            <div className="dialog-actions rules-footer">
              <label className="rules-apply">
                <span>{t('organize.applyTitle')}</span>
                <select value={applyFolder} onChange={(e) => setApplyFolder(e.target.value)} aria-label={t('organize.applyIn')} data-testid="rules-apply-folder">
                  <option value="">{t('organize.chooseFolder')}</option>
                  {(folders.data ?? []).map((f) => (
                    <option key={f.id} value={f.id}>
                      {accountName(accountList, f.accountId, t)} · {f.path}
                    </option>
                  ))}
                </select>
                <button type="button" disabled={!applyFolder || list.length === 0} onClick={apply} data-testid="rules-apply">
                  {t('organize.apply')}
                </button>
              </label>
              <button type="button" className="primary" onClick={() => setEditing({ draft: emptyRule() })} data-testid="rule-add">
                <Icon name="compose" /> {t('organize.addRule')}
              </button>
            </div>
            {notice && (
              <p className={`notice notice-${notice.tone}`} role="status" data-testid="rules-notice">
                {notice.text}
              </p>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}

/** The toolbar's "Regole" button and the dialog it opens. */
export function RulesButton(): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="tool" onClick={() => setOpen(true)} title={t('organize.rules')} data-testid="rules-button">
        <Icon name="listNumber" />
        <span>{t('organize.rules')}</span>
      </button>
      {open && <RulesDialog onClose={() => setOpen(false)} />}
    </>
  );
}
