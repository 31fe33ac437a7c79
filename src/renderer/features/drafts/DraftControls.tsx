// The composer's draft controls: where the draft stands ("Bozza salvata alle 10:42", or saved
// only on this computer and why), "Salva bozza", and "Scarta" after a confirmation that says
// both copies go.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { apiErrorText } from '../../i18n/api-error';
import type { TFunction } from 'i18next';
import type { DraftSaveState, DraftSaver } from './useDraftAutosave';

/** The time of a save to the second, on the 24-hour Rome clock the rest of the app shows (i18n/format.ts). */
function clockTime(iso: string, language: string): string {
  const options = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Rome' } as const;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'it-IT', options).format(new Date(iso));
}

/** Where the draft stands, in words. */
function statusText(s: Exclude<DraftSaveState, { kind: 'idle' }>, t: TFunction, language: string): string {
  switch (s.kind) {
    case 'pending':
      return t('drafts.pending');
    case 'saving':
      return t('drafts.saving');
    case 'error':
      return t('drafts.saveFailed', { message: apiErrorText(t, s.error) });
  }
  const time = clockTime(s.view.updatedAt, language);
  if (s.view.server === 'saved') return t('drafts.saved', { time });
  if (s.view.server === 'local') return t('drafts.savedNoAccount', { time });
  return t('drafts.savedLocalOnly', { time, detail: s.view.serverDetail ?? '' });
}

/** What the last save says, in words. */
function DraftStatus({ saver }: { saver: DraftSaver }): ReactElement | null {
  const { t, i18n } = useTranslation();
  const s = saver.state;
  if (s.kind === 'idle') return null;
  const text = statusText(s, t, i18n.language);
  const tone = s.kind === 'error' || (s.kind === 'saved' && s.view.server === 'failed') ? 'notice-bad' : 'muted';
  return (
    <span className={`draft-status ${tone}`} data-testid="draft-status" data-state={s.kind === 'saved' ? s.view.server : s.kind}>
      {text}
    </span>
  );
}

/** "Salva bozza", "Scarta" with its confirmation, and the save status; onDiscarded runs once the draft is gone. */
export function DraftControls({ saver, disabled, onDiscarded }: { saver: DraftSaver; disabled: boolean; onDiscarded(): void }): ReactElement {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const discard = async () => {
    setConfirming(false);
    const left = await saver.discard();
    if (left) setProblem(t('drafts.discardedServerLeft', { detail: left }));
    else onDiscarded();
  };
  return (
    <>
      <DraftStatus saver={saver} />
      {problem && (
        <span className="notice notice-bad" role="alert">
          {problem}
        </span>
      )}
      <button type="button" onClick={() => setConfirming(true)} disabled={disabled} data-testid="draft-discard">
        {t('drafts.discard')}
      </button>
      <button type="button" onClick={() => void saver.saveNow()} disabled={disabled} data-testid="draft-save">
        {t('drafts.save')}
      </button>
      {confirming && (
        <Dialog title={t('drafts.discardTitle')} onClose={() => setConfirming(false)}>
          <p>{t('drafts.discardConfirm')}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => void discard()} data-testid="draft-discard-confirm">
              {t('drafts.discardYes')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
