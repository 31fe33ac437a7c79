// Listening for store changes, shared by the hooks that load through the API (CONTRIBUTING.md
// "The store is the single writer, and the UI re-queries on change events").
import { useEffect, useRef } from 'react';
import type { StoreChangedEvent } from '../../shared/api';
import { onEvent } from '../api';

// During a sync the store commits many small writes; one reload per burst is enough.
const CHANGE_DEBOUNCE_MS = 150;

/** Calls `onChange` once per burst of store changes touching one of `entities` (none: never). */
export function useStoreChanges(entities: StoreChangedEvent['entities'], onChange: () => void): void {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const watched = entities.join(',');
  useEffect(() => {
    if (!watched) return;
    const wanted = new Set(watched.split(','));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent((event) => {
      if (event.type !== 'store-changed' || !event.entities.some((e) => wanted.has(e))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => onChangeRef.current(), CHANGE_DEBOUNCE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [watched]);
}
