// Pages of a folder's message list fetched on demand as the virtual list scrolls, so a folder of
// 100,000 messages costs a few hundred rows in memory. A store change refetches the pages in view
// while the old rows stay on screen (no flicker during a sync).
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { MessageRow } from '../../../shared/api-values';
import { api, onEvent } from '../../api';

/** Rows per request. */
export const PAGE_SIZE = 200;

/** Sort column of the list. */
export type SortField = 'date' | 'from' | 'subject' | 'size';

interface Page {
  version: number;
  rows: MessageRow[];
}

/** The list of one folder: total, a row getter, and a way to ask for the rows in view. */
export function usePagedMessages(folderId: number | null, sort: SortField, direction: 'asc' | 'desc') {
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const pages = useRef(new Map<number, Page>());
  const inFlight = useRef(new Set<string>());
  const version = useRef(0);
  const key = `${folderId}:${sort}:${direction}`;
  const keyRef = useRef(key);

  const ensurePage = useCallback(
    (page: number) => {
      if (folderId === null) return;
      const cached = pages.current.get(page);
      const tag = `${keyRef.current}:${version.current}:${page}`;
      if ((cached && cached.version === version.current) || inFlight.current.has(tag)) return;
      inFlight.current.add(tag);
      const requested = { key: keyRef.current, version: version.current };
      void api.listMessages({ folderId, offset: page * PAGE_SIZE, limit: PAGE_SIZE, sort, direction }).then((res) => {
        inFlight.current.delete(tag);
        if (requested.key !== keyRef.current) return;
        if (!res.ok) {
          setError(res.error.message);
          return;
        }
        setError(null);
        pages.current.set(page, { version: requested.version, rows: res.value.rows });
        setTotal(res.value.total);
        rerender();
      });
    },
    [folderId, sort, direction],
  );

  useEffect(() => {
    keyRef.current = key;
    pages.current = new Map();
    inFlight.current = new Set();
    version.current++;
    setTotal(0);
    ensurePage(0);
  }, [key, ensurePage]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent((event) => {
      if (event.type !== 'store-changed' || !event.entities.some((e) => e === 'messages' || e === 'receipts' || e === 'sent')) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        version.current++;
        for (const page of pages.current.keys()) ensurePage(page);
        if (pages.current.size === 0) ensurePage(0);
      }, 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [ensurePage]);

  const rowAt = useCallback((index: number): MessageRow | null => pages.current.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE] ?? null, []);

  return { total, error, rowAt, ensurePage };
}
