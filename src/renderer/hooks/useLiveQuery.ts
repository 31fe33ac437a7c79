// A query kept current while the store changes fast: a campaign that sends commits many batches a
// second, each a store-changed. At most one load is in flight; changes that arrive meanwhile make
// one more load once it is back, LIVE_GAP_MS at least after the last one started. So a burst of
// commits costs a few loads a second, never one per commit, and never none until the burst ends
// (a debounce, as useStoreChanges does, waits for a quiet moment that a sending campaign never has).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result, StoreChangedEvent } from '../../shared/api';
import { onEvent } from '../api';
import type { Query } from './useApiQuery';

/** The shortest time between the starts of two loads caused by store changes. */
export const LIVE_GAP_MS = 250;

interface Gate {
  running: boolean;
  /** Something changed while a load ran: load again after it. */
  again: boolean;
  /** The next load is the caller's (deps changed, reload()): it does not wait for the gap. */
  urgent: boolean;
  lastStart: number;
  generation: number;
  timer: ReturnType<typeof setTimeout> | null;
  disposed: boolean;
}

/** Like useApiQuery, with re-queries on `refreshOn` changes coalesced as said above. */
export function useLiveQuery<T>(load: () => Promise<Result<T>>, deps: unknown[], refreshOn: StoreChangedEvent['entities']): Query<T> {
  const [state, setState] = useState<Omit<Query<T>, 'reload'>>({ data: null, error: null, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const gate = useRef<Gate>({ running: false, again: false, urgent: false, lastStart: -Infinity, generation: 0, timer: null, disposed: false });

  const start = useCallback(() => {
    const g = gate.current;
    if (g.disposed) return;
    g.running = true;
    g.lastStart = performance.now();
    const mine = ++g.generation;
    void loadRef
      .current()
      .then((result) => {
        if (mine !== g.generation || g.disposed) return;
        setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
      })
      .finally(() => {
        g.running = false;
        if (!g.again || g.disposed) return;
        g.again = false;
        const wait = g.urgent ? 0 : Math.max(0, g.lastStart + LIVE_GAP_MS - performance.now());
        g.urgent = false;
        g.timer = setTimeout(() => {
          g.timer = null;
          start();
        }, wait);
      });
  }, []);

  /** Asks for a load: now, after the one in flight, or once the gap since the last one has passed. */
  const schedule = useCallback(
    (urgent: boolean) => {
      const g = gate.current;
      if (g.running) {
        g.again = true;
        g.urgent ||= urgent;
        // The caller's inputs changed: what the load in flight answers is for the old ones.
        if (urgent) g.generation++;
        return;
      }
      if (g.timer && !urgent) return;
      if (g.timer) clearTimeout(g.timer);
      g.timer = null;
      const wait = urgent ? 0 : g.lastStart + LIVE_GAP_MS - performance.now();
      if (wait <= 0) return start();
      g.timer = setTimeout(() => {
        g.timer = null;
        start();
      }, wait);
    },
    [start],
  );

  useEffect(() => {
    setState((s) => ({ ...s, loading: true }));
    schedule(true);
  }, deps);

  const watched = refreshOn.join(',');
  useEffect(() => {
    const wanted = new Set(watched.split(','));
    const off = onEvent((event) => {
      if (event.type === 'store-changed' && event.entities.some((e) => wanted.has(e))) schedule(false);
    });
    return off;
  }, [watched, schedule]);

  useEffect(() => {
    const g = gate.current;
    g.disposed = false;
    return () => {
      g.disposed = true;
      if (g.timer) clearTimeout(g.timer);
      g.timer = null;
    };
  }, []);

  const reload = useCallback(() => schedule(true), [schedule]);
  return { ...state, reload };
}
