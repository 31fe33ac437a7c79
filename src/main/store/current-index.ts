// The providers' index in force, as a snapshot the verdict looks up for every signed PEC object:
// built once per version from the providers stored with it, and rebuilt only when a newer version
// is recorded (by this process or another one on the same store: the check is one indexed read).
import { buildSnapshot, type ProviderIndexSnapshot } from '../proof';
import type { TrustStore } from './roles';

const cache = new WeakMap<TrustStore, ProviderIndexSnapshot>();

/** The snapshot of the latest imported version, or null when no index was ever imported. */
export function loadCurrentIndex(store: TrustStore): ProviderIndexSnapshot | null {
  const id = store.currentProviderIndexId();
  if (id === null) return null;
  const cached = cache.get(store);
  if (cached && cached.versionId === id) return cached;
  const version = store.providerIndexVersion(id);
  const providers = store.providerIndexProviders(id);
  if (!version || !providers) return null;
  const snapshot = buildSnapshot(version.id, version.importedAt, providers);
  cache.set(store, snapshot);
  return snapshot;
}
