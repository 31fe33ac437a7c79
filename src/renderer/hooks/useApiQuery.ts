// Loads data through the API and loads it again when the store says what it shows has changed
// (CONTRIBUTING.md "The store is the single writer, and the UI re-queries on change events": it
// never waits on a mail server to paint). The re-queries on store changes go through a LiveGate
// (src/shared/live-gate.ts): one load in flight, one more after it when changes came meanwhile,
// CHANGE_SETTLE_MS after a quiet moment and LIVE_GAP_MS apart at least. So a view stays current
// through a burst of commits (a long sync, a sending campaign), where a debounce would wait for a
// quiet moment that may not come; and a change never makes the answer on its way stale, only new
// inputs or a reload do.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result, StoreChangedEvent } from '../../shared/api';
import { CHANGE_SETTLE_MS, LIVE_GAP_MS, LiveGate } from '../../shared/live-gate';
import { onEvent } from '../api';

/** State of a query. */
export interface Query<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Runs `load` now, when deps change, and when the store reports a change in `refreshOn`. */
export function useApiQuery<T>(load: () => Promise<Result<T>>, deps: unknown[], refreshOn: StoreChangedEvent['entities'] = []): Query<T> {
  const [state, setState] = useState<Omit<Query<T>, 'reload'>>({ data: null, error: null, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const gate = useRef<LiveGate | null>(null);

  // First of the effects, so the gate exists when the others ask it for a load.
  useEffect(() => {
    const mine = new LiveGate(
      async (isCurrent) => {
        const result = await loadRef.current();
        if (isCurrent()) setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
      },
      LIVE_GAP_MS,
      undefined,
      CHANGE_SETTLE_MS,
    );
    gate.current = mine;
    return () => {
      mine.dispose();
      if (gate.current === mine) gate.current = null;
    };
  }, []);

  // Re-run when the caller's deps change (they are the inputs of load).
  useEffect(() => {
    setState((s) => ({ ...s, loading: true }));
    gate.current?.request(true);
  }, deps);

  const watched = refreshOn.join(',');
  useEffect(() => {
    if (!watched) return;
    const wanted = new Set(watched.split(','));
    return onEvent((event) => {
      if (event.type === 'store-changed' && event.entities.some((e) => wanted.has(e))) gate.current?.request(false);
    });
  }, [watched]);

  const reload = useCallback(() => gate.current?.request(true), []);
  return { ...state, reload };
}
