// The last known sync state of each account, kept from sync progress events so the accounts
// list can say "synced at …" or what went wrong without asking the sync engine.
import type { SyncProgressEvent } from '../../shared/api';
import type { AccountSyncState } from '../../shared/api-values';

/** Sync state per account id. */
export class SyncStates {
  private readonly states = new Map<string, AccountSyncState>();

  get(accountId: string): AccountSyncState {
    return this.states.get(accountId) ?? { state: 'never', lastSyncAt: null, error: null, problem: null };
  }

  /** Folds a progress event into the account's state. */
  update(event: SyncProgressEvent, now = new Date()): void {
    const before = this.get(event.accountId);
    if (event.state === 'running') this.states.set(event.accountId, { ...before, state: 'syncing' });
    // A sync that ended keeps what it left undone, if anything, until the next one ends.
    else if (event.state === 'done') this.states.set(event.accountId, { state: 'idle', lastSyncAt: now.toISOString(), error: event.error, problem: event.problem });
    else this.states.set(event.accountId, { ...before, state: 'error', error: event.error, problem: event.problem });
  }
}
