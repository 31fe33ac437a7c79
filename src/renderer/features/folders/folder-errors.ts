// A refused change to the folder tree in the UI's language: the engine's reason travels as the
// error's one item (src/main/api/folder-changes.ts); anything else is said with the server's words.
import type { TFunction } from 'i18next';
import type { ApiError } from '../../../shared/api';
import { apiErrorText } from '../../i18n/api-error';

const KNOWN = ['no-such-folder', 'local-only', 'protected', 'bad-name', 'exists', 'into-itself', 'has-subfolders', 'not-empty'];

/** What to tell the user about a refused folder change. */
export function folderErrorText(error: ApiError, t: TFunction): string {
  const reason = error.items?.[0];
  if (reason && KNOWN.includes(reason)) return t(`organize.folderError.${reason}`);
  // The detail in the window's language too (a server's reply has no reason and stays as it came).
  const detail = apiErrorText(t, error);
  if (reason === 'server-refused') return t('organize.folderError.server-refused', { detail });
  return t('organize.folderError.connection', { detail });
}
