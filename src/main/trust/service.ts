// Keeping the providers' index current: import a file, download from the configured address
// ("Aggiorna", and by itself on first run and then weekly), record each new version in the store,
// then re-check every stored signed PEC object against it. A refused file or a failed download
// changes nothing: the version in force stays.
import fs from 'node:fs';
import path from 'node:path';
import type { ProviderIndexStatusView } from '../../shared/api-provider-index';
import type { ProviderIndexInfo } from '../../shared/trust';
import { loadCurrentIndex, sha256Hex, type Store } from '../store';
import { addressProblem, DEFAULT_INDEX_URL, downloadIndex, type Download } from './download';
import { MAX_INDEX_BYTES, parseProviderIndex, tooLarge, type IndexRefusal } from './ldif-providers';
import { recheckVerdicts, type RecheckProgress } from './recheck';

/** Why an import or update did not give a new index. */
export type IndexFailure = IndexRefusal | 'bad-url' | 'download-failed' | 'raw-write-failed';

/** Outcome of an import or update. `unchanged`: the bytes are those of the index in force already. */
export type IndexOutcome =
  | { ok: true; info: ProviderIndexInfo; unchanged: boolean; recheck: { checked: number; changed: number } }
  | { ok: false; code: IndexFailure; detail: string };

/** What the service reports while it works. */
export type IndexEvent = { kind: 'recheck'; state: 'running' | 'done'; done: number; total: number };

/** The index in force with how it is kept current, as Settings shows it (the API's view as is). */
export type IndexStatus = ProviderIndexStatusView;

const DAY_MS = 24 * 60 * 60 * 1000;
/** After this many days without a successful update the index is shown as old. */
export const STALE_AFTER_DAYS = 30;
/** The automatic update downloads when the index is this old (or missing). */
export const UPDATE_EVERY_DAYS = 7;
/** An automatic attempt waits this long after the previous one, so a failing address is not hammered. */
export const RETRY_AFTER_MS = 6 * 60 * 60 * 1000;
/** How often a running app checks whether an update is due. */
export const CHECK_EVERY_MS = DAY_MS;

/** Options, for tests and the sandbox. */
export interface IndexServiceOptions {
  now?: () => Date;
  /** Downloads an index; signal aborts it when the service stops. */
  download?: (url: string, signal: AbortSignal) => Promise<Download>;
}

