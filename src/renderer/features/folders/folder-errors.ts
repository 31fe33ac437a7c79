// A refused change to the folder tree in the UI's language: the engine's reason travels as the
// error's one item (src/main/api/folder-changes.ts); anything else is said with the server's words.
import type { TFunction } from 'i18next';
import type { ApiError } from '../../../shared/api';

const KNOWN = ['no-such-folder', 'local-only', 'protected', 'bad-name', 'exists', 'into-itself', 'has-subfolders', 'not-empty'];

/** What to tell the user about a refused folder change. */
export function folderErrorText(error: ApiError, t: TFunction): string {
  const reason = error.items?.[0];
  if (reason && KNOWN.includes(reason)) return t(`organize.folderError.${reason}`);
  if (reason === 'server-refused') return t('organize.folderError.server-refused', { detail: error.message });
  return t('organize.folderError.connection', { detail: error.message });
}
