// Pages of a long list fetched on demand as a virtual list scrolls (50,000 contacts, a report of
// 50,000 rows cost a few hundred rows in memory). A store change in `refreshOn` refetches the pages
// already seen while the old rows stay on screen (no flicker).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result, StoreChangedEvent } from '../../shared/api';
import { apiErrorText } from '../i18n/api-error';
import { useStoreChanges } from './useStoreChanges';

/** Rows per request. */
export const ROWS_PAGE = 200;

/**
 * The list named by `key` (a new key starts over; null: no list, nothing fetched): total (null
 * until known), a row getter, and ensurePage for the pages in view. `fetchPage` is called with the
 * offset and limit of a page.
 */
export function usePagedRows<T>(key: string | null, fetchPage: (offset: number, limit: number) => Promise<Result<{ total: number; rows: T[] }>>, refreshOn: StoreChangedEvent['entities'] = []) {
  const { t } = useTranslation();
  const [total, setTotal] = useState<number | null>(null);
  // Kept as the failure itself and worded when shown, so a change of language rewords it.
  const [error, setError] = useState<ApiError | null>(null);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const pages = useRef(new Map<number, { version: number; rows: T[] }>());
  const inFlight = useRef(new Set<string>());
  const version = useRef(0);
  const keyRef = useRef(key);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const ensurePage = useCallback((page: number) => {
    if (keyRef.current === null) return;
    const cached = pages.current.get(page);
    const tag = `${keyRef.current}:${version.current}:${page}`;
    if ((cached && cached.version === version.current) || inFlight.current.has(tag)) return;
    inFlight.current.add(tag);
    const requested = { key: keyRef.current, version: version.current };
    void fetchRef.current(page * ROWS_PAGE, ROWS_PAGE).then((res) => {
      inFlight.current.delete(tag);
      if (requested.key !== keyRef.current) return;
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setError(null);
      pages.current.set(page, { version: requested.version, rows: res.value.rows });
      setTotal(res.value.total);
      rerender();
    });
  }, []);

  useEffect(() => {
    keyRef.current = key;
    pages.current = new Map();
    inFlight.current = new Set();
    version.current++;
    setTotal(null);
    ensurePage(0);
  }, [key, ensurePage]);

  useStoreChanges(refreshOn, () => {
    version.current++;
    for (const page of pages.current.keys()) ensurePage(page);
    if (pages.current.size === 0) ensurePage(0);
  });

  const rowAt = useCallback((index: number): T | null => pages.current.get(Math.floor(index / ROWS_PAGE))?.rows[index % ROWS_PAGE] ?? null, []);

  return { total, error: error && apiErrorText(t, error), rowAt, ensurePage };
}

/** A virtualizer over `count` rows of fixed height (`overscan` rows kept beyond the view) that asks for the pages coming into view. */
export function useVirtualPages(count: number, ensurePage: (page: number) => void, rowHeight: number, overscan = 20) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    for (let page = Math.floor(first / ROWS_PAGE); page <= Math.floor(last / ROWS_PAGE); page++) ensurePage(page);
  }, [first, last, ensurePage]);
  return { scrollRef, virtualizer, items };
}
