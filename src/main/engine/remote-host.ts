// The engine's view of its host: the Host the API handlers call (dialogs, confirmOverwrite,
// clipboard, openExternal…) and the host's keychain, each call going back over the channel to the
// process that owns the window. Only the members the host declared exist, so a handler sees the
// same optional members it would see in-process (and answers 'unsupported' for the rest).
import type { SecretResult, SecretStore } from '../accounts';
import type { Host } from '../api';
import type { RpcPeer } from './rpc';

/** The host's methods that can be called from the engine. */
export type HostCapability = { [K in keyof Host]-?: NonNullable<Host[K]> extends (...args: never[]) => unknown ? K : never }[keyof Host];

/** What the engine learns about its host at start: the plain fields and which methods exist. */
export interface HostInfo {
  kind: Host['kind'];
  version: string;
  defaultSaveDir: string;
  capabilities: HostCapability[];
}

/** The HostInfo of a host object (host side). */
export function hostInfo(host: Host): HostInfo {
  const capabilities = (Object.keys(host) as (keyof Host)[]).filter((k): k is HostCapability => typeof host[k] === 'function');
  return { kind: host.kind, version: host.version, defaultSaveDir: host.defaultSaveDir, capabilities };
}

/** Prefix of the ops that reach the host's methods. */
export const HOST_OP_PREFIX = 'host.';

const FIRE_AND_FORGET = new Set<HostCapability>(['notify', 'copyText', 'setLanguage']);

/** A Host whose methods run in the host process (engine side). */
export function remoteHost(info: HostInfo, peer: RpcPeer): Host {
  const host: Host = { kind: info.kind, version: info.version, defaultSaveDir: info.defaultSaveDir };
  const call = async (name: HostCapability, args: unknown[]) => {
    const answer = await peer.request(`${HOST_OP_PREFIX}${name}`, args);
    if (!answer.ok) throw new Error(`the host could not ${name}: ${answer.error.message}`);
    return answer.value;
  };
  for (const name of info.capabilities) {
    // notify, copyText and setLanguage answer nothing: they go without waiting, as they do in-process
    // (a host that failed at one has nobody to tell but its own log).
    (host as unknown as Record<string, unknown>)[name] = FIRE_AND_FORGET.has(name) ? (...args: unknown[]) => void call(name, args).catch(() => undefined) : (...args: unknown[]) => call(name, args);
  }
  return host;
}

/** The host's handlers for the ops remoteHost sends. */
export function hostOps(host: Host): Record<string, (...args: never[]) => unknown> {
  const ops: Record<string, (...args: never[]) => unknown> = {};
  for (const name of hostInfo(host).capabilities) {
    ops[`${HOST_OP_PREFIX}${name}`] = (...args: never[]) => (host[name] as (...a: never[]) => unknown)(...args);
  }
  return ops;
}

// Keychain calls are quick in the host (no dialog): one that does not answer is a stuck host.
const SECRET_TIMEOUT_MS = 30_000;

/** The host's keychain seen from the engine (Electron's safeStorage lives only in the main process). */
export class RemoteSecretStore implements SecretStore {
  constructor(private readonly peer: RpcPeer) {}

  get(accountId: string): Promise<SecretResult<string | null>> {
    return this.call('secrets.get', [accountId]) as Promise<SecretResult<string | null>>;
  }

  set(accountId: string, secret: string): Promise<SecretResult<void>> {
    return this.call('secrets.set', [accountId, secret]) as Promise<SecretResult<void>>;
  }

  delete(accountId: string): Promise<SecretResult<void>> {
    return this.call('secrets.delete', [accountId]) as Promise<SecretResult<void>>;
  }

  private async call(op: string, args: string[]): Promise<SecretResult<unknown>> {
    const answer = await this.peer.request(op, args, SECRET_TIMEOUT_MS);
    return answer.ok ? (answer.value as SecretResult<unknown>) : { ok: false, code: 'io', detail: `the keychain could not be reached: ${answer.error.message}` };
  }
}

/** The host's handlers for RemoteSecretStore's ops. */
export function secretOps(store: SecretStore): Record<string, (...args: never[]) => unknown> {
  return {
    'secrets.get': (id: string) => store.get(id),
    'secrets.set': (id: string, secret: string) => store.set(id, secret),
    'secrets.delete': (id: string) => store.delete(id),
  };
}
