// Runs the import wizard's steps on a worker thread (Signal-style: long database work off the
// thread that serves windows, CONTRIBUTING.md "Heavy work off the main process"). Requests and
// results are plain data; progress arrives as it happens.
//
// One thread serves a wizard from the preview to the commit, one step at a time, and stays a few
// minutes after: loading the import's code (exceljs above all) costs about as much as previewing
// a 50,000-row sheet, the file's scan (xlsx-scan.ts) is remembered from the preview to the plan
// only within one thread, and the plan it made stays there, so the commit names it instead of
// copying 50,000 rows across twice and cleaning them all again (sealed.ts). A thread that ended
// (idle, or killed by a file) is replaced by a new one, and the commit then sends the plan whole.
//
// The thread runs under a memory cap: whatever a hostile file gets past the reading caps, it can at
// worst exhaust the thread's heap, which ends the thread (not the engine) and is reported as a failure.
import fs from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { tooLarge } from './import/limits';
import type { ContactsResult, ImportMapping, ImportOptions, ImportOutcome, ImportPlan, ImportPreview, ImportProgress, ProgressCallback } from './types';

/** One wizard step for the worker, with the store folder it opens. */
export type WorkerRequest = { storeDir: string; maxRows?: number } & (
  | { op: 'preview'; file: string; sheetIndex?: number }
  | { op: 'plan'; file: string; mapping: ImportMapping; options: ImportOptions }
  | { op: 'commit'; plan: ImportPlan }
);

/** What each step resolves to. */
export interface WorkerResults {
  preview: ImportPreview;
  plan: ImportPlan;
  commit: ImportOutcome;
}

/** A step as posted to the thread: a commit of a plan the thread made and still holds names it by key. */
export type WireRequest = WorkerRequest | ({ storeDir: string; maxRows?: number } & { op: 'commit'; planKey: string });

/** Messages from the worker, each about the request of that id. */
export type WorkerMessage =
  | { id: number; type: 'progress'; progress: ImportProgress }
  /** planKey: the name the thread keeps a plan it made under (op 'plan' only). */
  | { id: number; type: 'done'; result: ContactsResult<unknown>; planKey?: string }
  /** The thread no longer holds the plan named: send it whole. */
  | { id: number; type: 'plan-missing' };

/**
 * The worker's entry: worker.ts beside this file when running from source (tests, tsx, which the
 * worker inherits through execArgv); contacts-worker.js beside the bundle once built.
 */
function workerEntry(): string {
  const source = path.join(__dirname, 'worker.ts');
  return fs.existsSync(source) ? source : path.join(__dirname, 'contacts-worker.js');
}

/**
 * The worker's memory: a 200,000-row plan and its commit fit with room to spare (the 50,000-row
 * bench peaks near 300 MB for the whole process).
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 };

/** How long an idle thread (its code, its scans, its plans) is kept for the wizard's next step. */
export const IDLE_MS = 5 * 60_000;

export interface ImportWorkerOptions {
  resourceLimits?: ResourceLimits;
  idleMs?: number;
}

interface Pending {
  id: number;
  request: WorkerRequest;
  onProgress?: ProgressCallback;
  resolve(result: ContactsResult<unknown>): void;
}

interface Thread {
  worker: Worker;
  /** What ended it, when an error did. */
  error: Error | null;
}

/** The import's thread: steps run one after the other, on the same thread while it lives. */
export class ImportWorker {
  private thread: Thread | null = null;
  private current: Pending | null = null;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private started = 0;
  /** Plans made by a thread and kept there, by the plan object handed out. */
  private readonly kept = new WeakMap<ImportPlan, { thread: Thread; key: string }>();

  constructor(private readonly options: ImportWorkerOptions = {}) {}

