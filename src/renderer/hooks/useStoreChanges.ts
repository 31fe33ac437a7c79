// Listening for store changes, for the hooks that keep their own state (usePagedRows; useApiQuery
// holds its gate itself). CONTRIBUTING.md "The store is the single writer, and the UI re-queries
// on change events".
import { useEffect, useRef } from 'react';
import type { StoreChangedEvent } from '../../shared/api';
import { CHANGE_SETTLE_MS, LIVE_GAP_MS, LiveGate } from '../../shared/live-gate';
import { onEvent } from '../api';

/**
 * Calls `onChange` when the store changes one of `entities` (none: never): CHANGE_SETTLE_MS after a
 * quiet moment, then at most once every LIVE_GAP_MS while changes keep coming (a long sync commits
 * several batches a second, and a debounce would call it only once they stop).
 */
export function useStoreChanges(entities: StoreChangedEvent['entities'], onChange: () => void): void {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const watched = entities.join(',');
  useEffect(() => {
    if (!watched) return;
    const wanted = new Set(watched.split(','));
    const gate = new LiveGate(async () => onChangeRef.current(), LIVE_GAP_MS, undefined, CHANGE_SETTLE_MS);
    const off = onEvent((event) => {
      if (event.type === 'store-changed' && event.entities.some((e) => wanted.has(e))) gate.request(false);
    });
    return () => {
      off();
      gate.dispose();
    };
  }, [watched]);
}
