// The implementation of the shared API contract over PecDesk's services: one handler per method,
// validated at this edge (dispatch.ts), errors as typed values. The Electron IPC (src/main/app)
// and the web bridge (src/main/webbridge) both serve exactly this.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PecEvent, Result, StoreChangedEvent } from '../../shared/api';
import type { OpenedFile } from '../../shared/api-values';
import type { Services } from '../services';
import type { StoreEntity } from '../store';
import { accountHandlers } from './accounts';
import { archiveHandlers } from './archive';
import { attachmentHandlers } from './attachments';
import { messageFileHandlers } from './message-file';
import { campaignDraftHandlers } from './campaign-drafts';
import { campaignHandlers, notifyOverdue } from './campaigns';
import { composeHandlers } from './compose';
import { messageCheckHandlers } from './message-check';
import { contactHandlers } from './contacts';
import { contactImportHandlers } from './contacts-import';
import type { ApiContext } from './context';
import { diagnosticsHandlers } from './diagnostics';
import { DraftPushes, draftHandlers } from './drafts';
import { createDispatcher, type Dispatch } from './dispatch';
import { FolderGrants } from './folder-grants';
import { folderChangeHandlers, ruleNotifyEvent } from './folder-changes';
import { NotificationSettingsFile } from '../keeping';
import { keepingHandlers } from './keeping';
import { Notifier } from './notifier';
import { printHandlers } from './print';
import { folderHandlers } from './folders';
import { organizeHandlers } from './organize';
import type { Host } from './host';
import { ContentCache } from '../mail';
import { messageHandlers, openFileFromDisk } from './messages';
import { moveHandlers } from './move-messages';
import { OpenedFiles } from './opened-files';
import { Preferences } from './preferences';
import { providerIndexHandlers } from './provider-index';
import { syncProgress } from './sync-progress';
import { remoteContentHandlers } from './remote-content';
import { SyncStates } from './sync-state';
import { storeHealthHandlers } from './store-health';
import { systemHandlers } from './system';
import { templateDraftHandlers } from './template-drafts';
import { trustHandlers } from './trust';

export type { Dispatch } from './dispatch';
export type { Host } from './host';

/** The API as its transports (IPC, web bridge) use it. */
export interface ApiBackend {
  /** Calls a method by name with an untrusted payload; always resolves to a Result. */
  dispatch: Dispatch;
  /** Subscribes to events for the renderer; returns the unsubscribe function. */
  onEvent(listener: (event: PecEvent) => void): () => void;
  /** Opens a message file the OS handed to the app (open-file, argv) and tells the renderer. */
  openFile(filePath: string): Promise<Result<OpenedFile>>;
  /** Stops listening to the services and removes temporary files; the services stay open. */
  dispose(): void;
}

const ENTITY: Record<StoreEntity, StoreChangedEvent['entities'][number]> = {
  accounts: 'accounts',
  folders: 'folders',
  messages: 'messages',
  message_locations: 'messages',
  receipts: 'receipts',
  sent_messages: 'sent',
  deliveries: 'sent',
  campaigns: 'campaigns',
  campaign_recipients: 'campaigns',
  provider_index_versions: 'providerIndex',
  provider_index_state: 'providerIndex',
  message_drafts: 'drafts',
  message_tags: 'messages',
  message_notes: 'messages',
  mail_rules: 'rules',
  contacts: 'contacts',
  groups: 'contacts',
};

/** Builds the API over the services for a host. */
export function createApi(services: Services, host: Host, log?: (message: string) => void): ApiBackend {
  const listeners = new Set<(event: PecEvent) => void>();
  const emit = (event: PecEvent) => listeners.forEach((l) => l(event));
  let scratch: string | null = null;
  const ctx: ApiContext = {
    services,
    host,
    files: new OpenedFiles(),
    prefs: Preferences.inDataDir(services.dataDir),
    content: new ContentCache(),
    folders: new FolderGrants(),
    scratchDir: () => (scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-open-'))),
    emit,
  };
  const sync = new SyncStates();
  const draftPushes = new DraftPushes();
  const notifier = new Notifier(ctx, NotificationSettingsFile.inDataDir(services.dataDir));
  const dispatch = createDispatcher(
    {
      ...systemHandlers(ctx),
      ...accountHandlers(ctx, sync),
      ...folderHandlers(ctx),
      ...messageHandlers(ctx),
      ...moveHandlers(ctx),
      ...attachmentHandlers(ctx),
      ...messageFileHandlers(ctx),
      ...contactHandlers(ctx),
      ...contactImportHandlers(ctx),
      ...remoteContentHandlers(ctx),
      ...composeHandlers(ctx, draftPushes),
      ...messageCheckHandlers(ctx),
      ...campaignHandlers(ctx),
      ...campaignDraftHandlers(ctx),
      ...diagnosticsHandlers(ctx, sync),
      ...providerIndexHandlers(ctx),
      ...trustHandlers(ctx),
      ...storeHealthHandlers(ctx),
      ...draftHandlers(ctx, draftPushes),
      ...templateDraftHandlers(ctx),
      ...folderChangeHandlers(ctx),
      ...organizeHandlers(ctx),
      ...keepingHandlers(ctx, notifier),
      ...archiveHandlers(ctx),
      ...printHandlers(ctx),
    },
    log,
  );

  const unsubscribe = [
    services.store.onChange((changes) => notifier.onStoreChange(changes)),
    () => notifier.dispose(),
    services.store.onChange((changes) => {
      const entities = [...new Set(changes.map((c) => ENTITY[c.entity]))];
      emit({ type: 'store-changed', entities });
    }),
    services.providerIndex.onEvent((event) => emit({ type: 'provider-index-recheck', state: event.state, done: event.done, total: event.total })),
    // The queue's state reaches the renderer as store-changed 'campaigns' (above); these are notices only.
    services.send.onNotice((notice) => {
      emit({ type: 'send-notice', notice });
      if (notice.kind === 'overdue') notifyOverdue(ctx, notice);
    }),
    services.mail.onEvent((event) => {
      if (event.kind === 'rule-notice') {
        const notice = ruleNotifyEvent(services.store, event.notice);
        if (notice) emit(notice);
        return;
      }
      const progress = syncProgress(event);
      if (!progress) return;
      const before = sync.get(progress.accountId).state;
      sync.update(progress);
      emit(progress);
      if (sync.get(progress.accountId).state !== before) emit({ type: 'store-changed', entities: ['accounts'] });
    }),
  ];

  return {
    dispatch,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async openFile(filePath) {
      const opened = await openFileFromDisk(ctx, filePath);
      if (opened.ok) emit({ type: 'file-opened', file: opened.value });
      return opened;
    },
    dispose() {
      unsubscribe.forEach((off) => off());
      listeners.clear();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}
