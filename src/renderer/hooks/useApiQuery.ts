// Loads data through the API and loads it again when the store says what it shows has changed
// (CONTRIBUTING.md "The store is the single writer, and the UI re-queries on change events": it
// never waits on a mail server to paint).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result, StoreChangedEvent } from '../../shared/api';
import { useStoreChanges } from './useStoreChanges';

/** State of a query. */
export interface Query<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Runs `load` now, when deps change, and when the store reports a change in `refreshOn`. */
export function useApiQuery<T>(load: () => Promise<Result<T>>, deps: unknown[], refreshOn: StoreChangedEvent['entities'] = []): Query<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    void loadRef.current().then((result) => {
      if (mine !== generation.current) return;
      setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
    });
  }, []);

  // Re-run when the caller's deps change (they are the inputs of load).
  useEffect(run, deps);

  useStoreChanges(refreshOn, run);

  return { ...state, reload: run };
}
