// The engine itself: builds the services over a data folder and serves the API to its host over
// an RpcPeer. It runs wherever the peer's messages go: a worker thread (web bridge, tests), an
// Electron utility process (the app) or, with an in-process channel, the caller's own thread.
import type { Result } from '../../shared/api';
import type { ConnectOptions } from '../accounts';
import type { ApiBackend } from '../api';
import { startCore } from '../core';
import { traceLaunch, type LogFields, type LogLevel } from '../diagnostics';
import { headlessSecretStore, masterPasswordGate, type SecretsGate, type Services } from '../services';
import { remoteHost, RemoteSecretStore, type HostInfo } from './remote-host';
import type { RpcPeer } from './rpc';

/** Everything the engine needs to start: plain data, sent by the host in the 'init' call. */
export interface EngineConfig {
  dataDir: string;
  /** Where the rotated log goes; none when absent. */
  logDir?: string;
  /** 'host-keychain': passwords kept by the host (safeStorage in the app); 'key-file': a key file in the data folder. */
  secrets: 'host-keychain' | 'key-file';
  /** Passwords behind a master password instead (the keychain protects nothing here), and why. */
  masterPassword?: SecretsGate['reason'];
  host: HostInfo;
  /** Start the background work (sync, IDLE, resuming campaigns) once built: set by the client after its first startBackground(), so a restarted engine goes on where the dead one was. */
  startBackground: boolean;
  connect?: ConnectOptions;
  reconcileGraceMs?: number;
}

/**
 * The answer to 'init': started, or a reason the user can act on (anything else is a bug and fails
 * the call). The store's own check runs inside the engine after 'init' answered (core.ts): a damaged
 * database is reported to the page as store health, with the restore, not as a failed start.
 */
export type EngineStart = { started: true } | { started: false; why: 'store-damaged' | 'disk-full'; detail: string };

/** A running engine: what its ops call. */
export interface EngineCore {
  api: ApiBackend;
  /** The services, null while the store is checked or when it cannot be used. */
  services(): Services | null;
  /** Starts the background work once the store is up (at once if it is already). */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the core (the store's check in the background, then the services and the API) for a host reached through `peer`; its events go to the peer. */
export function startEngineCore(config: EngineConfig, peer: RpcPeer): EngineCore {
  const keychain = config.secrets === 'host-keychain' ? new RemoteSecretStore(peer) : headlessSecretStore(config.dataDir);
  let backgroundWanted = config.startBackground;
  const core = startCore({
    config: {
      dataDir: config.dataDir,
      secrets: keychain,
      secretsMode: config.secrets === 'host-keychain' ? 'keychain' : 'key-file',
      // Passwords saved in the host's keychain before move behind the master password when it is created.
      secretsGate: config.masterPassword ? masterPasswordGate(config.dataDir, config.masterPassword, config.secrets === 'host-keychain' ? keychain : undefined) : undefined,
      logDir: config.logDir,
      connect: config.connect,
      reconcileGraceMs: config.reconcileGraceMs,
    },
    host: remoteHost(config.host, peer),
    // A handler that throws is a bug: its stack goes to the log the diagnostics copy, and to stderr.
    log: (message) => {
      core.services()?.log.write('error', 'api', { message });
      process.stderr.write(`${message}\n`);
    },
    // After a restore the work starts again where the host had asked for it.
    onServices: async (services) => {
      if (backgroundWanted) await services.mail.start();
    },
  });
  let firstMessages = true;
  const unsubscribe = core.onEvent((event) => {
    if (firstMessages && event.type === 'store-changed' && event.entities.includes('messages')) {
      firstMessages = false;
      traceLaunch('engine: first messages filed');
    }
    peer.event(event);
  });
  return {
    api: core,
    services: () => core.services(),
    async startBackground() {
      backgroundWanted = true;
      await core.ready;
      await core.services()?.mail.start();
    },
    async close() {
      unsubscribe();
      await core.close();
    },
  };
}

/** The ops the engine serves its host, over whichever channel carries them; those the client unwraps answer a Result. */
export function engineOps(peer: () => RpcPeer): Record<string, (...args: never[]) => unknown> {
  let core: EngineCore | null = null;
  const running = (): EngineCore => {
    if (!core) throw new Error('the engine is not started');
    return core;
  };
  return {
    async init(config: EngineConfig): Promise<EngineStart> {
      if (core) throw new Error('the engine is already started');
      core = startEngineCore(config, peer());
      return { started: true };
    },
    dispatch: (method: unknown, payload: unknown) => running().api.dispatch(method, payload),
    openFile: (filePath: string) => running().api.openFile(filePath),
    async startBackground(): Promise<Result<null>> {
      await running().startBackground();
      return { ok: true, value: null };
    },
    // Before the store is up (or while it is damaged) there is no log file to write to.
    log: (level: LogLevel, event: string, fields?: LogFields) => running().services()?.log.write(level, event, fields),
    async close() {
      const closing = core;
      core = null;
      await closing?.close();
      return null;
    },
  };
}
