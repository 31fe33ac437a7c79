// Autosave of the composer's draft: a save runs once the user has paused for a moment, one at a
// time (a change during a save is saved right after it), to the store first and then to the
// server's Drafts (api.draftSave). Sending settles it: the save in flight finishes, no new one
// starts, and the message names the draft so the main process removes it once sent.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiInput } from '../../../shared/api';
import type { DraftSaveView } from '../../../shared/api-drafts';
import { api } from '../../api';

/** How the last save went. */
export type DraftSaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; view: DraftSaveView }
  | { kind: 'error'; message: string };

/** The draft's fields as the composer holds them now. */
export type DraftFields = Omit<ApiInput<'draftSave'>, 'draftId'>;

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
  /** Deletes the draft here and on the server, and stops saving; resolves with the error message, if any. */
  discard(): Promise<string | null>;
}

/** Autosaves the fields `collect` returns, `delayMs` after the last change. */
export function useDraftAutosave(initialId: number | null, collect: () => DraftFields, delayMs = 1000): DraftSaver {
  const [draftId, setDraftId] = useState(initialId);
  const [state, setState] = useState<DraftSaveState>({ kind: 'idle' });
  const id = useRef(initialId);
  const collectRef = useRef(collect);
  collectRef.current = collect;
  const busy = useRef<Promise<void> | null>(null);
  const dirty = useRef(false);
  const stopped = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const run = useCallback((): Promise<void> => {
    if (stopped.current) return Promise.resolve();
    dirty.current = true;
    if (busy.current) return busy.current;
    dirty.current = false;
    setState({ kind: 'saving' });
    const saving = api.draftSave({ ...collectRef.current(), draftId: id.current }).then((res) => {
      if (res.ok) {
        id.current = res.value.draftId;
        setDraftId(res.value.draftId);
        setState({ kind: 'saved', view: res.value });
      } else {
        setState({ kind: 'error', message: res.error.message });
        // Discarded or sent from another tab: this composer no longer has a draft to save into.
        if (res.error.code === 'not-found') stopped.current = true;
      }
    });
    busy.current = saving.finally(() => {
      busy.current = null;
      if (dirty.current && !stopped.current) void run();
    });
    return busy.current;
  }, []);

  const waitIdle = async () => {
    while (busy.current) await busy.current;
  };

  // A pending change is saved when the composer goes away (its tab closed), not dropped.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimer();
        void run();
      }
    },
    [run],
  );

  return useMemo<DraftSaver>(
    () => ({
      draftId,
      state,
      changed() {
        if (stopped.current) return;
        clearTimer();
        timer.current = setTimeout(() => {
          timer.current = null;
          void run();
        }, delayMs);
      },
      async saveNow() {
        clearTimer();
        stopped.current = false;
        await run();
        await waitIdle();
      },
      async settle() {
        clearTimer();
        stopped.current = true;
        await waitIdle();
        return id.current;
      },
      resume() {
        stopped.current = false;
      },
      async discard() {
        clearTimer();
        stopped.current = true;
        await waitIdle();
        if (id.current === null) return null;
        const res = await api.draftDiscard({ draftId: id.current });
        if (!res.ok) return res.error.code === 'not-found' ? null : res.error.message;
        return res.value.serverRemoved ? null : res.value.detail;
      },
    }),
    [draftId, state, run, delayMs],
  );
}
