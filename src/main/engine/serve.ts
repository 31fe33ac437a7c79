// Serves the engine's ops on a port: the engine's side of the channel, in a worker, a utility
// process or (over a MessageChannel) the caller's own thread.
import { engineOps } from './engine';
import type { EngineMessage } from './protocol';
import { RpcPeer } from './rpc';

/** A port the engine talks to its host through (a worker's parentPort, a MessagePort). */
export interface EnginePort {
  postMessage(message: EngineMessage): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Serves the engine's ops on `port` (also used in-process, over a MessageChannel). */
export function serveEngine(port: EnginePort): RpcPeer {
  const peer: RpcPeer = new RpcPeer((message) => port.postMessage(message), engineOps(() => peer));
  port.on('message', (message) => peer.receive(message));
  return peer;
}