  /** Runs the step when the steps before it have run. */
  run<R extends WorkerRequest>(request: R, onProgress?: ProgressCallback): Promise<ContactsResult<WorkerResults[R['op']]>> {
    if (this.closed) return Promise.resolve(stopped() as ContactsResult<WorkerResults[R['op']]>);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, request, onProgress, resolve: resolve as Pending['resolve'] });
      this.next();
    });
  }

  /** Threads started so far: one per wizard unless one ended in between. */
  get threadsStarted(): number {
    return this.started;
  }

  /** Starts the thread now (a file is being chosen), so that loading it overlaps the choice. */
  warm(): void {
    if (this.closed || this.thread) return;
    if (this.start()) this.idle();
  }

  /** Ends the thread; steps not finished fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(stopped());
    const thread = this.thread;
    if (thread) await thread.worker.terminate();
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    const thread = this.thread ?? this.start();
    if (!thread) {
      pending.resolve(notStarted());
      return this.next();
    }
    this.current = pending;
    this.busy();
    thread.worker.postMessage({ id: pending.id, request: this.wire(pending.request, thread) });
  }

  /** The request as posted: a plan this thread holds goes by its key. */
  private wire(request: WorkerRequest, thread: Thread): WireRequest {
    if (request.op !== 'commit') return request;
    const kept = this.kept.get(request.plan);
    if (kept?.thread !== thread) return request;
    const { plan: _plan, ...rest } = request;
    return { ...rest, planKey: kept.key };
  }

  private start(): Thread | null {
    let worker: Worker;
    try {
      worker = new Worker(workerEntry(), { resourceLimits: this.options.resourceLimits ?? WORKER_LIMITS });
    } catch {
      return null;
    }
    this.started++;
    const thread: Thread = { worker, error: null };
    worker.on('message', (message: WorkerMessage) => this.heard(thread, message));
    worker.on('error', (err) => (thread.error = err));
    worker.on('exit', (code) => this.ended(thread, code));
    this.thread = thread;
    return thread;
  }

  private heard(thread: Thread, message: WorkerMessage): void {
    const pending = this.current;
    if (thread !== this.thread || !pending || message.id !== pending.id) return;
    if (message.type === 'progress') return pending.onProgress?.(message.progress);
    if (message.type === 'plan-missing') return thread.worker.postMessage({ id: pending.id, request: pending.request });
    const { result } = message;
    if (result.ok && message.planKey && pending.request.op === 'plan') this.kept.set(result.value as ImportPlan, { thread, key: message.planKey });
    this.finish(result);
  }

  private ended(thread: Thread, code: number): void {
    if (thread !== this.thread) return;
    this.thread = null;
    this.clearIdle();
    if (this.current) this.finish(this.closed ? stopped() : tooLarge(deathCause(thread.error, code)));
  }

  private finish(result: ContactsResult<unknown>): void {
    const pending = this.current!;
    this.current = null;
    pending.resolve(result);
    this.next();
    if (!this.current) this.idle();
  }

  private busy(): void {
    this.clearIdle();
    this.thread?.worker.ref();
  }

  /** An idle thread keeps no process alive, and ends after idleMs. */
  private idle(): void {
    const thread = this.thread;
    if (!thread) return;
    thread.worker.unref();
    this.clearIdle();
    this.idleTimer = setTimeout(() => void thread.worker.terminate(), this.options.idleMs ?? IDLE_MS);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

function stopped(): ContactsResult<never> {
  return { ok: false, code: 'import-stopped', detail: 'L\u2019importazione è stata interrotta perché PecDesk si sta chiudendo: riaprilo e riprova.' };
}

function notStarted(): ContactsResult<never> {
  return { ok: false, code: 'import-stopped', detail: 'L\u2019importazione non è potuta partire (il sistema non ha avviato il suo thread): riprova; se succede ancora, riavvia PecDesk.' };
}

function deathCause(err: Error | null, code: number): string {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'la lettura ha esaurito la memoria concessa all\u2019importazione';
  return `l\u2019importazione si è interrotta: ${err?.message ?? `codice di uscita ${code}`}`;
}
