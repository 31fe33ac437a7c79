// The engine: PecDesk's services and API in a process of their own (a worker thread, an Electron
// utility process), so the thread that answers the UI never runs a sync, a search or an export.
// Hosts use the client; engine-entry.ts is what runs on the other side.
export { startEngine, EngineStartError, type EngineClient, type EngineClientOptions } from './engine-client';
export type { EngineConfig, EngineStart } from './engine';
export { workerEngine, engineEntryFile, type EngineTransport, type SpawnEngine } from './transport';
export type { EngineMessage } from './protocol';
