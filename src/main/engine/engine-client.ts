// The host's side of the engine: dispatch any API method by name, hear the engine's events, and
// survive its death. When the engine dies the calls under way fail at once with
// 'engine-restarted' (never re-sent: one may have done its work before the end), a new engine
// starts over the same data folder, and the renderer is told with an 'engine' event. Calls made
// while it restarts wait for it. An engine that keeps dying is given up on ('stopped').
import type { ApiError, PecEvent, Result } from '../../shared/api';
import type { OpenedFile } from '../../shared/api-values';
import type { SecretStore } from '../accounts';
import type { Dispatch, Host } from '../api';
import { fail } from '../api/result';
import type { LogFields, LogLevel } from '../diagnostics';
import type { EngineConfig, EngineStart } from './engine';
import { hostInfo, hostOps, secretOps } from './remote-host';
import { RpcPeer } from './rpc';
import type { EngineTransport, SpawnEngine } from './transport';

/** How to start and keep the engine. */
export interface EngineClientOptions {
  spawn: SpawnEngine;
  /** The engine's configuration except its view of the host, which comes from `host`. */
  config: Omit<EngineConfig, 'host'>;
  /** What the engine may ask of the host: dialogs, clipboard, opening links and files. */
  host: Host;
  /** The host's keychain, when config.secrets is 'host-keychain'. */
  keychain?: SecretStore;
  /** Deaths within a minute after which the engine is not restarted again (default 3). */
  maxRestartsPerMinute?: number;
  /** Where the host notes the engine's deaths and restarts (the engine's own log may be what died). */
  log?: (line: string) => void;
}

/** The engine could not start for a reason the user can act on ('store-damaged', 'disk-full'), or failed ('failed'). */
export class EngineStartError extends Error {
  constructor(
    readonly why: 'store-damaged' | 'disk-full' | 'failed',
    detail: string,
  ) {
    super(detail);
    this.name = 'EngineStartError';
  }
}

/** The engine as its host uses it. */
export interface EngineClient {
  /** Calls an API method by name with an untrusted payload; always resolves to a Result. */
  dispatch: Dispatch;
  onEvent(listener: (event: PecEvent) => void): () => void;
  /** Opens a message file the OS handed to the app (open-file, argv). */
  openFile(filePath: string): Promise<Result<OpenedFile>>;
  /** Adds a host event (startup, quit, a renderer crash) to the engine's log. */
  log(level: LogLevel, event: string, fields?: LogFields): void;
  /**
   * Starts the background work (sync with IDLE, resuming interrupted campaigns) and keeps it on in
   * every engine started after a crash. Hosts call it once they are set up.
   */
  startBackground(): Promise<void>;
  /** Ends the engine and starts a new one, as after a crash (the renderer is told). */
  restart(reason?: string): Promise<void>;
  /** Closes the services cleanly and ends the engine. */
  close(): Promise<void>;
}

const RESTART_WINDOW_MS = 60_000;
const CLOSE_TIMEOUT_MS = 30_000;

// The cause is technical ("exit code 1", "killed by SIGKILL"): it goes into the words as it is.
function engineGone(cause: string): ApiError {
  return fail('engine-restarted', 'engine-restarted', { cause }).error;
}

function engineStopped(cause: string): ApiError {
  return fail('engine-restarted', 'engine-stopped', { cause }).error;
}

/** Starts the engine and resolves once it serves; rejects with EngineStartError when it cannot start. */
export async function startEngine(options: EngineClientOptions): Promise<EngineClient> {
  const config: EngineConfig = { ...options.config, host: hostInfo(options.host) };
  const ops = { ...hostOps(options.host), ...(options.keychain ? secretOps(options.keychain) : {}) };
  const listeners = new Set<(event: PecEvent) => void>();
  const emit = (event: PecEvent) => listeners.forEach((l) => l(event));
  const note = options.log ?? (() => undefined);
  const deaths: number[] = [];
  let generation = 0;
  let closing = false;
  let transport: EngineTransport | null = null;

  /** Spawns an engine and initializes it; its death later restarts it (unless superseded or closing). */
  const launch = async (): Promise<RpcPeer> => {
    const mine = ++generation;
    const spawned = options.spawn();
    transport = spawned;
    const peer = new RpcPeer((message) => spawned.postMessage(message), ops, emit);
    let serving = false;
    spawned.onMessage((message) => peer.receive(message));
    spawned.onExit((reason) => {
      peer.close(engineGone(reason));
      // An engine that dies while starting fails its start instead (no restart loop on a bad build).
      if (serving && mine === generation && !closing) void died(reason);
    });
    const init = await peer.request('init', [config]);
    const start = init.ok ? (init.value as EngineStart) : null;
    if (start?.started) {
      serving = true;
      return peer;
    }
    generation++;
    await spawned.kill();
    throw start ? new EngineStartError(start.why, start.detail) : new EngineStartError('failed', init.ok ? 'no answer' : init.error.message);
  };

  let ready: Promise<RpcPeer> = launch();
  await ready;

  const stoppedPeer = (reason: string) => {
    const peer = new RpcPeer(() => undefined, {});
    peer.close(engineStopped(reason));
    return peer;
  };

  const relaunch = async (reason: string) => {
    ready = launch();
    try {
      await ready;
      note(`engine restarted after: ${reason}`);
      emit({ type: 'engine', state: 'restarted', reason });
    } catch (err) {
      const why = `${reason}; the restart failed: ${(err as Error).message}`;
      note(`engine stopped: ${why}`);
      ready = Promise.resolve(stoppedPeer(why));
      emit({ type: 'engine', state: 'stopped', reason: why });
    }
  };

  const died = async (reason: string) => {
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && now - deaths[0] > RESTART_WINDOW_MS) deaths.shift();
    note(`engine died: ${reason}`);
    if (deaths.length > (options.maxRestartsPerMinute ?? 3)) {
      ready = Promise.resolve(stoppedPeer(reason));
      emit({ type: 'engine', state: 'stopped', reason });
      return;
    }
    await relaunch(reason);
  };

  const call = async (op: string, args: unknown[]): Promise<Result<unknown>> => {
    const answer = await (await ready.catch((err: Error) => stoppedPeer(err.message))).request(op, args);
    // The engine's ops answer with Results of their own: unwrap, so one error shape reaches the caller.
    return answer.ok ? (answer.value as Result<unknown>) : answer;
  };

  return {
    dispatch: (method, payload) => call('dispatch', [method, payload]),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openFile: (filePath) => call('openFile', [filePath]) as Promise<Result<OpenedFile>>,
    async startBackground() {
      config.startBackground = true;
      const started = await call('startBackground', []);
      if (!started.ok) note(`background work not started: ${started.error.message}`);
    },
    log(level, event, fields) {
      // A line for an engine that cannot start again is lost, like the engine's own last lines.
      void ready.then((peer) => peer.request('log', [level, event, fields])).catch(() => undefined);
    },
    async restart(reason = 'restart requested') {
      generation++;
      const old = transport;
      await old?.kill();
      await relaunch(reason);
    },
    async close() {
      if (closing) return;
      closing = true;
      const peer = await ready.catch(() => null);
      await peer?.request('close', [], CLOSE_TIMEOUT_MS);
      await transport?.kill();
      listeners.clear();
    },
  };
}
