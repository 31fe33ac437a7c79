// What every handler works with: the services, the host, the files opened from disk, the user's
// preferences and the event emitter.
import type { PecEvent } from '../../shared/api';
import type { Services } from '../services';
import type { FolderGrants } from './folder-grants';
import type { Host } from './host';
import type { OpenedFiles } from './opened-files';
import type { Preferences } from './preferences';
import type { ContentCache } from '../mail';

/** Shared state of the API handlers. */
export interface ApiContext {
  services: Services;
  host: Host;
  files: OpenedFiles;
  prefs: Preferences;
  content: ContentCache;
  /** Folders the main process chose for saving, handed to the page as one-use tokens. */
  folders: FolderGrants;
  /** A private temporary folder (copies of attachments opened with the system), removed on dispose. */
  scratchDir(): string;
  emit(event: PecEvent): void;
}