/** The providers' index of one store. */
export class ProviderIndexService {
  private readonly listeners = new Set<(event: IndexEvent) => void>();
  private readonly now: () => Date;
  private readonly download: (url: string, signal: AbortSignal) => Promise<Download>;
  private stopping = new AbortController();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: Store,
    options: IndexServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.download = options.download ?? ((url, signal) => downloadIndex(url, { signal }));
  }

  onEvent(listener: (event: IndexEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The version in force, or null. */
  info(): ProviderIndexInfo | null {
    const v = this.store.currentProviderIndex();
    return v && { versionId: v.id, importedAt: v.importedAt, source: v.source, sha256: v.sha256, providers: v.providers, domains: v.domains };
  }

  status(): IndexStatus {
    const info = this.info();
    const state = this.store.providerIndexState();
    const checkedAt = latest(info?.importedAt ?? null, state.lastCheckedAt);
    const stale = !checkedAt || this.now().getTime() - Date.parse(checkedAt) > STALE_AFTER_DAYS * DAY_MS;
    return { info, url: this.url(), defaultUrl: DEFAULT_INDEX_URL, lastAttemptAt: state.lastAttemptAt, lastError: state.lastError, checkedAt, stale };
  }

  /** The address updates download from. */
  url(): string {
    return this.store.providerIndexState().url ?? DEFAULT_INDEX_URL;
  }

  /** Sets the address (null: back to the default); a new address may be tried at once. */
  setUrl(url: string | null): { ok: true } | { ok: false; code: 'bad-url'; detail: string } {
    const problem = url === null ? null : addressProblem(url);
    if (problem) return { ok: false, code: 'bad-url', detail: problem };
    this.store.updateProviderIndexState({ url, lastAttemptAt: null, lastError: null });
    return { ok: true };
  }

  /** Imports an LDIF file from disk; its size is checked before it is read. */
  importFile(filePath: string): Promise<IndexOutcome> {
    return this.serially(async () => {
      const read = readCapped(filePath);
      if (!read.ok) return read;
      return this.record(read.data, path.basename(filePath));
    });
  }

  /** Imports LDIF bytes (an upload); source is the file name shown later. */
  importData(data: Buffer, source: string): Promise<IndexOutcome> {
    return this.serially(() => this.record(data, source));
  }

  /** Downloads the index from url (default: the configured address) and imports it. */
  update(url?: string): Promise<IndexOutcome> {
    return this.serially(async () => {
      const address = url ?? this.url();
      this.store.updateProviderIndexState({ lastAttemptAt: this.now().toISOString() });
      const got = await this.download(address, this.stopping.signal);
      const outcome = got.ok ? await this.record(got.data, got.url) : got;
      if (outcome.ok) this.store.updateProviderIndexState({ lastError: null, lastCheckedAt: this.now().toISOString() });
      else this.store.updateProviderIndexState({ lastError: outcome.detail });
      return outcome;
    });
  }

  /** Whether an automatic update should run now: no index or an old one, and no recent attempt. */
  updateDue(): boolean {
    const now = this.now().getTime();
    const { lastAttemptAt } = this.store.providerIndexState();
    if (lastAttemptAt && now - Date.parse(lastAttemptAt) < RETRY_AFTER_MS) return false;
    const checkedAt = this.status().checkedAt;
    return !checkedAt || now - Date.parse(checkedAt) >= UPDATE_EVERY_DAYS * DAY_MS;
  }

  /** Runs the update when due; null when it was not. */
  async updateIfDue(): Promise<IndexOutcome | null> {
    return this.updateDue() ? this.update() : null;
  }

  /** Checks now and then once a day while the app runs. */
  start(onOutcome: (outcome: IndexOutcome) => void = () => undefined): void {
    if (this.timer) return;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    const check = () => void this.updateIfDue().then((o) => o && onOutcome(o));
    check();
    this.timer = setInterval(check, CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Stops the schedule and a download in progress (it ends as a failed attempt). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
  }

  /** Waits for the imports queued so far (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async record(data: Buffer, source: string): Promise<IndexOutcome> {
    const parsed = parseProviderIndex(data);
    if (!parsed.ok) return parsed;
    const current = this.store.currentProviderIndex();
    if (current && current.sha256 === sha256Hex(data)) {
      return { ok: true, info: this.info()!, unchanged: true, recheck: { checked: 0, changed: 0 } };
    }
    const recorded = this.store.recordProviderIndex({ raw: data, source, providers: parsed.providers, importedAt: this.now().toISOString() });
    if (!recorded.ok) return recorded;
    const snapshot = loadCurrentIndex(this.store)!;
    const emit = (p: RecheckProgress, state: 'running' | 'done') => this.listeners.forEach((l) => l({ kind: 'recheck', state, ...p }));
    let last: RecheckProgress = { done: 0, total: 0 };
    try {
      const recheck = await recheckVerdicts(this.store, snapshot, (p) => emit((last = p), 'running'));
      last = { done: recheck.checked, total: recheck.checked };
      return { ok: true, info: this.info()!, unchanged: false, recheck };
    } finally {
      // Also when the re-check fails (a bug, reported by the caller): no progress bar left running.
      emit(last, 'done');
    }
  }
}

function latest(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Reads a file after checking its size, never more than MAX_INDEX_BYTES (a file growing meanwhile included). */
function readCapped(filePath: string): { ok: true; data: Buffer } | { ok: false; code: IndexFailure; detail: string } {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch (err) {
    return { ok: false, code: 'unreadable', detail: `cannot read ${filePath}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, code: 'unreadable', detail: `${filePath} is not a file` };
    if (stat.size > MAX_INDEX_BYTES) return tooLarge(stat.size);
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_INDEX_BYTES) + 1);
    let size = 0;
    for (let n = -1; n !== 0 && size < buffer.length; size += n) n = fs.readSync(fd, buffer, size, buffer.length - size, null);
    if (size > MAX_INDEX_BYTES) return tooLarge(size);
    return { ok: true, data: buffer.subarray(0, size) };
  } finally {
    fs.closeSync(fd);
  }
}
