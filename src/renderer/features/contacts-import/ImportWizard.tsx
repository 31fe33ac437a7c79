// The spreadsheet import wizard (issue #7 §2): choose a file → check the columns → read the report
// → import, with a progress bar while the main process reads, checks and saves (in a worker
// thread, so the window never freezes) → what was done. Nothing is written before the user has
// seen the report; the import is one transaction, all rows or none.
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api';
import type { GroupView, ImportFileView, ImportOutcomeView, ImportPlanView, ImportPreviewView, ImportProgressEvent } from '../../../shared/api-contacts';
import { api, onEvent } from '../../api';
import { Dialog } from '../../components/Dialog';
import { receiveFile } from '../../components/fileOutput';
import { apiErrorText } from '../../i18n/api-error';
import { ChooseFile } from './ChooseFile';
import './import.css';
import { MappingStep } from './MappingStep';
import { ReportCounts, ReportRows } from './ReportStep';
import { groupNameOf, initialSettings, startingMapping, type ImportSettings } from './settings';

type Step =
  | { kind: 'choose' }
  | { kind: 'mapping'; preview: ImportPreviewView }
  | { kind: 'report'; preview: ImportPreviewView; plan: ImportPlanView }
  | { kind: 'done'; preview: ImportPreviewView; plan: ImportPlanView; outcome: ImportOutcomeView };

type Busy = 'reading' | 'planning' | 'committing' | 'saving';

const STEPS: Step['kind'][] = ['choose', 'mapping', 'report', 'done'];

function ProgressBar({ busy, progress }: { busy: Busy; progress: ImportProgressEvent | null }): ReactElement {
  const { t } = useTranslation();
  const known = progress !== null && progress.total > 0;
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <span>{t(`contactsImport.busy.${busy}`)}</span>
      {known ? <progress max={progress.total} value={Math.min(progress.done, progress.total)} /> : <progress />}
      {known && <span className="muted">{t('contactsImport.progress', { done: progress.done, total: progress.total })}</span>}
    </div>
  );
}

