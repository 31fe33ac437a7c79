// The running core as its hosts (the Electron main process, the web bridge) serve it: the API,
// its events, and the database check at start off the window's path. The check (quick_check)
// runs in a worker thread while the window opens; API calls made meanwhile wait for it, so nothing
// reads or writes the store before it is known sound. A damaged, emptied or missing database
// leaves the core answering only getStoreHealth and restoreStoreFromBackup (the renderer's
// banner with "Ripristina dal backup"); every other call gets 'store-damaged'. A restore puts the
// newest good backup in place (the damaged file is kept aside), files again the messages newer
// than the backup from raw/, and brings the services up.
import path from 'node:path';
import { isApiMethod, type PecEvent, type Result } from '../shared/api';
import { requestSchemas } from '../shared/api-requests';
import type { StoreHealth, StoreProblemCode, StoreRestored } from '../shared/api-store-health';
import { createApi, type ApiBackend, type Host } from './api';
import { invalidRequest, unknownMethod } from './api/dispatch';
import { fail, ok } from './api/result';
import { appInfoOf } from './api/system';
import { traceLaunch } from './diagnostics';
import { createServices, type Services, type ServicesConfig } from './services';
import { checkStoreInBackground, isDiskFull, listBackups, reindexRawFiles, restoreStore, StoreDamagedError } from './store';

/** What the core needs from its host. */
export interface CoreOptions {
  config: ServicesConfig;
  host: Host;
  /** Where a handler's bug goes (the app's log). */
  log?: (message: string) => void;
  /** Runs each time the services come up: `start` after the check at start, `restore` after a restore (the host starts background work). */
  onServices?: (services: Services, reason: 'start' | 'restore') => Promise<void> | void;
}

/** The core: an ApiBackend whose store may still be under check, or damaged. */
export interface Core extends ApiBackend {
  /** Resolves once the check at start ended and the services are up (or the store is known damaged). */
  readonly ready: Promise<void>;
  health(): StoreHealth;
  /** The services, null while checking or when the store cannot open. */
  services(): Services | null;
  /** Stops listening and closes the services. */
  close(): Promise<void>;
}

/** The answer to every call but the store-health ones while the store cannot be used; the detail is the check's (English, as the banner shows it). */
const storeUnusable = (health: StoreHealth) =>
  fail('store-damaged', health.state === 'damaged' ? 'store-damaged' : 'store-unavailable', { detail: health.detail ?? '' });

/** Starts the check at start in the background and returns at once. */
export function startCore(options: CoreOptions): Core {
  const dir = options.config.dataDir;
  const listeners = new Set<(event: PecEvent) => void>();
  const emit = (event: PecEvent) => listeners.forEach((l) => l(event));
  let health: StoreHealth = { state: 'checking', code: null, detail: null, backups: 0 };
  let services: Services | null = null;
  let api: ApiBackend | null = null;
  let unsubscribe: (() => void) | null = null;
  let restoring: Promise<Result<StoreRestored>> | null = null;
  let closed = false;

  const setHealth = (state: StoreHealth['state'], code: StoreProblemCode | null, detail: string | null) => {
    health = { state, code, detail, backups: listBackups(dir).length };
    emit({ type: 'store-health', health });
  };

  /** Opens the services over the checked store; `prepare` runs before the API serves them. */
  const bringUp = async (reason: 'start' | 'restore', prepare?: (s: Services) => Promise<void>): Promise<void> => {
    try {
      services = await createServices({ ...options.config, storeChecked: true });
      await prepare?.(services);
    } catch (err) {
      await services?.close().catch(() => undefined);
      services = null;
      if (err instanceof StoreDamagedError) return setHealth('damaged', err.problem.code, err.problem.detail);
      return setHealth('unavailable', isDiskFull(err) ? 'disk-full' : 'store-unavailable', err instanceof Error ? err.message : String(err));
    }
    if (closed) return;
    api = createApi(services, options.host, options.log);
    unsubscribe = api.onEvent(emit);
    setHealth('ok', null, null);
    try {
      await options.onServices?.(services, reason);
    } catch (err) {
      // The host's background work failing to start is its problem to report, not the store's.
      options.log?.(`pecdesk: starting the background work failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  };

  const ready = (async () => {
    try {
      traceLaunch('engine: store check: start');
      const problem = await checkStoreInBackground(dir);
      traceLaunch('engine: store check: end');
      if (closed) return;
      if (problem) return setHealth('damaged', problem.code, problem.detail);
      await bringUp('start');
      traceLaunch('engine: services up');
    } catch (err) {
      // The check could not even read the folder (permissions, a vanished disk): never a rejected start.
      setHealth('unavailable', isDiskFull(err) ? 'disk-full' : 'store-unavailable', err instanceof Error ? err.message : String(err));
    }
  })();

  const restore = async (): Promise<Result<StoreRestored>> => {
    await ready;
    if (health.state !== 'damaged') return fail('wrong-state', 'store-not-damaged');
    const restored = restoreStore(dir);
    if (!restored.ok) {
      // The backups that failed their check, each with why (technical, in English).
      const skipped = restored.skipped.map((s) => s.detail);
      const items = skipped.length ? skipped : undefined;
      if (restored.code === 'no-backup') return fail('io', 'restore-no-backup', { folder: path.join(dir, 'backups') }, items);
      return fail('io', 'restore-no-good-backup', undefined, items);
    }
    let reindexed = { messages: 0, sent: 0, failed: [] as unknown[] };
    // The messages newer than the backup are in raw/: filed again before anything else writes.
    await bringUp('restore', async (s) => {
      reindexed = await reindexRawFiles(s.store);
    });
    if (!services) return storeUnusable(health);
    return ok({ from: restored.from, damagedKeptAs: restored.damagedKeptAs, reindexed: reindexed.messages + reindexed.sent, failed: reindexed.failed.length });
  };

  return {
    ready,
    health: () => health,
    services: () => services,
    async dispatch(method, payload) {
      if (method === 'getStoreHealth' || method === 'restoreStoreFromBackup') {
        const parsed = requestSchemas[method].safeParse(payload);
        if (!parsed.success) return invalidRequest(method, parsed.error);
        if (method === 'getStoreHealth') return ok(health);
        // Two clicks on the button share one restore.
        restoring ??= restore().finally(() => (restoring = null));
        return restoring;
      }
      if (!isApiMethod(method)) return unknownMethod(method);
      await ready;
      if (restoring) await restoring;
      if (api) return api.dispatch(method, payload);
      // The page still needs to know its host to draw the banner's window.
      return method === 'getAppInfo' ? ok(appInfoOf(options.host)) : storeUnusable(health);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async openFile(filePath) {
      await ready;
      return api ? api.openFile(filePath) : storeUnusable(health);
    },
    dispose() {
      unsubscribe?.();
      api?.dispose();
    },
    async close() {
      closed = true;
      await ready;
      await restoring;
      unsubscribe?.();
      api?.dispose();
      await services?.close();
    },
  };
}
