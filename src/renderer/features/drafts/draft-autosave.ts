// When a composer's draft is saved, apart from React: a save runs once the user has paused for a
// moment, one at a time (a change during a save is saved right after it). "Saved" is said only
// when the last change is in the save that answered; until then the state is "pending", so
// nobody (user or test) takes an older save for the text on screen. A save whose server copy
// failed is tried again by itself, later and later, until one succeeds or the user edits.
import type { ApiError, ApiInput, Result } from '../../../shared/api';
import type { DraftSaveView } from '../../../shared/api-drafts';

/** How the draft stands. */
export type DraftSaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; view: DraftSaveView }
  // The failure itself: the window words it when it shows it (apiErrorText), in its language.
  | { kind: 'error'; error: ApiError };

/** The draft's fields as the composer holds them now. */
export type DraftFields = Omit<ApiInput<'draftSave'>, 'draftId'>;

export interface DraftAutosaveOptions {
  /** Saves the fields here and on the server (api.draftSave). */
  save(fields: DraftFields, draftId: number | null): Promise<Result<DraftSaveView>>;
  /** The fields as they are now. */
  collect(): DraftFields;
  onState(state: DraftSaveState): void;
  onDraftId(draftId: number): void;
  /** Quiet time after the last change before a save. */
  delayMs: number;
  /** Waits before trying again a server copy that failed; the last one repeats. */
  retryMs: readonly number[];
}

/** The server is often back within a minute (a dropped connection); a long outage is not hammered. */
export const SERVER_RETRY_MS = [15_000, 60_000, 300_000] as const;

export class DraftAutosave {
  private id: number | null;
  private busy: Promise<void> | null = null;
  private dirty = false;
  private stopped = false;
  /** Counts changes, so a save knows whether the fields it carried are still the last ones. */
  private edits = 0;
  private kind: DraftSaveState['kind'] = 'idle';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retries = 0;

  constructor(
    initialId: number | null,
    private readonly options: DraftAutosaveOptions,
  ) {
    this.id = initialId;
  }

  get draftId(): number | null {
    return this.id;
  }

  /** The user changed something: a save follows once they pause. */
  changed(): void {
    if (this.stopped) return;
    this.edits++;
    this.clearRetry();
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.options.delayMs);
    if (this.kind !== 'pending') this.setState({ kind: 'pending' });
  }

  /** Saves now ("Salva bozza") and resolves once that save and any it made necessary are done. */
  async saveNow(): Promise<void> {
    this.clearTimer();
    this.clearRetry();
    this.stopped = false;
    await this.run();
    await this.idle();
  }

  /** Waits for the save in flight and stops saving (before sending); resolves with the draft's id. */
  async settle(): Promise<number | null> {
    this.stop();
    await this.idle();
    return this.id;
  }

  /** Saving starts again (the send failed: the user goes on editing). */
  resume(): void {
    this.stopped = false;
  }

  /** The composer goes away (its tab closed): a pending change is saved, not dropped; no more retries. */
  leave(): void {
    this.clearRetry();
    if (this.timer) {
      this.clearTimer();
      void this.run();
    }
  }

  private run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.dirty = true;
    if (this.busy) return this.busy;
    this.dirty = false;
    const carried = this.edits;
    this.setState({ kind: 'saving' });
    const saving = this.options.save(this.options.collect(), this.id).then((res) => this.answered(res, carried));
    this.busy = saving.finally(() => {
      this.busy = null;
      if (this.dirty && !this.stopped) void this.run();
    });
    return this.busy;
  }

  private answered(res: Result<DraftSaveView>, carried: number): void {
    if (!res.ok) {
      this.setState({ kind: 'error', error: res.error });
      // Discarded or sent from another tab: this composer no longer has a draft to save into.
      if (res.error.code === 'not-found') this.stop();
      return;
    }
    if (this.id !== res.value.draftId) {
      this.id = res.value.draftId;
      this.options.onDraftId(res.value.draftId);
    }
    if (carried !== this.edits || this.dirty) {
      this.setState({ kind: 'pending' });
      return;
    }
    this.setState({ kind: 'saved', view: res.value });
    if (res.value.server === 'failed') this.scheduleRetry();
    else this.retries = 0;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const waits = this.options.retryMs;
    const wait = waits[Math.min(this.retries, waits.length - 1)];
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.run();
    }, wait);
  }

  private async idle(): Promise<void> {
    while (this.busy) await this.busy;
  }

  private stop(): void {
    this.clearTimer();
    this.clearRetry();
    this.stopped = true;
  }

  private setState(state: DraftSaveState): void {
    this.kind = state.kind;
    this.options.onState(state);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
