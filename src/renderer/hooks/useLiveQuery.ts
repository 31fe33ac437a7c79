// A query kept current while the store changes fast (a sending campaign): its re-queries on store
// changes are coalesced by a LiveGate (src/shared/live-gate.ts: one load in flight, one more after
// it when changes came meanwhile, LIVE_GAP_MS apart at least), where useApiQuery's debounce would
// wait for a quiet moment that a sending campaign never has.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result, StoreChangedEvent } from '../../shared/api';
import { LiveGate } from '../../shared/live-gate';
import { onEvent } from '../api';
import type { Query } from './useApiQuery';

/** Like useApiQuery, with re-queries on `refreshOn` changes coalesced as said above. */
export function useLiveQuery<T>(load: () => Promise<Result<T>>, deps: unknown[], refreshOn: StoreChangedEvent['entities']): Query<T> {
  const [state, setState] = useState<Omit<Query<T>, 'reload'>>({ data: null, error: null, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const gate = useRef<LiveGate | null>(null);

  // First of the effects, so the gate exists when the others ask it for a load.
  useEffect(() => {
    const mine = new LiveGate(async (isCurrent) => {
      const result = await loadRef.current();
      if (isCurrent()) setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
    });
    gate.current = mine;
    return () => {
      mine.dispose();
      if (gate.current === mine) gate.current = null;
    };
  }, []);

  useEffect(() => {
    setState((s) => ({ ...s, loading: true }));
    gate.current?.request(true);
  }, deps);

  const watched = refreshOn.join(',');
  useEffect(() => {
    const wanted = new Set(watched.split(','));
    return onEvent((event) => {
      if (event.type === 'store-changed' && event.entities.some((e) => wanted.has(e))) gate.current?.request(false);
    });
  }, [watched]);

  const reload = useCallback(() => gate.current?.request(true), []);
  return { ...state, reload };
}
