// What the message list shows: the selected folder or, while the search field holds words, the
// messages matching them in that folder or in every folder.
import { useState } from 'react';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import type { CorrespondenceRequest } from '../workspace/workspace';
import type { SearchScope } from './SearchField';
import type { ListSource } from './usePagedMessages';

// Long enough to let a word be typed, short enough to feel immediate.
const SEARCH_DEBOUNCE_MS = 250;

/** The search that lists everything exchanged with an address (the con: filter). */
export function correspondenceQuery(address: string): string {
  return `con:${address}`;
}

/**
 * The search field's state and the list source it gives with the selected folder (null: nothing to
 * show, or "Importati" when `imported`, whose messages are in no server folder a search looks in).
 * A new `correspondence` request ("Tutta la corrispondenza con…") searches every folder for
 * everything exchanged with its address.
 */
export function useListSource(folderId: number | null, imported = false, correspondence: CorrespondenceRequest | null = null) {
  const [query, setQuery] = useState('');
  const [chosenScope, setScope] = useState<SearchScope>('folder');
  const [seenRequest, setSeenRequest] = useState(0);
  if (correspondence && correspondence.serial !== seenRequest) {
    setSeenRequest(correspondence.serial);
    setQuery(correspondenceQuery(correspondence.address));
    setScope('all');
  }
  // Choosing another folder means "show me that folder": the search is over.
  const [queryFolderId, setQueryFolderId] = useState(imported ? 'imported' : folderId);
  if (queryFolderId !== (imported ? 'imported' : folderId)) {
    setQueryFolderId(imported ? 'imported' : folderId);
    setQuery('');
  }
  const scope: SearchScope = folderId === null ? 'all' : chosenScope;
  const typed = query.trim();
  // Typing waits for a pause; clearing shows the folder at once, and forgets the last search at
  // once too, so words typed right after a clear never bring back the old results.
  const settled = useDebouncedValue(typed, typed ? SEARCH_DEBOUNCE_MS : 0);
  const searched = typed ? settled : '';
  let source: ListSource | null = null;
  if (searched) source = { kind: 'search', query: searched, folderId: scope === 'folder' ? folderId : null };
  else if (imported) source = { kind: 'imported' };
  else if (folderId !== null) source = { kind: 'folder', folderId };
  return { query, setQuery, scope, setScope, source };
}
