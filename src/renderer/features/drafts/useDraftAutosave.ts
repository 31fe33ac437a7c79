// The composer's draft autosave as a React hook: DraftAutosave (draft-autosave.ts) decides when
// to save; this hook gives it api.draftSave and turns its state into React state. Sending settles
// it: the save in flight finishes, no new one starts, and the message names the draft so the main
// process removes it once sent.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { apiErrorText } from '../../i18n/api-error';
import { DraftAutosave, SERVER_RETRY_MS, type DraftFields, type DraftSaveState } from './draft-autosave';

export type { DraftFields, DraftSaveState } from './draft-autosave';

/** The autosave of one composer. */
export interface DraftSaver {
  draftId: number | null;
  state: DraftSaveState;
  /** The user changed something: a save follows once they pause. */
  changed(): void;
  /** Saves now ("Salva bozza") and resolves once that save is done. */
  saveNow(): Promise<void>;
  /** Waits for the save in flight and stops saving (before sending); resolves with the draft's id. */
  settle(): Promise<number | null>;
  /** Saving starts again (the send failed: the user goes on editing). */
  resume(): void;
  /** Deletes the draft here and on the server, and stops saving; resolves with what went wrong, in the window's language, if anything. */
  discard(): Promise<string | null>;
}

/** Autosaves the fields `collect` returns, `delayMs` after the last change. */
export function useDraftAutosave(initialId: number | null, collect: () => DraftFields, delayMs = 1000): DraftSaver {
  const { t } = useTranslation();
  const [draftId, setDraftId] = useState(initialId);
  const [state, setState] = useState<DraftSaveState>({ kind: 'idle' });
  const collectRef = useRef(collect);
  collectRef.current = collect;
  const autosave = useRef<DraftAutosave | null>(null);
  autosave.current ??= new DraftAutosave(initialId, {
    save: (fields, id) => api.draftSave({ ...fields, draftId: id }),
    collect: () => collectRef.current(),
    onState: setState,
    onDraftId: setDraftId,
    delayMs,
    retryMs: SERVER_RETRY_MS,
  });
  const saver = autosave.current;

  // A pending change is saved when the composer goes away (its tab closed), not dropped.
  useEffect(() => () => saver.leave(), [saver]);

  return useMemo<DraftSaver>(
    () => ({
      draftId,
      state,
      changed: () => saver.changed(),
      saveNow: () => saver.saveNow(),
      settle: () => saver.settle(),
      resume: () => saver.resume(),
      async discard() {
        const id = await saver.settle();
        if (id === null) return null;
        const res = await api.draftDiscard({ draftId: id });
        if (!res.ok) return res.error.code === 'not-found' ? null : apiErrorText(t, res.error);
        return res.value.serverRemoved ? null : res.value.detail;
      },
    }),
    [draftId, state, saver, t],
  );
}