/** The wizard dialog; onShowGroup opens the group the contacts were imported into. */
export function ImportWizard(props: { groups: GroupView[]; onClose(): void; onShowGroup(groupId: number): void }): ReactElement {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [settings, setSettings] = useState<ImportSettings | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fileId = step.kind === 'choose' ? null : step.preview.fileId;

  useEffect(() => {
    if (!fileId) return;
    return onEvent((event) => {
      if (event.type === 'import-progress' && event.fileId === fileId) setProgress(event);
    });
  }, [fileId]);

  /** Runs one call with the progress bar up; errors land in the banner. */
  const work = async <T,>(kind: Busy, call: () => Promise<Result<T>>): Promise<T | null> => {
    setBusy(kind);
    setProgress(null);
    setError(null);
    const res = await call();
    setBusy(null);
    if (res.ok) return res.value;
    setError({ text: apiErrorText(t, res.error), stale: res.error.code === 'stale' });
    return null;
  };

  const preview = async (file: ImportFileView, sheetIndex?: number) => {
    const previewed = await work('reading', () => api.importPreview({ fileId: file.fileId, sheetIndex }));
    if (!previewed) return;
    setSettings((old) => (old && sheetIndex !== undefined ? { ...old, mapping: startingMapping(previewed) } : initialSettings(previewed)));
    setStep({ kind: 'mapping', preview: previewed });
  };

  const chosen = async (file: Promise<Result<ImportFileView | null>>) => {
    const picked = await work('reading', () => file);
    if (picked) await preview(picked);
  };

  const check = async (source: ImportPreviewView) => {
    if (!settings) return;
    const { mapping, group, policy } = settings;
    const plan = await work('planning', () => api.importPlan({ fileId: source.fileId, mapping, groupName: groupNameOf(group, props.groups), duplicatePolicy: policy }));
    if (plan) setStep({ kind: 'report', preview: source, plan });
  };

  const commit = async (source: ImportPreviewView, plan: ImportPlanView) => {
    const outcome = await work('committing', () => api.importCommit({ planId: plan.planId }));
    if (outcome) setStep({ kind: 'done', preview: source, plan, outcome });
  };

  const saveReport = async (plan: ImportPlanView) => {
    const output = await work('saving', () => api.importSaveReport({ planId: plan.planId }));
    if (output) setSaved(receiveFile(output));
  };

  const importable = step.kind === 'report' ? step.plan.counts.create + step.plan.counts.update + step.plan.counts.link : 0;

  return (
    <Dialog title={t('contactsImport.title')} onClose={props.onClose} wide>
      <div className="import-wizard" data-testid="import-wizard" data-step={step.kind}>
        <ol className="import-steps">
          {STEPS.map((s, i) => (
            <li key={s} className={s === step.kind ? 'current' : STEPS.indexOf(step.kind) > i ? 'past' : ''}>
              {i + 1}. {t(`contactsImport.step.${s}`)}
            </li>
          ))}
        </ol>
        {step.kind !== 'choose' && <p className="import-file">{t('contactsImport.file', { name: step.preview.name })}</p>}

        {step.kind === 'choose' && <ChooseFile busy={busy !== null} onChosen={(file) => void chosen(file)} />}
        {step.kind === 'mapping' && settings && (
          <MappingStep
            preview={step.preview}
            settings={settings}
            groups={props.groups}
            onChange={setSettings}
            onSheet={(sheetIndex) => void preview({ fileId: step.preview.fileId, name: step.preview.name }, sheetIndex)}
          />
        )}
        {(step.kind === 'report' || step.kind === 'done') && (
          <>
            {step.kind === 'done' && (
              <p className="notice notice-ok" data-testid="import-done">
                {t('contactsImport.done', { created: step.outcome.created, updated: step.outcome.updated, linked: step.outcome.linked })}{' '}
                {step.plan.groupName && t('contactsImport.doneGroup', { count: step.outcome.contacts, name: step.plan.groupName })}
              </p>
            )}
            <ReportCounts plan={step.plan} />
            <ReportRows plan={step.plan} />
          </>
        )}

        {busy && <ProgressBar busy={busy} progress={progress} />}
        {error && (
          <p className="notice notice-bad" role="alert" data-testid="import-error">
            {error.text}{' '}
            {error.stale && step.kind === 'report' && (
              <button type="button" className="link-button" onClick={() => void check(step.preview)}>
                {t('contactsImport.recheck')}
              </button>
            )}
          </p>
        )}
        {saved && <p className="notice notice-ok">{t('contactsImport.reportSaved', { file: saved })}</p>}

        <div className="dialog-actions">
          {step.kind === 'mapping' && (
            <>
              <button type="button" onClick={props.onClose}>
                {t('common.cancel')}
              </button>
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void check(step.preview)}>
                {t('contactsImport.check')}
              </button>
            </>
          )}
          {step.kind === 'report' && (
            <>
              <button type="button" disabled={busy !== null} onClick={() => setStep({ kind: 'mapping', preview: step.preview })}>
                ‹ {t('contactsImport.back')}
              </button>
              <button type="button" disabled={busy !== null} onClick={() => void saveReport(step.plan)}>
                {t('contactsImport.saveReport')}
              </button>
              <button type="button" className="primary" disabled={busy !== null || importable === 0} onClick={() => void commit(step.preview, step.plan)}>
                {t('contactsImport.commit', { count: importable })}
              </button>
            </>
          )}
          {step.kind === 'done' && (
            <>
              <button type="button" onClick={() => void saveReport(step.plan)}>
                {t('contactsImport.saveReport')}
              </button>
              {step.outcome.groupId !== null && (
                <button type="button" onClick={() => props.onShowGroup(step.outcome.groupId!)}>
                  {t('contactsImport.showGroup', { name: step.plan.groupName })}
                </button>
              )}
              <button type="button" className="primary" onClick={props.onClose}>
                {t('common.close')}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
